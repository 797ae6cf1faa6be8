package io.github.ntm4j.layer.internal.step.fused;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each mechanism of the fused step on a case worked out by hand (NTM-MATH.md steps 3-5); the SameDiff twins
 * are held to the same cases in {@code SameDiffMechanismsTest}.
 */
class FusedMechanismsTest {
    private static final int N = 5;
    private static final int W = 3;

    private static double[] oneHot(int n) {
        double[] w = new double[N];
        w[n] = 1;
        return w;
    }

    /** A memory of Gaussian values by columns, as the fused path holds it: M[n, i] is m[i][n]. */
    private static double[][] memory() {
        Random r = new Random(3);
        double[][] m = new double[W][N];
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < W; i++) {
                m[i][n] = r.nextGaussian();
            }
        }
        return m;
    }

    private static double[] row(double[][] m, int n) {
        double[] row = new double[W];
        for (int i = 0; i < W; i++) {
            row[i] = m[i][n];
        }
        return row;
    }

    @Test
    void aOneHotWeightingShiftedByPlusOneMovesOneRowAndWraps() {
        FusedAddressing a = new FusedAddressing(N, W, 1);
        double[] ws = new double[N];
        a.shift(oneHot(2), 0, new double[]{0, 0, 1}, 0, ws, 0);     // s = (s_-1, s_0, s_+1)
        assertArrayEquals(oneHot(3), ws, 0);
        a.shift(oneHot(4), 0, new double[]{0, 0, 1}, 0, ws, 0);
        assertArrayEquals(oneHot(0), ws, 0, "row N-1 moves to row 0");
        a.shift(oneHot(0), 0, new double[]{1, 0, 0}, 0, ws, 0);
        assertArrayEquals(oneHot(4), ws, 0, "a shift by -1 from row 0 wraps to row N-1");
    }

    @Test
    void sharpeningWithGammaOneLeavesAWeightingUnchanged() {
        FusedAddressing a = new FusedAddressing(N, W, 1);
        double[] w = {0.1, 0.2, 0.3, 0.15, 0.25};
        double[] out = new double[N];
        double[] logs = new double[N];
        a.sharpen(w, 0, 1.0, out, 0, logs, 0);
        assertArrayEquals(w, out, 1e-6, "only the 1e-6 guard moves it");
        for (int n = 0; n < N; n++) {
            assertEquals(Math.log(w[n] + 1e-6), logs[n], 0.0, "the logarithm the backward pass reuses");
        }
    }

    @Test
    void aZeroKeyGivesUniformContentWeights() {
        FusedAddressing a = new FusedAddressing(N, W, 1);
        FusedMemory mem = new FusedMemory(N, W);
        double[][] m = memory();
        double[] norms = new double[N];
        mem.rowNorms2(m, 0, norms, 0);
        double[] wc = new double[N];
        a.contentWeights(m, 0, norms, 0, new double[W], 0, 7.0, new double[N], 0, new double[N], 0, wc, 0);
        for (double v : wc) {
            assertEquals(1.0 / N, v, 1e-12);
        }
    }

    @Test
    void eraseOneClearsARowAndAddAfterEraseWritesExactlyTheAddVector() {
        FusedMemory mem = new FusedMemory(N, W);
        double[][] m = memory();
        double[] add = {0.5, -2, 3};
        // ea holds e then a: e = 1 (erase everything the head points at), a as given.
        double[] ea = {1, 1, 1, add[0], add[1], add[2]};
        double[][] out = new double[W][N];
        mem.write(m, 0, oneHot(2), new int[]{0}, ea, new int[]{0}, new int[]{W}, out, 0);
        assertArrayEquals(add, row(out, 2), 0, "erase 1, then add: exactly a");
        for (int n = 0; n < N; n++) {
            if (n != 2) {
                assertArrayEquals(row(m, n), row(out, n), 0, "row " + n + " untouched");
            }
        }
        double[] eraseOnly = {1, 1, 1, 0, 0, 0};
        mem.write(m, 0, oneHot(4), new int[]{0}, eraseOnly, new int[]{0}, new int[]{W}, out, 0);
        assertArrayEquals(new double[W], row(out, 4), 0, "erase 1 clears the row");
    }

    @Test
    void aReadOfAOneHotWeightingReturnsThatRow() {
        FusedMemory mem = new FusedMemory(N, W);
        double[][] m = memory();
        double[] r = new double[W];
        mem.read(m, 0, oneHot(3), 0, r, 0);
        assertArrayEquals(row(m, 3), r, 0);
    }
}
