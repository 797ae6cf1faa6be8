package io.github.ntm4j.layer.internal.step.fused;

/**
 * Reading and writing memory (Graves et al. 2014, sections 3.1 and 3.2; {@code NTM-MATH.md} steps 4
 * and 5) on one example, forward and backward. The fused twin of the SameDiff {@code MemoryGraph}.
 *
 * <p>Memory is held by columns: M[n, i] is {@code m[mo + i][n]}, each column an array of its own of the N rows
 * ({@link FusedTape#memory}). The loops over the N rows then index every array at offset 0, the form JDK 17's C2
 * vectorises (it does not vectorise a loop whose indices carry a loop-invariant offset, as the W-long rows of a
 * flat [N, W] layout did). Every value is computed with the same operations in the same order as over rows, so
 * the results are bit for bit those of the row layout: sums over the W columns of a row run column by column in
 * place (in axpy form), sums over the N rows of a column run row by row with the same grouping.
 */
final class FusedMemory {
    private final int rows;    // N
    private final int width;   // W
    private final int rows4;   // the rows summed four at a time; the rest, N mod 4, one at a time
    // scratch, each at offset 0
    private final double[] sums;        // [N]: a per-row sum over the columns
    private final double[] rowScratch;  // [W]: one row
    private final double[][] weights;   // [V][N]: each write head's w_v
    private final double[][] others;    // [W][N]: Π_{u≠v} (1 - w_u[n] e_u[i])

    FusedMemory(int rows, int width) {
        this(rows, width, 1);
    }

    FusedMemory(int rows, int width, int writeHeads) {
        this.rows = rows;
        this.width = width;
        this.rows4 = rows - rows % 4;
        this.sums = new double[rows];
        this.rowScratch = new double[width];
        this.weights = new double[Math.max(1, writeHeads)][rows];
        this.others = new double[width][rows];
    }

    /** {@code out[n] = |M[n]|²}, shared by every head's content addressing. */
    void rowNorms2(double[][] m, int mo, double[] out, int oo) {
        java.util.Arrays.fill(sums, 0);
        for (int i = 0; i < width; i++) {
            double[] c = m[mo + i];
            for (int n = 0; n < rows; n++) {
                sums[n] += c[n] * c[n];
            }
        }
        System.arraycopy(sums, 0, out, oo, rows4);
        for (int n = rows4; n < rows; n++) {
            out[oo + n] = rowDot(m, mo, n, row(m, mo, n), 0);
        }
    }

    /**
     * {@code Σ_i M[n, i] · v[i]} with four partial sums, {@code (s0 + s1) + (s2 + s3)}: what the row layout
     * computed for the rows past the last multiple of four.
     */
    private double rowDot(double[][] m, int mo, int n, double[] v, int vo) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < width; i += 4) {
            s0 += m[mo + i][n] * v[vo + i];
            s1 += m[mo + i + 1][n] * v[vo + i + 1];
            s2 += m[mo + i + 2][n] * v[vo + i + 2];
            s3 += m[mo + i + 3][n] * v[vo + i + 3];
        }
        for (; i < width; i++) {
            s0 += m[mo + i][n] * v[vo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Row n of M, into {@code rowScratch}. */
    private double[] row(double[][] m, int mo, int n) {
        for (int i = 0; i < width; i++) {
            rowScratch[i] = m[mo + i][n];
        }
        return rowScratch;
    }

    /**
     * {@code out[oo + n] += Σ_i M[n, i] · v[vo + i]} for every row: a matrix times a vector, as
     * the row layout computed it: each of the first rows in multiples of four summed over its columns in order,
     * the rest by {@link #rowDot}.
     */
    void addTimes(double[][] m, int mo, double[] v, int vo, double[] out, int oo) {
        java.util.Arrays.fill(sums, 0);
        for (int i = 0; i < width; i++) {
            double[] c = m[mo + i];
            double vi = v[vo + i];
            for (int n = 0; n < rows; n++) {
                sums[n] += c[n] * vi;
            }
        }
        for (int n = 0; n < rows4; n++) {
            out[oo + n] += sums[n];
        }
        for (int n = rows4; n < rows; n++) {
            out[oo + n] += rowDot(m, mo, n, v, vo);
        }
    }

    /**
     * Read (3.1): {@code r = Σ_n w[n] M[n]}, r [W] at ro overwritten. Four rows at a time with
     * {@link DenseOps#addVecRows}' grouping, a block of zero weights skipped as there; two columns at a time, two
     * independent chains of additions (an odd last column goes with itself: the same sum twice).
     */
    void read(double[][] m, int mo, double[] w, int wo, double[] r, int ro) {
        for (int i = 0; i < width; i += 2) {
            int j = Math.min(i + 1, width - 1);
            double[] c = m[mo + i], c1 = m[mo + j];
            double s = 0, s1 = 0;
            int n = 0;
            for (; n + 3 < rows; n += 4) {
                double a0 = w[wo + n], a1 = w[wo + n + 1], a2 = w[wo + n + 2], a3 = w[wo + n + 3];
                if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                    continue;
                }
                s += a0 * c[n] + a1 * c[n + 1] + a2 * c[n + 2] + a3 * c[n + 3];
                s1 += a0 * c1[n] + a1 * c1[n + 1] + a2 * c1[n + 2] + a3 * c1[n + 3];
            }
            for (; n < rows; n++) {
                double a = w[wo + n];
                if (a != 0) {
                    s += a * c[n];
                    s1 += a * c1[n];
                }
            }
            r[ro + i] = s;
            r[ro + j] = s1;
        }
    }

    /**
     * Backward of {@link #read}: {@code dw[n] += Σ_i dr[i] M[n, i]}, {@code dM[n, i] += w[n] dr[i]}.
     *
     * @param dr dL/dr [W] at dro; dw [N] at dwo and dm [W][N] added to
     */
    void readBackward(double[][] m, int mo, double[] w, int wo, double[] dr, int dro, double[] dw, int dwo,
                      double[][] dm) {
        double[] wn = weights[0];
        System.arraycopy(w, wo, wn, 0, rows);
        for (int i = 0; i < width; i++) {
            double[] dc = dm[i];
            double d = dr[dro + i];
            for (int n = 0; n < rows; n++) {
                dc[n] += wn[n] * d;
            }
        }
        addTimes(m, mo, dr, dro, dw, dwo);
    }

    /**
     * Write of every write head together (3.2): {@code M_t = M_{t-1} ∘ Π_v (1 - w_v e_vᵀ) + Σ_v w_v a_vᵀ}
     * (erase, then add).
     *
     * @param w arrays and offsets of each write head's w_v [N]; e, a the arrays and offsets of e_v, a_v [W]
     */
    void write(double[][] m, int mo, double[] w, int[] wo, double[] ea, int[] eo, int[] ao, double[][] out, int oo) {
        int heads = wo.length;
        for (int v = 0; v < heads; v++) {
            System.arraycopy(w, wo[v], weights[v], 0, rows);
        }
        for (int i = 0; i < width; i++) {
            double[] c = m[mo + i];
            double[] o = out[oo + i];
            if (heads == 1) {
                // Copy, erase and add in one pass: the same operations in the same order.
                double[] wn = weights[0];
                double e = ea[eo[0] + i], a = ea[ao[0] + i];
                for (int n = 0; n < rows; n++) {
                    o[n] = c[n] * (1 - wn[n] * e) + wn[n] * a;
                }
                continue;
            }
            System.arraycopy(c, 0, o, 0, rows);
            for (int v = 0; v < heads; v++) {
                double[] wn = weights[v];
                double e = ea[eo[v] + i];
                for (int n = 0; n < rows; n++) {
                    o[n] *= 1 - wn[n] * e;
                }
            }
            for (int v = 0; v < heads; v++) {
                double[] wn = weights[v];
                double a = ea[ao[v] + i];
                for (int n = 0; n < rows; n++) {
                    o[n] += wn[n] * a;
                }
            }
        }
    }

    /**
     * Backward of {@link #write}.
     *
     * @param dOut dL/dM_t [W][N]
     * @param dm   dL/dM_{t-1} [W][N], added to
     * @param dw   dL/dw per head: arrays at {@code dwo[v]} [N], added to
     * @param dea  dL/de and dL/da: array at {@code deo[v]} and {@code dao[v]} [W], added to
     */
    void writeBackward(double[][] m, int mo, double[] w, int[] wo, double[] ea, int[] eo, int[] ao, double[][] dOut,
                       double[][] dm, double[] dw, int[] dwo, double[] dea, int[] deo, int[] dao) {
        int heads = wo.length;
        for (int v = 0; v < heads; v++) {
            System.arraycopy(w, wo[v], weights[v], 0, rows);
        }
        if (heads == 1) {
            writeBackwardOneHead(m, mo, ea, eo[0], ao[0], dOut, dm, dw, dwo[0], dea, deo[0], dao[0]);
            return;
        }
        for (int v = 0; v < heads; v++) {
            double[] wv = weights[v];
            int e = eo[v];
            int a = ao[v];
            for (int i = 0; i < width; i++) {
                double[] oc = others[i];
                java.util.Arrays.fill(oc, 1.0);
                for (int u = 0; u < heads; u++) {
                    if (u != v) {
                        double[] wu = weights[u];
                        double eu = ea[eo[u] + i];
                        for (int n = 0; n < rows; n++) {
                            oc[n] *= 1 - wu[n] * eu;
                        }
                    }
                }
            }
            java.util.Arrays.fill(sums, 0);   // dL/dw_v[n], summed over the columns in order
            for (int i = 0; i < width; i++) {
                double[] d = dOut[i];
                double[] c = m[mo + i];
                double[] oc = others[i];
                double ei = ea[e + i], ai = ea[a + i];
                if (v == 0) {
                    double[] dc = dm[i];
                    for (int n = 0; n < rows; n++) {
                        dc[n] += d[n] * oc[n] * (1 - wv[n] * ei);    // through M_{t-1} ∘ Π (1 - w eᵀ)
                    }
                }
                for (int n = 0; n < rows; n++) {
                    double gErase = d[n] * c[n] * oc[n];              // dL/d(1 - w_v[n] e_v[i])
                    sums[n] += d[n] * ai - gErase * ei;
                }
                double de = dea[deo[v] + i], da = dea[dao[v] + i];
                for (int n = 0; n < rows; n++) {
                    double gErase = d[n] * c[n] * oc[n];
                    de -= gErase * wv[n];
                    da += d[n] * wv[n];
                }
                dea[deo[v] + i] = de;
                dea[dao[v] + i] = da;
            }
            for (int n = 0; n < rows; n++) {
                dw[dwo[v] + n] += sums[n];
            }
        }
    }

    /**
     * {@link #writeBackward} of a single write head (the product over the other heads is 1), w in
     * {@code weights[0]}: the sums over the rows of de and da four rows at a time, as the row layout grouped them.
     */
    private void writeBackwardOneHead(double[][] m, int mo, double[] ea, int eo, int ao, double[][] dOut,
                                      double[][] dm, double[] dw, int dwo, double[] dea, int deo, int dao) {
        double[] wn = weights[0];
        java.util.Arrays.fill(sums, 0);   // dL/dw[n], summed over the columns in order
        for (int i = 0; i < width; i++) {
            double[] d = dOut[i];
            double[] c = m[mo + i];
            double[] dc = dm[i];
            double e = ea[eo + i], a = ea[ao + i];
            for (int n = 0; n < rows; n++) {
                double x = d[n] * c[n];                       // dL/d(1 - w[n] e[i])
                dc[n] += d[n] * (1 - wn[n] * e);
                sums[n] += d[n] * a - x * e;
            }
        }
        // de and da, two columns at a time: four independent chains of additions (an odd last column goes with
        // itself: the same sums twice).
        for (int i = 0; i < width; i += 2) {
            int j = Math.min(i + 1, width - 1);
            double[] d = dOut[i], c = m[mo + i], dB = dOut[j], cB = m[mo + j];
            double de = dea[deo + i], da = dea[dao + i], deB = dea[deo + j], daB = dea[dao + j];
            int n = 0;
            for (; n + 3 < rows; n += 4) {
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
            for (; n < rows; n++) {
                de -= d[n] * c[n] * wn[n];
                da += d[n] * wn[n];
                deB -= dB[n] * cB[n] * wn[n];
                daB += dB[n] * wn[n];
            }
            dea[deo + i] = de;
            dea[dao + i] = da;
            dea[deo + j] = deB;
            dea[dao + j] = daB;
        }
        for (int n = 0; n < rows; n++) {
            dw[dwo + n] += sums[n];
        }
    }
}
