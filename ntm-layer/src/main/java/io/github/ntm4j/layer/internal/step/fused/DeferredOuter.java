package io.github.ntm4j.layer.internal.step.fused;

import java.util.Arrays;

/**
 * A weight gradient {@code G += vᵀ d} (the backward of {@link DenseOps#addVecRows} with respect to its
 * matrix) summed over time steps four at a time. Added step by step, every step loads and stores all of
 * G (up to 74 KB for the head projection) for one multiply-add per element. Held back and added four
 * steps together, G is loaded and stored once for four. The sum is the same up to rounding.
 *
 * <p>Between {@link #begin} and {@link #end} G is summed in rows of its own, at offset 0, which JDK 17's C2
 * vectorises (it does not vectorise a loop whose indices carry a loop-invariant offset, as a row of the flat
 * G does): {@link #begin} copies G in, {@link #end} copies it back, so the values are exactly those of summing
 * into G itself.
 *
 * <p>The vectors v stay where they are (in the {@link FusedTape}, which outlives the backward pass of an
 * example); the d are copied, since the caller reuses its buffer. {@link #flush} must be called at the end of
 * each example, as before: it decides which steps are summed together.
 */
final class DeferredOuter {
    private static final int STEPS = 4;

    private final int rows;       // length of v
    private final int cols;       // length of d
    private final double[][] v = new double[STEPS][];
    private final int[] vo = new int[STEPS];
    private final double[][] d;   // [STEPS][cols]
    private final double[][] g;   // G [rows][cols] between begin and end
    private int count;

    DeferredOuter(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.d = new double[STEPS][cols];
        this.g = new double[rows][cols];
    }

    /** Takes G [rows, cols] at {@code go} in to sum into. */
    void begin(double[] gFlat, int go) {
        for (int k = 0; k < rows; k++) {
            System.arraycopy(gFlat, go + k * cols, g[k], 0, cols);
        }
    }

    /** Holds back {@code G[k, j] += v[vOff + k] · dv[dOff + j]}; adds the held steps to G once there are four. */
    void add(double[] vArray, int vOff, double[] dv, int dOff) {
        v[count] = vArray;
        vo[count] = vOff;
        System.arraycopy(dv, dOff, d[count], 0, cols);
        if (++count == STEPS) {
            flush();
        }
    }

    /** Adds every held step to G. */
    void flush() {
        if (count == 0) {
            return;
        }
        for (int s = count; s < STEPS; s++) {
            Arrays.fill(d[s], 0);   // the empty slots add 0 · 0
        }
        double[] d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3];
        for (int k = 0; k < rows; k++) {
            double a0 = v[0][vo[0] + k];
            double a1 = count > 1 ? v[1][vo[1] + k] : 0;
            double a2 = count > 2 ? v[2][vo[2] + k] : 0;
            double a3 = count > 3 ? v[3][vo[3] + k] : 0;
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                continue;   // a ReLU unit off at all four steps, or an input bit that is 0
            }
            double[] row = g[k];
            for (int j = 0; j < cols; j++) {
                row[j] += a0 * d0[j] + a1 * d1[j] + a2 * d2[j] + a3 * d3[j];
            }
        }
        count = 0;
        Arrays.fill(v, null);
    }

    /** Adds what is still held, and copies G back to {@code gFlat} at {@code go}. */
    void end(double[] gFlat, int go) {
        flush();
        for (int k = 0; k < rows; k++) {
            System.arraycopy(g[k], 0, gFlat, go + k * cols, cols);
        }
    }
}
