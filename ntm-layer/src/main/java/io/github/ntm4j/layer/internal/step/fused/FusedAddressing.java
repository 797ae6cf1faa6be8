package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.NtmEpsilons;

/**
 * Addressing (Graves et al. 2014, section 3.3; {@code NTM-MATH.md} step 3) of one head on one example,
 * forward and backward, over {@code double[]} with offsets. N is the number of memory rows, W their width.
 * Each method is the fused twin of the method of the same name in the SameDiff {@code AddressingGraph}.
 */
final class FusedAddressing {
    private final int rows;         // N
    private final int width;        // W
    private final int shiftRange;   // S

    FusedAddressing(int rows, int width, int shiftRange) {
        this.rows = rows;
        this.width = width;
        this.shiftRange = shiftRange;
    }

    /**
     * Content addressing (3.3.1): {@code K[n] = k·M[n] / sqrt(|k|²|M[n]|² + ε)}, {@code wc = softmax(β K)}.
     *
     * @param m     M_{t-1} [N, W] at mo; rowNorm2 |M[n]|² [N] at no; k [W] at ko
     * @param dot   receives k·M[n] [N]; rnorm receives 1/sqrt(|k|²|M[n]|² + ε) [N]; wc receives wc [N]
     */
    void contentWeights(double[] m, int mo, double[] rowNorm2, int no, double[] k, int ko, double beta,
                        double[] dot, int dotO, double[] rnorm, int rO, double[] wc, int wcO) {
        double keyNorm2 = 0;
        for (int i = 0; i < width; i++) {
            keyNorm2 += k[ko + i] * k[ko + i];
        }
        java.util.Arrays.fill(dot, dotO, dotO + rows, 0);
        DenseOps.addMatVec(m, mo, rows, width, k, ko, dot, dotO);   // k·M[n] for every row
        for (int n = 0; n < rows; n++) {
            double s = dot[dotO + n];
            // ε keeps 0/0 (zero key or zero row) and sqrt's infinite slope at 0 out of both passes.
            double r = 1.0 / Math.sqrt(rowNorm2[no + n] * keyNorm2 + NtmEpsilons.COSINE);
            dot[dotO + n] = s;
            rnorm[rO + n] = r;
            wc[wcO + n] = beta * s * r;                  // β K[n], the softmax's logits
        }
        DenseOps.softmax(wc, wcO, wc, wcO, rows);
    }

    /**
     * Backward of {@link #contentWeights}.
     *
     * @param dwc    dL/dwc [N] (scratch: overwritten)
     * @param dRow   scratch [N]
     * @param dk     receives dL/dk [W] (overwritten)
     * @param dm     dL/dM_{t-1} [N, W], added to
     * @return dL/dβ
     */
    double contentWeightsBackward(double[] m, int mo, double[] rowNorm2, int no, double[] k, int ko, double beta,
                                  double[] dot, int dotO, double[] rnorm, int rO, double[] wc, int wcO,
                                  double[] dwc, double[] dRow, double[] dk, double[] dm) {
        double keyNorm2 = 0;
        for (int i = 0; i < width; i++) {
            keyNorm2 += k[ko + i] * k[ko + i];
        }
        DenseOps.softmaxBackward(wc, wcO, dwc, 0, dwc, 0, rows);   // dwc now holds dL/d(βK)
        double dBeta = 0;
        double dKeyNorm2 = 0;
        for (int n = 0; n < rows; n++) {
            double r = rnorm[rO + n];
            double s = dot[dotO + n];
            dBeta += dwc[n] * s * r;
            double dK = beta * dwc[n];
            double dS = -0.5 * dK * s * r * r * r;    // d/dx of x^(-1/2), x = |k|²|M[n]|² + ε
            dwc[n] = dK * r;                          // dL/d(k·M[n])
            dRow[n] = dS * keyNorm2;                  // dL/d|M[n]|²
            dKeyNorm2 += dS * rowNorm2[no + n];
        }
        for (int i = 0; i < width; i++) {
            dk[i] = 2 * k[ko + i] * dKeyNorm2;
        }
        // dk += Σ_n dDot[n] M[n], dM[n] += dDot[n] k + 2 dRow[n] M[n]; four rows per pass over the
        // W-long rows, which are too short for the loop overhead to vanish on its own.
        int n = 0;
        for (; n + 3 < rows; n += 4) {
            int r0 = n * width, r1 = r0 + width, r2 = r1 + width, r3 = r2 + width;
            double a0 = dwc[n], a1 = dwc[n + 1], a2 = dwc[n + 2], a3 = dwc[n + 3];
            double b0 = 2 * dRow[n], b1 = 2 * dRow[n + 1], b2 = 2 * dRow[n + 2], b3 = 2 * dRow[n + 3];
            for (int i = 0; i < width; i++) {
                double m0 = m[mo + r0 + i], m1 = m[mo + r1 + i], m2 = m[mo + r2 + i], m3 = m[mo + r3 + i];
                double ki = k[ko + i];
                dk[i] += (a0 * m0 + a1 * m1) + (a2 * m2 + a3 * m3);
                dm[r0 + i] += a0 * ki + b0 * m0;
                dm[r1 + i] += a1 * ki + b1 * m1;
                dm[r2 + i] += a2 * ki + b2 * m2;
                dm[r3 + i] += a3 * ki + b3 * m3;
            }
        }
        for (; n < rows; n++) {
            int row = n * width;
            double a = dwc[n];
            double b = 2 * dRow[n];
            for (int i = 0; i < width; i++) {
                dk[i] += a * m[mo + row + i];
                dm[row + i] += a * k[ko + i] + b * m[mo + row + i];
            }
        }
        return dBeta;
    }

    /** Interpolation (3.3.2): {@code wg = w_prev + g (wc - w_prev)}, i.e. g wc + (1 - g) w_prev. */
    void interpolate(double g, double[] wc, int wcO, double[] prev, int pO, double[] wg, int wgO) {
        for (int n = 0; n < rows; n++) {
            wg[wgO + n] = prev[pO + n] + (wc[wcO + n] - prev[pO + n]) * g;
        }
    }

    /**
     * Backward of {@link #interpolate}.
     *
     * @param dwg   dL/dwg [N]; dwc receives dL/dwc [N]; dPrev dL/dw_prev [N] at dpO, added to
     * @return dL/dg
     */
    double interpolateBackward(double g, double[] wc, int wcO, double[] prev, int pO, double[] dwg, double[] dwc,
                               double[] dPrev, int dpO) {
        double dg = 0;
        for (int n = 0; n < rows; n++) {
            dg += dwg[n] * (wc[wcO + n] - prev[pO + n]);
            dwc[n] = g * dwg[n];
            dPrev[dpO + n] += (1 - g) * dwg[n];
        }
        return dg;
    }

    /**
     * Circular convolutional shift (3.3.2): {@code ws[n] = Σ_{j=-S..S} s_j · wg[(n - j) mod N]}, with s_j
     * element j+S of s. All weight on s_{+1} moves the focus from row n to row n+1.
     */
    void shift(double[] wg, int wgO, double[] s, int sO, double[] ws, int wsO) {
        java.util.Arrays.fill(ws, wsO, wsO + rows, 0);
        for (int j = -shiftRange; j <= shiftRange; j++) {
            double sj = s[sO + j + shiftRange];
            int by = Math.floorMod(j, rows);          // ws[n] += s_j wg[n - by], wrapping
            for (int n = by; n < rows; n++) {
                ws[wsO + n] += sj * wg[wgO + n - by];
            }
            for (int n = 0; n < by; n++) {
                ws[wsO + n] += sj * wg[wgO + n - by + rows];
            }
        }
    }

    /**
     * Backward of {@link #shift}.
     *
     * @param dws dL/dws [N]; dwg receives dL/dwg [N]; ds dL/ds [2S+1] at dsO, overwritten
     */
    void shiftBackward(double[] wg, int wgO, double[] s, int sO, double[] dws, double[] dwg, double[] ds, int dsO) {
        java.util.Arrays.fill(dwg, 0, rows, 0);
        for (int j = -shiftRange; j <= shiftRange; j++) {
            double sj = s[sO + j + shiftRange];
            int by = Math.floorMod(j, rows);
            double dsj = 0;
            for (int n = by; n < rows; n++) {
                dwg[n - by] += sj * dws[n];
                dsj += dws[n] * wg[wgO + n - by];
            }
            for (int n = 0; n < by; n++) {
                dwg[n - by + rows] += sj * dws[n];
                dsj += dws[n] * wg[wgO + n - by + rows];
            }
            ds[dsO + j + shiftRange] = dsj;
        }
    }

    /**
     * Sharpening (3.3.2): {@code w[n] = (ws[n] + ε)^γ / Σ_m (ws[m] + ε)^γ}, as exp(γ log(ws + ε)).
     * ε keeps 0^γ, whose gradient in γ goes through log 0, out of the backward pass.
     *
     * @param logs receives log(ws[n] + ε) [N] at logO, for {@link #sharpenBackward}
     */
    void sharpen(double[] ws, int wsO, double gamma, double[] w, int wO, double[] logs, int logO) {
        // (ws + ε)^γ / Σ (ws + ε)^γ = softmax(γ log(ws + ε)), max-shifted: a large γ cannot underflow every
        // power to 0 and give 0/0.
        for (int n = 0; n < rows; n++) {
            double log = Math.log(ws[wsO + n] + NtmEpsilons.SHARPEN);
            logs[logO + n] = log;
            w[wO + n] = gamma * log;
        }
        DenseOps.softmax(w, wO, w, wO, rows);
    }

    /**
     * Backward of {@link #sharpen}: with {@code δ[n] = w[n] (dw[n] - Σ_m w[m] dw[m])},
     * {@code dws[n] = γ δ[n] / (ws[n] + ε)} and {@code dγ = Σ_n δ[n] log(ws[n] + ε)}.
     *
     * @param logs log(ws[n] + ε) [N] at logO, as {@link #sharpen} kept them
     * @param dw   dL/dw [N]; dws receives dL/dws [N]
     * @return dL/dγ
     */
    double sharpenBackward(double[] ws, int wsO, double gamma, double[] w, int wO, double[] logs, int logO,
                           double[] dw, double[] dws) {
        double dot = 0;
        for (int n = 0; n < rows; n++) {
            dot += w[wO + n] * dw[n];
        }
        double dGamma = 0;
        for (int n = 0; n < rows; n++) {
            double delta = w[wO + n] * (dw[n] - dot);
            double base = ws[wsO + n] + NtmEpsilons.SHARPEN;
            dGamma += delta * logs[logO + n];
            dws[n] = gamma * delta / base;
        }
        return dGamma;
    }
}
