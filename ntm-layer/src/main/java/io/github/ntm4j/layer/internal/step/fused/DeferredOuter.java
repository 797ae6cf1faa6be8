package io.github.ntm4j.layer.internal.step.fused;

import java.util.Arrays;

/**
 * A weight gradient {@code G += vᵀ d} (the backward of {@link DenseOps#addVecMat} with respect to its
 * matrix) summed over time steps four at a time. Added step by step, every step loads and stores all of
 * G (up to 74 KB for the head projection) for one multiply-add per element. Held back and added four
 * steps together, G is loaded and stored once for four. The sum is the same up to rounding.
 *
 * <p>The vectors v stay where they are (in the {@link FusedTape}, which outlives the backward pass of an
 * example); the d are copied, since the caller reuses its buffer. {@link #flush} must be called before G is
 * read.
 */
final class DeferredOuter {
    private static final int STEPS = 4;

    private final int rows;       // length of v
    private final int cols;       // length of d
    private final double[][] v = new double[STEPS][];
    private final int[] vo = new int[STEPS];
    private final double[] d;     // [STEPS, cols]
    private int count;

    DeferredOuter(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.d = new double[STEPS * cols];
    }

    /** Holds back {@code g[k, j] += v[vOff + k] · dv[dOff + j]}; adds the held steps to g once there are four. */
    void add(double[] vArray, int vOff, double[] dv, int dOff, double[] g, int go) {
        v[count] = vArray;
        vo[count] = vOff;
        System.arraycopy(dv, dOff, d, count * cols, cols);
        if (++count == STEPS) {
            flush(g, go);
        }
    }

    /** Adds every held step to g [rows, cols] at go. */
    void flush(double[] g, int go) {
        if (count == 0) {
            return;
        }
        if (count < STEPS) {
            Arrays.fill(d, count * cols, STEPS * cols, 0);   // the empty slots add 0 · 0
        }
        int c1 = cols, c2 = 2 * cols, c3 = 3 * cols;
        for (int k = 0; k < rows; k++) {
            double a0 = v[0][vo[0] + k];
            double a1 = count > 1 ? v[1][vo[1] + k] : 0;
            double a2 = count > 2 ? v[2][vo[2] + k] : 0;
            double a3 = count > 3 ? v[3][vo[3] + k] : 0;
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                continue;   // a ReLU unit off at all four steps, or an input bit that is 0
            }
            int row = go + k * cols;
            for (int j = 0; j < cols; j++) {
                g[row + j] += a0 * d[j] + a1 * d[c1 + j] + a2 * d[c2 + j] + a3 * d[c3 + j];
            }
        }
        count = 0;
        Arrays.fill(v, null);
    }
}
