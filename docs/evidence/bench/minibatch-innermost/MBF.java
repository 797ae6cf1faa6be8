import java.util.Random;

/**
 * The fused kernel's two hottest mechanisms (content addressing forward and backward, the one-head write backward),
 * as the kernel computes them example by example (each a verbatim copy of FusedAddressing / FusedMemory, offsets
 * dropped), against the same arithmetic with the minibatch innermost ([W][N*B], index n*B + b): every example's
 * values computed by the same operations in the same order, so the results must be bit for bit the same.
 * Usage: java MB.java B [N W]   prints ns per example for each form and whether every output is identical.
 */
public class MBF {
    static final double COSINE = 1e-8, EPS = COSINE;
    final int N, W, B;
    // per example: [b][i][n]
    double[][][] m, dm, dOut;
    double[][] k, rowNorm2, dot, rnorm, wc, dwcIn, dk, w, dw, dea;
    double[] beta, dBeta;
    double[][] ea; // per example: e at 0, a at W
    // minibatch innermost
    double[][] mI, dmI, dOutI;           // [W][N*B]
    double[] kI, rowNorm2I, dotI, rnormI, wcI, dwcInI, dkI, wI, dwI, eI, aI, deI, daI, betaI, dBetaI;
    // scratch
    double[] sums, twice, dwc, dRow, keyNorm2I, maxI, sumI, dKeyNorm2I, sumsI, twiceI, dwcI, dRowI;

    MBF(int B, int N, int W, long seed) {
        this.B = B; this.N = N; this.W = W;
        Random r = new Random(seed);
        m = new double[B][W][N]; dm = new double[B][W][N]; dOut = new double[B][W][N];
        k = new double[B][W]; rowNorm2 = new double[B][N]; dot = new double[B][N]; rnorm = new double[B][N];
        wc = new double[B][N]; dwcIn = new double[B][N]; dk = new double[B][W]; w = new double[B][N];
        dw = new double[B][N]; dea = new double[B][2 * W]; ea = new double[B][2 * W];
        beta = new double[B]; dBeta = new double[B];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < W; i++) { k[b][i] = r.nextGaussian(); ea[b][i] = r.nextDouble(); ea[b][W + i] = r.nextGaussian();
                for (int n = 0; n < N; n++) { m[b][i][n] = r.nextGaussian() * 0.3; dOut[b][i][n] = r.nextGaussian() * 0.01; } }
            for (int n = 0; n < N; n++) { dwcIn[b][n] = r.nextGaussian() * 0.01; w[b][n] = r.nextDouble() / N; }
            beta[b] = 1 + 5 * r.nextDouble();
            for (int n = 0; n < N; n++) { double s = 0; for (int i = 0; i < W; i++) s += m[b][i][n] * m[b][i][n]; rowNorm2[b][n] = s; }
        }
        mI = new double[W][N * B]; dmI = new double[W][N * B]; dOutI = new double[W][N * B];
        kI = new double[W * B]; rowNorm2I = new double[N * B]; dotI = new double[N * B]; rnormI = new double[N * B];
        wcI = new double[N * B]; dwcInI = new double[N * B]; dkI = new double[W * B]; wI = new double[N * B];
        dwI = new double[N * B]; eI = new double[W * B]; aI = new double[W * B]; deI = new double[W * B]; daI = new double[W * B];
        betaI = new double[B]; dBetaI = new double[B];
        for (int b = 0; b < B; b++) {
            betaI[b] = beta[b];
            for (int i = 0; i < W; i++) { kI[i * B + b] = k[b][i]; eI[i * B + b] = ea[b][i]; aI[i * B + b] = ea[b][W + i];
                for (int n = 0; n < N; n++) { mI[i][n * B + b] = m[b][i][n]; dOutI[i][n * B + b] = dOut[b][i][n]; } }
            for (int n = 0; n < N; n++) { rowNorm2I[n * B + b] = rowNorm2[b][n]; dwcInI[n * B + b] = dwcIn[b][n]; wI[n * B + b] = w[b][n]; }
        }
        sums = new double[N]; twice = new double[N]; dwc = new double[N]; dRow = new double[N];
        keyNorm2I = new double[B]; maxI = new double[B]; sumI = new double[B]; dKeyNorm2I = new double[B];
        sumsI = new double[N * B]; twiceI = new double[N * B]; dwcI = new double[N * B]; dRowI = new double[N * B];
    }

    // ---------------- example by example (the kernel's code) ----------------
    void perExample() {
        for (int b = 0; b < B; b++) {
            contentWeights(m[b], rowNorm2[b], k[b], beta[b], dot[b], rnorm[b], wc[b]);
            System.arraycopy(dwcIn[b], 0, dwc, 0, N);
            dBeta[b] = contentWeightsBackward(m[b], rowNorm2[b], k[b], beta[b], dot[b], rnorm[b], wc[b], dwc, dRow, dk[b], dm[b]);
            writeBackwardOneHead(m[b], w[b], ea[b], dOut[b], dm[b], dw[b], dea[b]);
        }
    }

    void contentWeights(double[][] m, double[] rowNorm2, double[] k, double beta, double[] dot, double[] rnorm, double[] wc) {
        double keyNorm2 = 0;
        for (int i = 0; i < W; i++) keyNorm2 += k[i] * k[i];
        java.util.Arrays.fill(sums, 0);
        for (int i = 0; i < W; i++) { double[] c = m[i]; double vi = k[i]; for (int n = 0; n < N; n++) sums[n] += c[n] * vi; }
        java.util.Arrays.fill(dot, 0);
        for (int n = 0; n < N; n++) dot[n] += sums[n];
        for (int n = 0; n < N; n++) {
            double s = dot[n];
            double r = 1.0 / Math.sqrt(rowNorm2[n] * keyNorm2 + COSINE);
            rnorm[n] = r;
            wc[n] = beta * s * r;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < N; i++) max = Math.max(max, wc[i]);
        double sum = 0;
        for (int i = 0; i < N; i++) { double e = Math.exp(wc[i] - max); wc[i] = e; sum += e; }
        double inv = 1.0 / sum;
        for (int i = 0; i < N; i++) wc[i] *= inv;
    }

    double contentWeightsBackward(double[][] m, double[] rowNorm2, double[] k, double beta, double[] dot, double[] rnorm,
                                  double[] wc, double[] dwc, double[] dRow, double[] dk, double[][] dm) {
        double keyNorm2 = 0;
        for (int i = 0; i < W; i++) keyNorm2 += k[i] * k[i];
        double sd = 0;
        for (int i = 0; i < N; i++) sd += wc[i] * dwc[i];
        for (int i = 0; i < N; i++) dwc[i] = wc[i] * (dwc[i] - sd);
        double dBeta = 0, dKeyNorm2 = 0;
        for (int n = 0; n < N; n++) {
            double r = rnorm[n], s = dot[n];
            dBeta += dwc[n] * s * r;
            double dK = beta * dwc[n];
            double dS = -0.5 * dK * s * r * r * r;
            dwc[n] = dK * r;
            dRow[n] = dS * keyNorm2;
            dKeyNorm2 += dS * rowNorm2[n];
        }
        for (int i = 0; i < W; i++) dk[i] = 2 * k[i] * dKeyNorm2;
        for (int n = 0; n < N; n++) twice[n] = 2 * dRow[n];
        for (int i = 0; i < W; i += 4) {
            int i1 = Math.min(i + 1, W - 1), i2 = Math.min(i + 2, W - 1), i3 = Math.min(i + 3, W - 1);
            double[] c0 = m[i], c1 = m[i1], c2 = m[i2], c3 = m[i3];
            double s0 = dk[i], s1 = dk[i1], s2 = dk[i2], s3 = dk[i3];
            int n = 0;
            for (; n + 3 < N; n += 4) {
                double a0 = dwc[n], a1 = dwc[n + 1], a2 = dwc[n + 2], a3 = dwc[n + 3];
                s0 += (a0 * c0[n] + a1 * c0[n + 1]) + (a2 * c0[n + 2] + a3 * c0[n + 3]);
                s1 += (a0 * c1[n] + a1 * c1[n + 1]) + (a2 * c1[n + 2] + a3 * c1[n + 3]);
                s2 += (a0 * c2[n] + a1 * c2[n + 1]) + (a2 * c2[n + 2] + a3 * c2[n + 3]);
                s3 += (a0 * c3[n] + a1 * c3[n + 1]) + (a2 * c3[n + 2] + a3 * c3[n + 3]);
            }
            dk[i] = s0; dk[i1] = s1; dk[i2] = s2; dk[i3] = s3;
        }
        for (int i = 0; i < W; i++) {
            double[] c = m[i], dc = dm[i]; double ki = k[i];
            for (int n = 0; n < N; n++) dc[n] += dwc[n] * ki + twice[n] * c[n];
        }
        return dBeta;
    }

    void writeBackwardOneHead(double[][] m, double[] wn, double[] ea, double[][] dOut, double[][] dm, double[] dw, double[] dea) {
        java.util.Arrays.fill(sums, 0);
        for (int i = 0; i < W; i++) {
            double[] d = dOut[i], c = m[i], dc = dm[i];
            double e = ea[i], a = ea[W + i];
            for (int n = 0; n < N; n++) {
                double x = d[n] * c[n];
                dc[n] += d[n] * (1 - wn[n] * e);
                sums[n] += d[n] * a - x * e;
            }
        }
        for (int i = 0; i < W; i += 2) {
            int j = Math.min(i + 1, W - 1);
            double[] d = dOut[i], c = m[i], dB = dOut[j], cB = m[j];
            double de = dea[i], da = dea[W + i], deB = dea[j], daB = dea[W + j];
            int n = 0;
            for (; n + 3 < N; n += 4) {
                double w0 = wn[n], w1 = wn[n + 1], w2 = wn[n + 2], w3 = wn[n + 3];
                double d0 = d[n], d1 = d[n + 1], d2 = d[n + 2], d3 = d[n + 3];
                double x0 = d0 * c[n], x1 = d1 * c[n + 1], x2 = d2 * c[n + 2], x3 = d3 * c[n + 3];
                de -= (x0 * w0 + x1 * w1) + (x2 * w2 + x3 * w3);
                da += (d0 * w0 + d1 * w1) + (d2 * w2 + d3 * w3);
                double e0 = dB[n], e1 = dB[n + 1], e2 = dB[n + 2], e3 = dB[n + 3];
                double y0 = e0 * cB[n], y1 = e1 * cB[n + 1], y2 = e2 * cB[n + 2], y3 = e3 * cB[n + 3];
                deB -= (y0 * w0 + y1 * w1) + (y2 * w2 + y3 * w3);
                daB += (e0 * w0 + e1 * w1) + (e2 * w2 + e3 * w3);
            }
            dea[i] = de; dea[W + i] = da; dea[j] = deB; dea[W + j] = daB;
        }
        for (int n = 0; n < N; n++) dw[n] += sums[n];
    }


    float[][][] mF, dmF, dOutF; float[][] kF, rowNorm2F, dotF, rnormF, wcF, dwcInF, dkF, wF, dwF, deaF, eaF; float[] betaF, dBetaF, sumsF, twiceF, dwcF, dRowF;
    void initF() {
        mF = new float[B][W][N]; dmF = new float[B][W][N]; dOutF = new float[B][W][N]; kF = new float[B][W]; rowNorm2F = new float[B][N];
        dotF = new float[B][N]; rnormF = new float[B][N]; wcF = new float[B][N]; dwcInF = new float[B][N]; dkF = new float[B][W]; wF = new float[B][N];
        dwF = new float[B][N]; deaF = new float[B][2 * W]; eaF = new float[B][2 * W]; betaF = new float[B]; dBetaF = new float[B];
        sumsF = new float[N]; twiceF = new float[N]; dwcF = new float[N]; dRowF = new float[N];
        for (int b = 0; b < B; b++) { betaF[b] = (float) beta[b];
            for (int i = 0; i < W; i++) { kF[b][i] = (float) k[b][i]; for (int n = 0; n < N; n++) { mF[b][i][n] = (float) m[b][i][n]; dOutF[b][i][n] = (float) dOut[b][i][n]; } }
            for (int i = 0; i < 2 * W; i++) eaF[b][i] = (float) ea[b][i];
            for (int n = 0; n < N; n++) { rowNorm2F[b][n] = (float) rowNorm2[b][n]; dwcInF[b][n] = (float) dwcIn[b][n]; wF[b][n] = (float) w[b][n]; } }
    }
    // ---------------- example by example (the kernel's code) ----------------
    void perExampleF() {
        for (int b = 0; b < B; b++) {
            contentWeightsF(mF[b], rowNorm2F[b], kF[b], betaF[b], dotF[b], rnormF[b], wcF[b]);
            System.arraycopy(dwcInF[b], 0, dwcF, 0, N);
            dBetaF[b] = contentWeightsBackwardF(mF[b], rowNorm2F[b], kF[b], betaF[b], dotF[b], rnormF[b], wcF[b], dwcF, dRowF, dkF[b], dmF[b]);
            writeBackwardOneHeadF(mF[b], wF[b], eaF[b], dOutF[b], dmF[b], dwF[b], deaF[b]);
        }
    }

    void contentWeightsF(float[][] m, float[] rowNorm2, float[] k, float beta, float[] dot, float[] rnorm, float[] wc) {
        float keyNorm2 = 0;
        for (int i = 0; i < W; i++) keyNorm2 += k[i] * k[i];
        java.util.Arrays.fill(sumsF, 0);
        for (int i = 0; i < W; i++) { float[] c = m[i]; float vi = k[i]; for (int n = 0; n < N; n++) sumsF[n] += c[n] * vi; }
        java.util.Arrays.fill(dot, 0);
        for (int n = 0; n < N; n++) dot[n] += sumsF[n];
        for (int n = 0; n < N; n++) {
            float s = dot[n];
            float r = (float) (1.0 / Math.sqrt(rowNorm2[n] * keyNorm2 + COSINE));
            rnorm[n] = r;
            wc[n] = beta * s * r;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < N; i++) max = Math.max(max, wc[i]);
        float sum = 0;
        for (int i = 0; i < N; i++) { float e = (float) Math.exp(wc[i] - max); wc[i] = e; sum += e; }
        float inv = 1.0f / sum;
        for (int i = 0; i < N; i++) wc[i] *= inv;
    }

    float contentWeightsBackwardF(float[][] m, float[] rowNorm2, float[] k, float beta, float[] dot, float[] rnorm,
                                  float[] wc, float[] dwc, float[] dRow, float[] dk, float[][] dm) {
        float keyNorm2 = 0;
        for (int i = 0; i < W; i++) keyNorm2 += k[i] * k[i];
        float sd = 0;
        for (int i = 0; i < N; i++) sd += wc[i] * dwc[i];
        for (int i = 0; i < N; i++) dwc[i] = wc[i] * (dwc[i] - sd);
        float dBeta = 0, dKeyNorm2 = 0;
        for (int n = 0; n < N; n++) {
            float r = rnorm[n], s = dot[n];
            dBeta += dwc[n] * s * r;
            float dK = beta * dwc[n];
            float dS = -0.5f * dK * s * r * r * r;
            dwc[n] = dK * r;
            dRow[n] = dS * keyNorm2;
            dKeyNorm2 += dS * rowNorm2[n];
        }
        for (int i = 0; i < W; i++) dk[i] = 2 * k[i] * dKeyNorm2;
        for (int n = 0; n < N; n++) twiceF[n] = 2 * dRow[n];
        for (int i = 0; i < W; i += 4) {
            int i1 = Math.min(i + 1, W - 1), i2 = Math.min(i + 2, W - 1), i3 = Math.min(i + 3, W - 1);
            float[] c0 = m[i], c1 = m[i1], c2 = m[i2], c3 = m[i3];
            float s0 = dk[i], s1 = dk[i1], s2 = dk[i2], s3 = dk[i3];
            int n = 0;
            for (; n + 3 < N; n += 4) {
                float a0 = dwc[n], a1 = dwc[n + 1], a2 = dwc[n + 2], a3 = dwc[n + 3];
                s0 += (a0 * c0[n] + a1 * c0[n + 1]) + (a2 * c0[n + 2] + a3 * c0[n + 3]);
                s1 += (a0 * c1[n] + a1 * c1[n + 1]) + (a2 * c1[n + 2] + a3 * c1[n + 3]);
                s2 += (a0 * c2[n] + a1 * c2[n + 1]) + (a2 * c2[n + 2] + a3 * c2[n + 3]);
                s3 += (a0 * c3[n] + a1 * c3[n + 1]) + (a2 * c3[n + 2] + a3 * c3[n + 3]);
            }
            dk[i] = s0; dk[i1] = s1; dk[i2] = s2; dk[i3] = s3;
        }
        for (int i = 0; i < W; i++) {
            float[] c = m[i], dc = dm[i]; float ki = k[i];
            for (int n = 0; n < N; n++) dc[n] += dwc[n] * ki + twiceF[n] * c[n];
        }
        return dBeta;
    }

    void writeBackwardOneHeadF(float[][] m, float[] wn, float[] ea, float[][] dOut, float[][] dm, float[] dw, float[] dea) {
        java.util.Arrays.fill(sumsF, 0);
        for (int i = 0; i < W; i++) {
            float[] d = dOut[i], c = m[i], dc = dm[i];
            float e = ea[i], a = ea[W + i];
            for (int n = 0; n < N; n++) {
                float x = d[n] * c[n];
                dc[n] += d[n] * (1 - wn[n] * e);
                sumsF[n] += d[n] * a - x * e;
            }
        }
        for (int i = 0; i < W; i += 2) {
            int j = Math.min(i + 1, W - 1);
            float[] d = dOut[i], c = m[i], dB = dOut[j], cB = m[j];
            float de = dea[i], da = dea[W + i], deB = dea[j], daB = dea[W + j];
            int n = 0;
            for (; n + 3 < N; n += 4) {
                float w0 = wn[n], w1 = wn[n + 1], w2 = wn[n + 2], w3 = wn[n + 3];
                float d0 = d[n], d1 = d[n + 1], d2 = d[n + 2], d3 = d[n + 3];
                float x0 = d0 * c[n], x1 = d1 * c[n + 1], x2 = d2 * c[n + 2], x3 = d3 * c[n + 3];
                de -= (x0 * w0 + x1 * w1) + (x2 * w2 + x3 * w3);
                da += (d0 * w0 + d1 * w1) + (d2 * w2 + d3 * w3);
                float e0 = dB[n], e1 = dB[n + 1], e2 = dB[n + 2], e3 = dB[n + 3];
                float y0 = e0 * cB[n], y1 = e1 * cB[n + 1], y2 = e2 * cB[n + 2], y3 = e3 * cB[n + 3];
                deB -= (y0 * w0 + y1 * w1) + (y2 * w2 + y3 * w3);
                daB += (e0 * w0 + e1 * w1) + (e2 * w2 + e3 * w3);
            }
            dea[i] = de; dea[W + i] = da; dea[j] = deB; dea[W + j] = daB;
        }
        for (int n = 0; n < N; n++) dw[n] += sumsF[n];
    }

    // ---------------- minibatch innermost ----------------
    void innermost() {
        System.arraycopy(dwcInI, 0, dwcI, 0, N * B);
        contentWeightsI();
        contentWeightsBackwardI();
        writeBackwardOneHeadI();
    }

    void contentWeightsI() {
        java.util.Arrays.fill(keyNorm2I, 0);
        for (int i = 0; i < W; i++) { int o = i * B; for (int b = 0; b < B; b++) keyNorm2I[b] += kI[o + b] * kI[o + b]; }
        java.util.Arrays.fill(sumsI, 0);
        for (int i = 0; i < W; i++) {
            double[] c = mI[i]; int o = i * B;
            for (int n = 0; n < N; n++) { int nb = n * B; for (int b = 0; b < B; b++) sumsI[nb + b] += c[nb + b] * kI[o + b]; }
        }
        java.util.Arrays.fill(dotI, 0);
        for (int x = 0; x < N * B; x++) dotI[x] += sumsI[x];
        java.util.Arrays.fill(maxI, Double.NEGATIVE_INFINITY);
        for (int n = 0; n < N; n++) {
            int nb = n * B;
            for (int b = 0; b < B; b++) {
                double s = dotI[nb + b];
                double r = 1.0 / Math.sqrt(rowNorm2I[nb + b] * keyNorm2I[b] + COSINE);
                rnormI[nb + b] = r;
                double z = betaI[b] * s * r;
                wcI[nb + b] = z;
                maxI[b] = Math.max(maxI[b], z);
            }
        }
        java.util.Arrays.fill(sumI, 0);
        for (int n = 0; n < N; n++) { int nb = n * B; for (int b = 0; b < B; b++) { double e = Math.exp(wcI[nb + b] - maxI[b]); wcI[nb + b] = e; sumI[b] += e; } }
        for (int b = 0; b < B; b++) sumI[b] = 1.0 / sumI[b];
        for (int n = 0; n < N; n++) { int nb = n * B; for (int b = 0; b < B; b++) wcI[nb + b] *= sumI[b]; }
    }

    void contentWeightsBackwardI() {
        // keyNorm2I as the forward left it (the kernel recomputes it: the same doubles)
        java.util.Arrays.fill(sumI, 0);
        for (int n = 0; n < N; n++) { int nb = n * B; for (int b = 0; b < B; b++) sumI[b] += wcI[nb + b] * dwcI[nb + b]; }
        for (int n = 0; n < N; n++) { int nb = n * B; for (int b = 0; b < B; b++) dwcI[nb + b] = wcI[nb + b] * (dwcI[nb + b] - sumI[b]); }
        java.util.Arrays.fill(dBetaI, 0);
        java.util.Arrays.fill(dKeyNorm2I, 0);
        for (int n = 0; n < N; n++) {
            int nb = n * B;
            for (int b = 0; b < B; b++) {
                double r = rnormI[nb + b], s = dotI[nb + b];
                double g = dwcI[nb + b];
                dBetaI[b] += g * s * r;
                double dK = betaI[b] * g;
                double dS = -0.5 * dK * s * r * r * r;
                dwcI[nb + b] = dK * r;
                dRowI[nb + b] = dS * keyNorm2I[b];
                dKeyNorm2I[b] += dS * rowNorm2I[nb + b];
            }
        }
        for (int i = 0; i < W; i++) { int o = i * B; for (int b = 0; b < B; b++) dkI[o + b] = 2 * kI[o + b] * dKeyNorm2I[b]; }
        for (int x = 0; x < N * B; x++) twiceI[x] = 2 * dRowI[x];
        for (int i = 0; i < W; i++) {           // the column sums run over n in fours, grouped as the kernel does
            double[] c = mI[i]; int o = i * B;
            for (int n = 0; n + 3 < N; n += 4) {
                int n0 = n * B, n1 = n0 + B, n2 = n1 + B, n3 = n2 + B;
                for (int b = 0; b < B; b++) {
                    dkI[o + b] += (dwcI[n0 + b] * c[n0 + b] + dwcI[n1 + b] * c[n1 + b])
                            + (dwcI[n2 + b] * c[n2 + b] + dwcI[n3 + b] * c[n3 + b]);
                }
            }
        }
        for (int i = 0; i < W; i++) {
            double[] c = mI[i], dc = dmI[i]; int o = i * B;
            for (int n = 0; n < N; n++) { int nb = n * B; for (int b = 0; b < B; b++) dc[nb + b] += dwcI[nb + b] * kI[o + b] + twiceI[nb + b] * c[nb + b]; }
        }
    }

    void writeBackwardOneHeadI() {
        java.util.Arrays.fill(sumsI, 0);
        for (int i = 0; i < W; i++) {
            double[] d = dOutI[i], c = mI[i], dc = dmI[i]; int o = i * B;
            for (int n = 0; n < N; n++) {
                int nb = n * B;
                for (int b = 0; b < B; b++) {
                    double dd = d[nb + b], x = dd * c[nb + b], e = eI[o + b];
                    dc[nb + b] += dd * (1 - wI[nb + b] * e);
                    sumsI[nb + b] += dd * aI[o + b] - x * e;
                }
            }
        }
        for (int i = 0; i < W; i++) {
            double[] d = dOutI[i], c = mI[i]; int o = i * B;
            for (int n = 0; n + 3 < N; n += 4) {
                int n0 = n * B, n1 = n0 + B, n2 = n1 + B, n3 = n2 + B;
                for (int b = 0; b < B; b++) {
                    double w0 = wI[n0 + b], w1 = wI[n1 + b], w2 = wI[n2 + b], w3 = wI[n3 + b];
                    double d0 = d[n0 + b], d1 = d[n1 + b], d2 = d[n2 + b], d3 = d[n3 + b];
                    deI[o + b] -= (d0 * c[n0 + b] * w0 + d1 * c[n1 + b] * w1) + (d2 * c[n2 + b] * w2 + d3 * c[n3 + b] * w3);
                    daI[o + b] += (d0 * w0 + d1 * w1) + (d2 * w2 + d3 * w3);
                }
            }
        }
        for (int x = 0; x < N * B; x++) dwI[x] += sumsI[x];
    }

    void reset() {
        for (int b = 0; b < B; b++) { for (double[] r : dm[b]) java.util.Arrays.fill(r, 0); java.util.Arrays.fill(dw[b], 0); java.util.Arrays.fill(dea[b], 0); }
        for (double[] r : dmI) java.util.Arrays.fill(r, 0);
        java.util.Arrays.fill(dwI, 0); java.util.Arrays.fill(deI, 0); java.util.Arrays.fill(daI, 0);
    }

    boolean identical() {
        for (int b = 0; b < B; b++) {
            if (Double.doubleToLongBits(dBeta[b]) != Double.doubleToLongBits(dBetaI[b])) return false;
            for (int n = 0; n < N; n++) {
                if (Double.doubleToLongBits(wc[b][n]) != Double.doubleToLongBits(wcI[n * B + b])) return false;
                if (Double.doubleToLongBits(dw[b][n]) != Double.doubleToLongBits(dwI[n * B + b])) return false;
                for (int i = 0; i < W; i++)
                    if (Double.doubleToLongBits(dm[b][i][n]) != Double.doubleToLongBits(dmI[i][n * B + b])) return false;
            }
            for (int i = 0; i < W; i++) {
                if (Double.doubleToLongBits(dk[b][i]) != Double.doubleToLongBits(dkI[i * B + b])) return false;
                if (Double.doubleToLongBits(dea[b][i]) != Double.doubleToLongBits(deI[i * B + b])) return false;
                if (Double.doubleToLongBits(dea[b][W + i]) != Double.doubleToLongBits(daI[i * B + b])) return false;
            }
        }
        return true;
    }


    // ---------------- minibatch innermost, every lane its own array at offset 0: [W][N][B] ----------------
    double[][][] mL, dmL, dOutL;
    double[][] kL, eL, aL, deL, daL, dkL, rowNorm2L, dotL, rnormL, wcL, dwcL, dwcInL, dRowL, twiceL, sumsL, wL, dwL;
    double[] s0L;
    void initLanes() {
        mL = new double[W][N][B]; dmL = new double[W][N][B]; dOutL = new double[W][N][B];
        kL = new double[W][B]; eL = new double[W][B]; aL = new double[W][B]; deL = new double[W][B]; daL = new double[W][B]; dkL = new double[W][B];
        rowNorm2L = new double[N][B]; dotL = new double[N][B]; rnormL = new double[N][B]; wcL = new double[N][B]; dwcL = new double[N][B];
        dwcInL = new double[N][B]; dRowL = new double[N][B]; twiceL = new double[N][B]; sumsL = new double[N][B]; wL = new double[N][B]; dwL = new double[N][B];
        s0L = new double[B];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < W; i++) { kL[i][b] = k[b][i]; eL[i][b] = ea[b][i]; aL[i][b] = ea[b][W + i];
                for (int n = 0; n < N; n++) { mL[i][n][b] = m[b][i][n]; dOutL[i][n][b] = dOut[b][i][n]; } }
            for (int n = 0; n < N; n++) { rowNorm2L[n][b] = rowNorm2[b][n]; dwcInL[n][b] = dwcIn[b][n]; wL[n][b] = w[b][n]; }
        }
    }
    void lanes() {
        for (int n = 0; n < N; n++) System.arraycopy(dwcInL[n], 0, dwcL[n], 0, B);
        // content forward
        double[] kn2 = keyNorm2I, mx = maxI, sm = sumI;
        java.util.Arrays.fill(kn2, 0);
        for (int i = 0; i < W; i++) { double[] ki = kL[i]; for (int b = 0; b < B; b++) kn2[b] += ki[b] * ki[b]; }
        for (int n = 0; n < N; n++) java.util.Arrays.fill(sumsL[n], 0);
        for (int i = 0; i < W; i++) { double[][] c = mL[i]; double[] ki = kL[i];
            for (int n = 0; n < N; n++) { double[] cn = c[n], s = sumsL[n]; for (int b = 0; b < B; b++) s[b] += cn[b] * ki[b]; } }
        java.util.Arrays.fill(mx, Double.NEGATIVE_INFINITY);
        for (int n = 0; n < N; n++) {
            double[] d = dotL[n], s = sumsL[n], r = rnormL[n], z = wcL[n], rn = rowNorm2L[n];
            for (int b = 0; b < B; b++) { d[b] = 0 + s[b]; }
            for (int b = 0; b < B; b++) { double rr = 1.0 / Math.sqrt(rn[b] * kn2[b] + COSINE); r[b] = rr; z[b] = betaI[b] * d[b] * rr; }
            for (int b = 0; b < B; b++) mx[b] = Math.max(mx[b], z[b]);
        }
        java.util.Arrays.fill(sm, 0);
        for (int n = 0; n < N; n++) { double[] z = wcL[n]; for (int b = 0; b < B; b++) { double e = Math.exp(z[b] - mx[b]); z[b] = e; sm[b] += e; } }
        for (int b = 0; b < B; b++) sm[b] = 1.0 / sm[b];
        for (int n = 0; n < N; n++) { double[] z = wcL[n]; for (int b = 0; b < B; b++) z[b] *= sm[b]; }
        // content backward
        double[] sd = s0L; java.util.Arrays.fill(sd, 0);
        for (int n = 0; n < N; n++) { double[] y = wcL[n], g = dwcL[n]; for (int b = 0; b < B; b++) sd[b] += y[b] * g[b]; }
        for (int n = 0; n < N; n++) { double[] y = wcL[n], g = dwcL[n]; for (int b = 0; b < B; b++) g[b] = y[b] * (g[b] - sd[b]); }
        double[] dBeta = dBetaI, dKn2 = dKeyNorm2I; java.util.Arrays.fill(dBeta, 0); java.util.Arrays.fill(dKn2, 0);
        for (int n = 0; n < N; n++) {
            double[] r = rnormL[n], s = dotL[n], g = dwcL[n], dr = dRowL[n], rn = rowNorm2L[n];
            for (int b = 0; b < B; b++) {
                double rr = r[b], ss = s[b];
                dBeta[b] += g[b] * ss * rr;
                double dK = betaI[b] * g[b];
                double dS = -0.5 * dK * ss * rr * rr * rr;
                g[b] = dK * rr;
                dr[b] = dS * kn2[b];
                dKn2[b] += dS * rn[b];
            }
        }
        for (int i = 0; i < W; i++) { double[] dk = dkL[i], ki = kL[i]; for (int b = 0; b < B; b++) dk[b] = 2 * ki[b] * dKn2[b]; }
        for (int n = 0; n < N; n++) { double[] t = twiceL[n], dr = dRowL[n]; for (int b = 0; b < B; b++) t[b] = 2 * dr[b]; }
        for (int i = 0; i < W; i++) { double[][] c = mL[i]; double[] dk = dkL[i];
            for (int n = 0; n + 3 < N; n += 4) {
                double[] c0 = c[n], c1 = c[n + 1], c2 = c[n + 2], c3 = c[n + 3], g0 = dwcL[n], g1 = dwcL[n + 1], g2 = dwcL[n + 2], g3 = dwcL[n + 3];
                for (int b = 0; b < B; b++) dk[b] += (g0[b] * c0[b] + g1[b] * c1[b]) + (g2[b] * c2[b] + g3[b] * c3[b]);
            } }
        for (int i = 0; i < W; i++) { double[][] c = mL[i], dc = dmL[i]; double[] ki = kL[i];
            for (int n = 0; n < N; n++) { double[] cn = c[n], dcn = dc[n], g = dwcL[n], t = twiceL[n];
                for (int b = 0; b < B; b++) dcn[b] += g[b] * ki[b] + t[b] * cn[b]; } }
        // write backward, one head
        for (int n = 0; n < N; n++) java.util.Arrays.fill(sumsL[n], 0);
        for (int i = 0; i < W; i++) { double[][] d = dOutL[i], c = mL[i], dc = dmL[i]; double[] e = eL[i], a = aL[i];
            for (int n = 0; n < N; n++) { double[] dn = d[n], cn = c[n], dcn = dc[n], wn = wL[n], s = sumsL[n];
                for (int b = 0; b < B; b++) { double dd = dn[b], x = dd * cn[b]; dcn[b] += dd * (1 - wn[b] * e[b]); s[b] += dd * a[b] - x * e[b]; } } }
        for (int i = 0; i < W; i++) { double[][] d = dOutL[i], c = mL[i]; double[] de = deL[i], da = daL[i];
            for (int n = 0; n + 3 < N; n += 4) {
                double[] w0 = wL[n], w1 = wL[n + 1], w2 = wL[n + 2], w3 = wL[n + 3], d0 = d[n], d1 = d[n + 1], d2 = d[n + 2], d3 = d[n + 3];
                double[] c0 = c[n], c1 = c[n + 1], c2 = c[n + 2], c3 = c[n + 3];
                for (int b = 0; b < B; b++) {
                    de[b] -= (d0[b] * c0[b] * w0[b] + d1[b] * c1[b] * w1[b]) + (d2[b] * c2[b] * w2[b] + d3[b] * c3[b] * w3[b]);
                    da[b] += (d0[b] * w0[b] + d1[b] * w1[b]) + (d2[b] * w2[b] + d3[b] * w3[b]);
                } } }
        for (int n = 0; n < N; n++) { double[] dw = dwL[n], s = sumsL[n]; for (int b = 0; b < B; b++) dw[b] += s[b]; }
    }
    void resetLanes() { for (double[][] x : dmL) for (double[] r : x) java.util.Arrays.fill(r, 0); for (double[] r : dwL) java.util.Arrays.fill(r, 0);
        for (double[] r : deL) java.util.Arrays.fill(r, 0); for (double[] r : daL) java.util.Arrays.fill(r, 0); }
    boolean identicalLanes() {
        for (int b = 0; b < B; b++) {
            for (int n = 0; n < N; n++) {
                if (Double.doubleToLongBits(wc[b][n]) != Double.doubleToLongBits(wcL[n][b])) return false;
                if (Double.doubleToLongBits(dw[b][n]) != Double.doubleToLongBits(dwL[n][b])) return false;
                for (int i = 0; i < W; i++) if (Double.doubleToLongBits(dm[b][i][n]) != Double.doubleToLongBits(dmL[i][n][b])) return false;
            }
            for (int i = 0; i < W; i++) {
                if (Double.doubleToLongBits(dk[b][i]) != Double.doubleToLongBits(dkL[i][b])) return false;
                if (Double.doubleToLongBits(dea[b][i]) != Double.doubleToLongBits(deL[i][b])) return false;
                if (Double.doubleToLongBits(dea[b][W + i]) != Double.doubleToLongBits(daL[i][b])) return false;
            }
        }
        return true;
    }

    public static void main(String[] a) {
        int B = Integer.parseInt(a[0]);
        MBF x = new MBF(B, 128, 20, 42);
        x.initF();
        int reps = Math.max(20, 200000 / B);
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) x.perExample();
            long t1 = System.nanoTime();
            for (int r = 0; r < reps; r++) x.perExampleF();
            long t2 = System.nanoTime();
            double rel = 0;
            for (int b = 0; b < B; b++) for (int i = 0; i < 20; i++) rel = Math.max(rel, Math.abs(x.dk[b][i] - x.dkF[b][i]) / Math.max(1e-30, Math.abs(x.dk[b][i])));
            if (round >= 2) System.out.printf("B=%d per-example double %.0f ns  float %.0f ns per example  ratio %.2f  (dk max rel diff %.1e)%n",
                    B, (t1 - t0) / (double) reps / B, (t2 - t1) / (double) reps / B, (t1 - t0) / (double) (t2 - t1), rel);
        }
    }
}
