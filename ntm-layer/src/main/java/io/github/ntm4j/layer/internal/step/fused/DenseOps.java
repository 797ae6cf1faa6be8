package io.github.ntm4j.layer.internal.step.fused;

/**
 * The few dense kernels the fused step needs, over row-major {@code double[]} with explicit offsets.
 * Inner loops run over contiguous memory (i-k-j order) so that the JIT can vectorise them.
 */
final class DenseOps {
    private DenseOps() {
    }

    /**
     * {@code out[j] += Σ_k v[k] · m[k, j]}: a row vector times a row-major matrix.
     *
     * <p>Four rows of m at a time: each pass loads and stores {@code out} once for four multiply-adds
     * instead of one, which is what limits this loop (it is too simple for the JIT to keep {@code out} in
     * registers). A block whose four entries of v are all zero, common after a ReLU, is skipped.
     *
     * @param v [rows] at {@code vo}; m [rows, cols] at {@code mo}; out [cols] at {@code oo}
     */
    static void addVecMat(double[] v, int vo, int rows, double[] m, int mo, int cols, double[] out, int oo) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            double a0 = v[vo + k], a1 = v[vo + k + 1], a2 = v[vo + k + 2], a3 = v[vo + k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                continue;
            }
            int r0 = mo + k * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
            for (int j = 0; j < cols; j++) {
                out[oo + j] += a0 * m[r0 + j] + a1 * m[r1 + j] + a2 * m[r2 + j] + a3 * m[r3 + j];
            }
        }
        for (; k < rows; k++) {
            double a = v[vo + k];
            if (a == 0) {
                continue;
            }
            int row = mo + k * cols;
            for (int j = 0; j < cols; j++) {
                out[oo + j] += a * m[row + j];
            }
        }
    }

    /**
     * {@link #addVecMat} with the matrix as an array of rows and {@code out} at offset 0: the same operations in
     * the same order, so bit for bit the same result, and two to three times faster. JDK 17's C2 vectorises
     * the inner loop only when no array index in it carries a loop-invariant offset ({@code out[oo + j]},
     * {@code m[r0 + j]}); measured in isolation on this loop, 6-7 GFLOP/s with offsets and 14-23 without.
     *
     * @param v [rows] at {@code vo}; m [rows][cols]; out [cols] at 0
     */
    static void addVecRows(double[] v, int vo, int rows, double[][] m, double[] out, int cols) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            double a0 = v[vo + k], a1 = v[vo + k + 1], a2 = v[vo + k + 2], a3 = v[vo + k + 3];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                continue;
            }
            double[] m0 = m[k], m1 = m[k + 1], m2 = m[k + 2], m3 = m[k + 3];
            for (int j = 0; j < cols; j++) {
                out[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
            }
        }
        for (; k < rows; k++) {
            double a = v[vo + k];
            if (a == 0) {
                continue;
            }
            double[] row = m[k];
            for (int j = 0; j < cols; j++) {
                out[j] += a * row[j];
            }
        }
    }

    /**
     * {@code out[n] += Σ_i m[n, i] · v[i]}: a row-major matrix times a vector, for matrices of short rows
     * (memory's W). Four rows per pass over the row: four independent sums, v loaded once for four.
     *
     * @param m [rows, cols] at {@code mo}; v [cols] at {@code vo}; out [rows] at {@code oo}
     */
    static void addMatVec(double[] m, int mo, int rows, int cols, double[] v, int vo, double[] out, int oo) {
        int n = 0;
        for (; n + 3 < rows; n += 4) {
            int r0 = mo + n * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < cols; i++) {
                double vi = v[vo + i];
                s0 += m[r0 + i] * vi;
                s1 += m[r1 + i] * vi;
                s2 += m[r2 + i] * vi;
                s3 += m[r3 + i] * vi;
            }
            out[oo + n] += s0;
            out[oo + n + 1] += s1;
            out[oo + n + 2] += s2;
            out[oo + n + 3] += s3;
        }
        for (; n < rows; n++) {
            out[oo + n] += dot(m, mo + n * cols, v, vo, cols);
        }
    }

    /**
     * {@code Σ_i a[i] b[i]} over {@code len} elements, with four independent partial sums: a single running
     * sum is one long chain of dependent additions, which the JIT may not reorder (it would change the
     * rounding), so the CPU waits out each addition's latency. Four chains keep it busy. The result differs
     * from the sequential sum only in rounding.
     */
    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code out[i] += a[i]} for {@code len} elements. */
    static void add(double[] a, int ao, double[] out, int oo, int len) {
        for (int i = 0; i < len; i++) {
            out[oo + i] += a[ao + i];
        }
    }

    /** softplus(z) = log(1 + e^z), without overflow for large z. */
    static double softplus(double z) {
        return z > 30 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** σ(z) = 1 / (1 + e^-z): also the derivative of softplus. */
    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** {@code out = softmax(z)} over {@code len} elements, max-shifted for stability. */
    static void softmax(double[] z, int zo, double[] out, int oo, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, z[zo + i]);
        }
        double sum = 0;
        for (int i = 0; i < len; i++) {
            double e = Math.exp(z[zo + i] - max);
            out[oo + i] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < len; i++) {
            out[oo + i] *= inv;
        }
    }

    /**
     * The backward of a softmax {@code y = softmax(z)}: {@code dz[i] = y[i] (dy[i] - Σ_j y[j] dy[j])},
     * written to {@code dz} (which may alias {@code dy}).
     */
    static void softmaxBackward(double[] y, int yo, double[] dy, int dyo, double[] dz, int dzo, int len) {
        double dot = 0;
        for (int i = 0; i < len; i++) {
            dot += y[yo + i] * dy[dyo + i];
        }
        for (int i = 0; i < len; i++) {
            dz[dzo + i] = y[yo + i] * (dy[dyo + i] - dot);
        }
    }
}
