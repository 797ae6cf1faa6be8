package io.github.ntm4j.layer.internal.step.fused;

/**
 * The few dense kernels the fused step needs, over {@code double[]} with explicit offsets, and a vector times
 * a matrix held as an array of rows.
 */
final class DenseOps {
    private DenseOps() {
    }

    /**
     * {@code out[j] += Σ_k v[k] · m[k][j]}: a row vector times a matrix of rows, {@code out} at offset 0. Four rows
     * of m at a time: each pass loads and stores {@code out} once for four multiply-adds; a block whose four
     * entries of v are all zero, common after a ReLU, is skipped. JDK 17's C2 vectorises the inner loop only
     * because no array index in it carries a loop-invariant offset: the same loop over a flat row-major matrix
     * ({@code out[oo + j] += ... m[r0 + j]}), as this kernel had it, ran at 6-7 GFLOP/s in isolation against
     * 14-23 here (docs/evidence/bench/c2-offsets).
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
