package io.github.ntm4j.layer.step.fused;

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
        for (int n = 0; n < rows; n++) {
            int row = mo + n * width;
            out[oo + n] = DenseOps.dot(m, row, m, row, width);
        }
    }

    /** Read (3.1): {@code r = Σ_n w[n] M[n]}, r [W] at ro overwritten. */
    void read(double[] m, int mo, double[] w, int wo, double[] r, int ro) {
        java.util.Arrays.fill(r, ro, ro + width, 0);
        for (int n = 0; n < rows; n++) {
            double a = w[wo + n];
            int row = mo + n * width;
            for (int i = 0; i < width; i++) {
                r[ro + i] += a * m[row + i];
            }
        }
    }

    /**
     * Backward of {@link #read}: {@code dw[n] += Σ_i dr[i] M[n, i]}, {@code dM[n, i] += w[n] dr[i]}.
     *
     * @param dr dL/dr [W] at dro; dw [N] at dwo and dm [N, W] added to
     */
    void readBackward(double[] m, int mo, double[] w, int wo, double[] dr, int dro, double[] dw, int dwo,
                      double[] dm) {
        for (int n = 0; n < rows; n++) {
            int row = mo + n * width;
            double a = w[wo + n];
            for (int i = 0; i < width; i++) {
                dm[n * width + i] += a * dr[dro + i];
            }
            dw[dwo + n] += DenseOps.dot(dr, dro, m, row, width);
        }
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
        for (int n = 0; n < rows; n++) {
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
}
