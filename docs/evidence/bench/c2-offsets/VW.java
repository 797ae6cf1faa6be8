public class VW {
    static final int N = 128, W = 20;
    static void writeFlat(double[] m, int mo, double[] w, int wo, double[] ea, int eo, int ao, double[] out, int oo) {
        int n = 0;
        for (; n + 3 < N; n += 4) {
            int r0 = n * W, r1 = r0 + W, r2 = r1 + W, r3 = r2 + W;
            double w0 = w[wo + n], w1 = w[wo + n + 1], w2 = w[wo + n + 2], w3 = w[wo + n + 3];
            for (int i = 0; i < W; i++) {
                double e = ea[eo + i], a = ea[ao + i];
                out[oo + r0 + i] = m[mo + r0 + i] * (1 - w0 * e) + w0 * a;
                out[oo + r1 + i] = m[mo + r1 + i] * (1 - w1 * e) + w1 * a;
                out[oo + r2 + i] = m[mo + r2 + i] * (1 - w2 * e) + w2 * a;
                out[oo + r3 + i] = m[mo + r3 + i] * (1 - w3 * e) + w3 * a;
            }
        }
    }
    static void writeRows(double[][] m, double[] w, int wo, double[] e, double[] a, double[][] out) {
        for (int n = 0; n < N; n++) {
            double wn = w[wo + n];
            double[] mr = m[n], or = out[n];
            for (int i = 0; i < W; i++) {
                or[i] = mr[i] * (1 - wn * e[i]) + wn * a[i];
            }
        }
    }
    // memory transposed [W][N]: columns as rows of length N
    static void writeCols(double[][] mT, double[] w, double[] e, double[] a, double[][] outT) {
        for (int i = 0; i < W; i++) {
            double ei = e[i], ai = a[i];
            double[] mc = mT[i], oc = outT[i];
            for (int n = 0; n < N; n++) {
                oc[n] = mc[n] * (1 - w[n] * ei) + w[n] * ai;
            }
        }
    }
    public static void main(String[] args) {
        java.util.Random r = new java.util.Random(1);
        double[] m = new double[5 + N * W], out = new double[3 + N * W], w = new double[7 + N], ea = new double[2 * W + 9];
        for (int i = 0; i < m.length; i++) m[i] = r.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = r.nextDouble();
        for (int i = 0; i < ea.length; i++) ea[i] = r.nextDouble();
        double[][] mr = new double[N][W], outr = new double[N][W], mT = new double[W][N], oT = new double[W][N];
        for (int n = 0; n < N; n++) for (int i = 0; i < W; i++) { mr[n][i] = m[5 + n * W + i]; mT[i][n] = mr[n][i]; }
        double[] e = java.util.Arrays.copyOfRange(ea, 9, 9 + W), a = java.util.Arrays.copyOfRange(ea, 9 + W, 9 + 2 * W);
        double[] w0 = java.util.Arrays.copyOfRange(w, 7, 7 + N);
        for (int rep = 0; rep < 5; rep++) {
            int it = 200000;
            long t0 = System.nanoTime();
            for (int k = 0; k < it; k++) writeFlat(m, 5, w, 7, ea, 9, 9 + W, out, 3);
            long t1 = System.nanoTime();
            for (int k = 0; k < it; k++) writeRows(mr, w, 7, e, a, outr);
            long t2 = System.nanoTime();
            for (int k = 0; k < it; k++) writeCols(mT, w0, e, a, oT);
            long t3 = System.nanoTime();
            boolean same = true;
            for (int n = 0; n < N; n++) for (int i = 0; i < W; i++) same &= out[3 + n * W + i] == outr[n][i] && outr[n][i] == oT[i][n];
            System.out.printf("flat %.0f ns  rows %.0f ns  cols %.0f ns  same=%b%n", (t1 - t0) / (double) it, (t2 - t1) / (double) it, (t3 - t2) / (double) it, same);
        }
    }
}
