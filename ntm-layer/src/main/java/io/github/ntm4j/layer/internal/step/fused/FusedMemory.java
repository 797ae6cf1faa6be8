package io.github.ntm4j.layer.internal.step.fused;

/**
 * Reading and writing memory (Graves et al. 2014, sections 3.1 and 3.2; {@code NTM-MATH.md} steps 4
 * and 5) on one example, forward and backward. Memory is row-major [N, W]. The fused twin of the
 * SameDiff {@code MemoryGraph}.
 */
final class FusedMemory {
    private final int rows;    // N
    private final int width;   // W
    private final double[] others;   // scratch [W]: Π_{u≠v} (1 - w_u[n] e_u)

    FusedMemory(int rows, int width) {
        this.rows = rows;
        this.width = width;
        this.others = new double[width];
    }

    /** The copy a second thread works with (its own scratch). */
    FusedMemory copy() {
        return new FusedMemory(rows, width);
    }

    /** {@code out[n] = |M[n]|²}, shared by every head's content addressing. */
    void rowNorms2(double[] m, int mo, double[] out, int oo) {
        int n = 0;
        for (; n + 3 < rows; n += 4) {      // four rows per pass: four independent sums
            int r0 = mo + n * width, r1 = r0 + width, r2 = r1 + width, r3 = r2 + width;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < width; i++) {
                s0 += m[r0 + i] * m[r0 + i];
                s1 += m[r1 + i] * m[r1 + i];
                s2 += m[r2 + i] * m[r2 + i];
                s3 += m[r3 + i] * m[r3 + i];
            }
            out[oo + n] = s0;
            out[oo + n + 1] = s1;
            out[oo + n + 2] = s2;
            out[oo + n + 3] = s3;
        }
        for (; n < rows; n++) {
            int row = mo + n * width;
            out[oo + n] = DenseOps.dot(m, row, m, row, width);
        }
    }

    /** Read (3.1): {@code r = Σ_n w[n] M[n]}, r [W] at ro overwritten. */
    void read(double[] m, int mo, double[] w, int wo, double[] r, int ro) {
        java.util.Arrays.fill(r, ro, ro + width, 0);
        DenseOps.addVecMat(w, wo, rows, m, mo, width, r, ro);
    }

    /**
     * Backward of {@link #read}: {@code dw[n] += Σ_i dr[i] M[n, i]}, {@code dM[n, i] += w[n] dr[i]}.
     *
     * @param dr dL/dr [W] at dro; dw [N] at dwo and dm [N, W] added to
     */
    void readBackward(double[] m, int mo, double[] w, int wo, double[] dr, int dro, double[] dw, int dwo,
                      double[] dm) {
        for (int n = 0; n < rows; n++) {
            double a = w[wo + n];
            for (int i = 0; i < width; i++) {
                dm[n * width + i] += a * dr[dro + i];
            }
        }
        DenseOps.addMatVec(m, mo, rows, width, dr, dro, dw, dwo);
    }

    /**
     * Write of every write head together (3.2): {@code M_t = M_{t-1} ∘ Π_v (1 - w_v e_vᵀ) + Σ_v w_v a_vᵀ}
     * (erase, then add).
     *
     * @param w arrays and offsets of each write head's w_v [N]; e, a the arrays and offsets of e_v, a_v [W]
     */
    void write(double[] m, int mo, double[] w, int[] wo, double[] ea, int[] eo, int[] ao, double[] out, int oo) {
        int heads = wo.length;
        if (heads == 1) {
            writeOneHead(m, mo, w, wo[0], ea, eo[0], ao[0], out, oo);
            return;
        }
        for (int n = 0; n < rows; n++) {
            int row = n * width;
            System.arraycopy(m, mo + row, out, oo + row, width);
            for (int v = 0; v < heads; v++) {
                erase(out, oo + row, w[wo[v] + n], ea, eo[v]);
            }
            for (int v = 0; v < heads; v++) {
                add(out, oo + row, w[wo[v] + n], ea, ao[v]);
            }
        }
    }

    /**
     * {@link #write} of a single head in one pass over memory: the same operations in the same order
     * (copy, erase, add), so bit for bit the same result.
     */
    private void writeOneHead(double[] m, int mo, double[] w, int wo, double[] ea, int eo, int ao, double[] out, int oo) {
        int n = 0;
        for (; n + 3 < rows; n += 4) {      // four rows per pass: e and a loaded once for four
            int r0 = n * width, r1 = r0 + width, r2 = r1 + width, r3 = r2 + width;
            double w0 = w[wo + n], w1 = w[wo + n + 1], w2 = w[wo + n + 2], w3 = w[wo + n + 3];
            for (int i = 0; i < width; i++) {
                double e = ea[eo + i], a = ea[ao + i];
                out[oo + r0 + i] = m[mo + r0 + i] * (1 - w0 * e) + w0 * a;
                out[oo + r1 + i] = m[mo + r1 + i] * (1 - w1 * e) + w1 * a;
                out[oo + r2 + i] = m[mo + r2 + i] * (1 - w2 * e) + w2 * a;
                out[oo + r3 + i] = m[mo + r3 + i] * (1 - w3 * e) + w3 * a;
            }
        }
        for (; n < rows; n++) {
            int row = n * width;
            double wn = w[wo + n];
            for (int i = 0; i < width; i++) {
                out[oo + row + i] = m[mo + row + i] * (1 - wn * ea[eo + i]) + wn * ea[ao + i];
            }
        }
    }

    /** Erase of one head on one row: {@code M[n] ∘= (1 - w[n] e)}. */
    private void erase(double[] row, int ro, double wn, double[] e, int eo) {
        for (int i = 0; i < width; i++) {
            row[ro + i] *= 1 - wn * e[eo + i];
        }
    }

    /** Add of one head on one row: {@code M[n] += w[n] a}. */
    private void add(double[] row, int ro, double wn, double[] a, int ao) {
        for (int i = 0; i < width; i++) {
            row[ro + i] += wn * a[ao + i];
        }
    }

    /**
     * Backward of {@link #write}.
     *
     * @param dOut dL/dM_t [N, W]
     * @param dm   dL/dM_{t-1} [N, W], added to
     * @param dw   dL/dw per head: arrays at {@code dwo[v]} [N], added to
     * @param dea  dL/de and dL/da: array at {@code deo[v]} and {@code dao[v]} [W], added to
     */
    void writeBackward(double[] m, int mo, double[] w, int[] wo, double[] ea, int[] eo, int[] ao, double[] dOut,
                       double[] dm, double[] dw, int[] dwo, double[] dea, int[] deo, int[] dao) {
        int heads = wo.length;
        if (heads == 1) {
            writeBackwardOneHead(m, mo, w, wo[0], ea, eo[0], ao[0], dOut, dm, dw, dwo[0], dea, deo[0], dao[0]);
            return;
        }
        for (int n = 0; n < rows; n++) {
            int row = n * width;
            for (int v = 0; v < heads; v++) {
                java.util.Arrays.fill(others, 1.0);
                for (int u = 0; u < heads; u++) {
                    if (u != v) {
                        erase(others, 0, w[wo[u] + n], ea, eo[u]);
                    }
                }
                double wn = w[wo[v] + n];
                int e = eo[v];
                int a = ao[v];
                double dwn = 0;
                for (int i = 0; i < width; i++) {
                    double d = dOut[row + i];
                    if (v == 0) {
                        dm[row + i] += d * others[i] * (1 - wn * ea[e + i]);   // through M_{t-1} ∘ Π (1 - w eᵀ)
                    }
                    double gErase = d * m[mo + row + i] * others[i];         // dL/d(1 - w_v[n] e_v[i])
                    dwn += d * ea[a + i] - gErase * ea[e + i];
                    dea[deo[v] + i] -= gErase * wn;
                    dea[dao[v] + i] += d * wn;
                }
                dw[dwo[v] + n] += dwn;
            }
        }
    }

    /**
     * {@link #writeBackward} of a single write head (the product over the other heads is 1), four rows per
     * pass over the W-long rows: the same sums up to rounding, with a quarter of the loop overhead and of the
     * loads and stores of de and da.
     */
    private void writeBackwardOneHead(double[] m, int mo, double[] w, int wo, double[] ea, int eo, int ao,
                                      double[] dOut, double[] dm, double[] dw, int dwo, double[] dea, int deo,
                                      int dao) {
        int n = 0;
        for (; n + 3 < rows; n += 4) {
            int r0 = n * width, r1 = r0 + width, r2 = r1 + width, r3 = r2 + width;
            double w0 = w[wo + n], w1 = w[wo + n + 1], w2 = w[wo + n + 2], w3 = w[wo + n + 3];
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0;      // dL/dw[n .. n+3]
            for (int i = 0; i < width; i++) {
                double e = ea[eo + i], a = ea[ao + i];
                double d0 = dOut[r0 + i], d1 = dOut[r1 + i], d2 = dOut[r2 + i], d3 = dOut[r3 + i];
                double x0 = d0 * m[mo + r0 + i], x1 = d1 * m[mo + r1 + i];   // dL/d(1 - w[n] e[i])
                double x2 = d2 * m[mo + r2 + i], x3 = d3 * m[mo + r3 + i];
                dm[r0 + i] += d0 * (1 - w0 * e);
                dm[r1 + i] += d1 * (1 - w1 * e);
                dm[r2 + i] += d2 * (1 - w2 * e);
                dm[r3 + i] += d3 * (1 - w3 * e);
                g0 += d0 * a - x0 * e;
                g1 += d1 * a - x1 * e;
                g2 += d2 * a - x2 * e;
                g3 += d3 * a - x3 * e;
                dea[deo + i] -= (x0 * w0 + x1 * w1) + (x2 * w2 + x3 * w3);
                dea[dao + i] += (d0 * w0 + d1 * w1) + (d2 * w2 + d3 * w3);
            }
            dw[dwo + n] += g0;
            dw[dwo + n + 1] += g1;
            dw[dwo + n + 2] += g2;
            dw[dwo + n + 3] += g3;
        }
        for (; n < rows; n++) {
            int row = n * width;
            double wn = w[wo + n];
            double g = 0;
            for (int i = 0; i < width; i++) {
                double e = ea[eo + i];
                double d = dOut[row + i];
                double x = d * m[mo + row + i];
                dm[row + i] += d * (1 - wn * e);
                g += d * ea[ao + i] - x * e;
                dea[deo + i] -= x * wn;
                dea[dao + i] += d * wn;
            }
            dw[dwo + n] += g;
        }
    }
}
