package io.github.ntm4j.layer.internal.step.samediff;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Each mechanism of the SameDiff step on the hand-worked cases of {@code FusedMechanismsTest}: the portable
 * path's twins must do exactly the same.
 */
class SameDiffMechanismsTest {
    private static final int N = 5;
    private static final int W = 3;

    /** A one-hot weighting of one head: [1, 1, N]. */
    private static INDArray oneHot(int n) {
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 1, 1, N);
        w.putScalar(0, 0, n, 1);
        return w;
    }

    private static INDArray memory() {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.randn(DataType.DOUBLE, 1, N, W);
    }

    private static double[] vector(INDArray a) {
        return a.reshape(a.length()).toDoubleVector();
    }

    private static double[] shifted(INDArray w, double[] s) {
        SameDiff sd = SameDiff.create();
        return vector(AddressingGraph.shift(sd, sd.constant(w), sd.constant(Nd4j.create(s, 1, 1, 3)), 1, N, 1,
                DataType.DOUBLE).eval());
    }

    @Test
    void aOneHotWeightingShiftedByPlusOneMovesOneRowAndWraps() {
        assertArrayEquals(vector(oneHot(3)), shifted(oneHot(2), new double[]{0, 0, 1}), 0);
        assertArrayEquals(vector(oneHot(0)), shifted(oneHot(4), new double[]{0, 0, 1}), 0);
        assertArrayEquals(vector(oneHot(4)), shifted(oneHot(0), new double[]{1, 0, 0}), 0);
    }

    @Test
    void sharpeningWithGammaOneLeavesAWeightingUnchanged() {
        double[] w = {0.1, 0.2, 0.3, 0.15, 0.25};
        SameDiff sd = SameDiff.create();
        INDArray out = AddressingGraph.sharpen(sd, sd.constant(Nd4j.create(w, 1, 1, N)),
                sd.constant(Nd4j.ones(DataType.DOUBLE, 1, 1, 1)), N).eval();
        assertArrayEquals(w, vector(out), 1e-6);
    }

    @Test
    void aZeroKeyGivesUniformContentWeights() {
        SameDiff sd = SameDiff.create();
        INDArray wc = AddressingGraph.contentWeights(sd, sd.constant(memory()),
                sd.constant(Nd4j.zeros(DataType.DOUBLE, 1, 1, W)), sd.constant(Nd4j.valueArrayOf(new long[]{1, 1, 1}, 7.0)),
                N, W).eval();
        double[] uniform = new double[N];
        java.util.Arrays.fill(uniform, 1.0 / N);
        assertArrayEquals(uniform, vector(wc), 1e-12);
    }

    /**
     * A softmax over one logit (memory of one row, shift range 0) is 1 whatever the logit, with zero gradient;
     * SameDiff's own reductions cannot run over that axis of size 1.
     */
    @Test
    void aSoftmaxOverOneLogitIsOneWithZeroGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable logits = sd.var("z", Nd4j.create(new double[]{-3.5, 0, 700}, 3, 1));
        SDVariable p = SdActivations.softmax(sd, logits, 1, 1);
        p.mul(sd.constant(Nd4j.create(new double[]{2, -1, 5}, 3, 1))).sum().rename("loss");
        sd.setLossVariables("loss");
        assertArrayEquals(new double[]{1, 1, 1}, vector(p.eval()), 0);
        assertArrayEquals(new double[3], vector(sd.calculateGradients(null, "z").get("z")), 0);
    }

    @Test
    void eraseOneClearsARowAndAddAfterEraseWritesExactlyTheAddVector() {
        INDArray m = memory();
        INDArray add = Nd4j.create(new double[]{0.5, -2, 3}, 1, 1, W);
        SameDiff sd = SameDiff.create();
        SDVariable erase = sd.constant(Nd4j.ones(DataType.DOUBLE, 1, 1, W));
        INDArray out = MemoryGraph.write(sd, sd.constant(m), sd.constant(oneHot(2)), erase, sd.constant(add), 0, 1, N,
                W, DataType.DOUBLE).eval();
        assertArrayEquals(vector(add), vector(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2))), 0);
        for (int n = 0; n < N; n++) {
            if (n != 2) {
                assertArrayEquals(vector(m.slice(0).getRow(n)), vector(out.slice(0).getRow(n)), 0, "row " + n);
            }
        }
        SameDiff sd2 = SameDiff.create();
        INDArray cleared = MemoryGraph.write(sd2, sd2.constant(m), sd2.constant(oneHot(4)),
                sd2.constant(Nd4j.ones(DataType.DOUBLE, 1, 1, W)), sd2.constant(Nd4j.zeros(DataType.DOUBLE, 1, 1, W)),
                0, 1, N, W, DataType.DOUBLE).eval();
        assertArrayEquals(new double[W], vector(cleared.slice(0).getRow(4)), 0);
    }

    @Test
    void aReadOfAOneHotWeightingReturnsThatRow() {
        INDArray m = memory();
        SameDiff sd = SameDiff.create();
        INDArray r = MemoryGraph.read(sd, sd.constant(m), sd.constant(oneHot(3))).eval();
        assertArrayEquals(vector(m.slice(0).getRow(3)), vector(r), 0);
    }
}
