package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.NtmEpsilons;

/**
 * Addressing (Graves et al. 2014, section 3.3; {@code NTM-MATH.md} step 3) of one head on one example,
 * forward and backward, over {@code double[]} with offsets. N is the number of memory rows, W their width;
 * memory is held by columns, as {@link FusedMemory} describes. Each method is the fused twin of the method of
 * the same name in the SameDiff {@code AddressingGraph}.
 */
final class FusedAddressing {
    private final int rows;         // N
    private final int width;        // W
    private final int shiftRange;   // S
    private final FusedMemory memory;
    private final double[] twice;   // scratch [N]: 2 dL/d|M[n]|²

    FusedAddressing(int rows, int width, int shiftRange) {
        this(rows, width, shiftRange, new FusedMemory(rows, width));
    }

    /** Addressing that uses {@code memory} (and its scratch) for the product of a key with every row. */
    FusedAddressing(int rows, int width, int shiftRange, FusedMemory memory) {
        this.rows = rows;
        this.width = width;
        this.shiftRange = shiftRange;
        this.memory = memory;
        this.twice = new double[rows];
    }

    /**
     * Content addressing (3.3.1): {@code K[n] = k·M[n] / sqrt(|k|²|M[n]|² + ε)}, {@code wc = softmax(β K)}.
     *
     * @param m     M_{t-1} by columns from mo; rowNorm2 |M[n]|² [N] at no; k [W] at ko
     * @param dot   receives k·M[n] [N]; rnorm receives 1/sqrt(|k|²|M[n]|² + ε) [N]; wc receives wc [N]
     */
    void contentWeights(double[][] m, int mo, double[] rowNorm2, int no, double[] k, int ko, double beta,
                        double[] dot, int dotO, double[] rnorm, int rO, double[] wc, int wcO) {
        double keyNorm2 = 0;
        for (int i = 0; i < width; i++) {
            keyNorm2 += k[ko + i] * k[ko + i];
        }
        java.util.Arrays.fill(dot, dotO, dotO + rows, 0);
        memory.addTimes(m, mo, k, ko, dot, dotO);                  // k·M[n] for every row
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
     * @param dm     dL/dM_{t-1} by columns [W][N], added to
     * @return dL/dβ
     */
    double contentWeightsBackward(double[][] m, int mo, double[] rowNorm2, int no, double[] k, int ko, double beta,
                                  double[] dot, int dotO, double[] rnorm, int rO, double[] wc, int wcO,
                                  double[] dwc, double[] dRow, double[] dk, double[][] dm) {
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
        // dk += Σ_n dDot[n] M[n] (over the rows four at a time, grouped as the row layout did), and
        // dM[n] += dDot[n] k + 2 dRow[n] M[n], column by column.
        for (int n = 0; n < rows; n++) {
            twice[n] = 2 * dRow[n];
        }
        // The sums for dk four columns at a time: four independent chains of additions instead of one (past the
        // last column, the last again: the same sum computed twice).
        for (int i = 0; i < width; i += 4) {
            int i1 = Math.min(i + 1, width - 1), i2 = Math.min(i + 2, width - 1), i3 = Math.min(i + 3, width - 1);
            double[] c0 = m[mo + i], c1 = m[mo + i1], c2 = m[mo + i2], c3 = m[mo + i3];
            double s0 = dk[i], s1 = dk[i1], s2 = dk[i2], s3 = dk[i3];
            int n = 0;
            for (; n + 3 < rows; n += 4) {
                double a0 = dwc[n], a1 = dwc[n + 1], a2 = dwc[n + 2], a3 = dwc[n + 3];
                s0 += (a0 * c0[n] + a1 * c0[n + 1]) + (a2 * c0[n + 2] + a3 * c0[n + 3]);
                s1 += (a0 * c1[n] + a1 * c1[n + 1]) + (a2 * c1[n + 2] + a3 * c1[n + 3]);
                s2 += (a0 * c2[n] + a1 * c2[n + 1]) + (a2 * c2[n + 2] + a3 * c2[n + 3]);
                s3 += (a0 * c3[n] + a1 * c3[n + 1]) + (a2 * c3[n + 2] + a3 * c3[n + 3]);
            }
            for (; n < rows; n++) {
                s0 += dwc[n] * c0[n];
                s1 += dwc[n] * c1[n];
                s2 += dwc[n] * c2[n];
                s3 += dwc[n] * c3[n];
            }
            dk[i] = s0;
            dk[i1] = s1;
            dk[i2] = s2;
            dk[i3] = s3;
        }
        for (int i = 0; i < width; i++) {
            double[] c = m[mo + i];
            double[] dc = dm[i];
            double ki = k[ko + i];
            for (int n = 0; n < rows; n++) {
                dc[n] += dwc[n] * ki + twice[n] * c[n];
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
