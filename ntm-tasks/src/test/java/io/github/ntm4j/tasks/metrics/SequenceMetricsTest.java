package io.github.ntm4j.tasks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequenceMetricsTest {

    // Two sequences, Y = 2 channels, T = 3 steps: [B, Y, T].
    private static final INDArray LABELS = Nd4j.create(new float[] {
        1, 0, 1,   0, 1, 1,      // sequence 0: channel 0, channel 1
        0, 0, 1,   1, 1, 0},     // sequence 1
        new long[] {2, 2, 3}, 'c');
    private static final INDArray PREDICTIONS = Nd4j.create(new float[] {
        0.9f, 0.2f, 0.4f,   0.1f, 0.6f, 0.5f,
        0.3f, 0.7f, 1.0f,   0.5f, 0.8f, 0.0f},
        new long[] {2, 2, 3}, 'c');
    // Sequence 0 is scored on steps 1 and 2, sequence 1 on step 2 only.
    private static final INDArray MASK = Nd4j.create(new float[] {0, 1, 1, 0, 0, 1}, new long[] {2, 3}, 'c');

    @Test
    void bitErrorsCountThresholdedMistakesOnAnswerSteps() {
        // Sequence 0, steps 1-2: ch0 (0.2 vs 0 ok, 0.4 vs 1 wrong), ch1 (0.6 vs 1 ok, 0.5 vs 1 wrong:
        // 0.5 is not above the threshold). Sequence 1, step 2: ch0 1.0 vs 1 ok, ch1 0.0 vs 0 ok.
        assertArrayEquals(new double[] {2, 0}, SequenceMetrics.bitErrors(PREDICTIONS, LABELS, MASK));
        assertEquals(1.0, SequenceMetrics.meanBitErrors(PREDICTIONS, LABELS, MASK));
        assertEquals(0.5, SequenceMetrics.sequenceAccuracy(PREDICTIONS, LABELS, MASK));
        assertEquals(4 / 6.0, SequenceMetrics.stepAccuracy(PREDICTIONS, LABELS, MASK), 1e-12);
        // Unmasked: sequence 1 also has step 0 ch1 (0.5 vs 1 wrong), step 1 ch0 (0.7 vs 0 wrong).
        assertArrayEquals(new double[] {2, 2}, SequenceMetrics.bitErrors(PREDICTIONS, LABELS, null));
    }

    @Test
    void costIsBinaryCrossEntropyInBitsSummedOverAnswers() {
        double log2 = Math.log(2);
        double clip = SequenceMetrics.CLIP;
        double seq0 = -(Math.log(1 - 0.2) + Math.log(0.4) + Math.log(0.6) + Math.log(0.5)) / log2;
        double seq1 = -(Math.log(1 - clip) + Math.log(1 - clip)) / log2;
        double[] cost = SequenceMetrics.costBits(PREDICTIONS, LABELS, MASK);
        assertEquals(seq0, cost[0], 1e-6);
        assertEquals(seq1, cost[1], 1e-9);
        // A certain wrong answer is clipped: -log2(1e-7) bits, not infinity.
        INDArray wrong = Nd4j.zeros(1, 1, 1);
        INDArray one = Nd4j.ones(1, 1, 1);
        assertEquals(-Math.log(clip) / log2, SequenceMetrics.costBits(wrong, one, null)[0], 1e-6);
        // A fair coin costs exactly one bit per answer bit.
        assertEquals(4.0, SequenceMetrics.costBits(LABELS.like().assign(0.5), LABELS, MASK)[0], 1e-9);
    }

    @Test
    void aNaNPredictionIsAWrongBitWhateverItsTarget() {
        INDArray labels = Nd4j.zeros(1, 2, 1);
        labels.putScalar(0, 1, 0, 1.0);
        INDArray nan = Nd4j.valueArrayOf(new long[] {1, 2, 1}, Double.NaN);
        assertArrayEquals(new double[] {2}, SequenceMetrics.bitErrors(nan, labels, null));
    }

    /** 0.5 says nothing: it is wrong for a 0 target as for a 1 (docs/protocol.md). */
    @Test
    void aPredictionOfExactlyOneHalfIsAWrongBitWhateverItsTarget() {
        INDArray labels = Nd4j.zeros(1, 2, 1);
        labels.putScalar(0, 1, 0, 1.0);
        INDArray half = Nd4j.valueArrayOf(new long[] {1, 2, 1}, 0.5);
        assertArrayEquals(new double[] {2}, SequenceMetrics.bitErrors(half, labels, null));
        assertEquals(0.0, SequenceMetrics.stepAccuracy(half, labels, null));
        assertEquals(0.0, SequenceMetrics.finalStepAccuracy(half, labels, null));
        assertTrue(SequenceMetrics.right(Math.nextUp(0.5), 1) && SequenceMetrics.right(Math.nextDown(0.5), 0));
    }

    @Test
    void perfectPredictionsScorePerfectly() {
        assertArrayEquals(new double[] {0, 0}, SequenceMetrics.bitErrors(LABELS, LABELS, MASK));
        assertEquals(1.0, SequenceMetrics.sequenceAccuracy(LABELS, LABELS, null));
        assertEquals(1.0, SequenceMetrics.finalStepAccuracy(LABELS, LABELS, MASK));
        double[] cost = SequenceMetrics.costBits(LABELS, LABELS, MASK);
        assertEquals(4 * -Math.log(1 - SequenceMetrics.CLIP) / Math.log(2), cost[0], 1e-9);
    }

    @Test
    void finalStepAccuracyLooksAtTheLastAnswerStepOnly() {
        // Dyck-style: Y = 1, every step scored; only the last step classifies the word.
        INDArray labels = Nd4j.create(new float[] {1, 0, 1, 0, 0, 0}, new long[] {2, 1, 3}, 'c');
        INDArray predictions = Nd4j.create(new float[] {0, 0, 0.9f, 1, 1, 0.1f}, new long[] {2, 1, 3}, 'c');
        assertEquals(1.0, SequenceMetrics.finalStepAccuracy(predictions, labels, null));
        assertEquals(0.0, SequenceMetrics.sequenceAccuracy(predictions, labels, null));
        INDArray shortSecond = Nd4j.create(new float[] {1, 1, 1, 1, 1, 0}, new long[] {2, 3}, 'c');
        assertEquals(0.5, SequenceMetrics.finalStepAccuracy(predictions, labels, shortSecond));
    }

    @Test
    void perOutputMasksAndShapeErrors() {
        INDArray perOutput = Nd4j.zeros(2, 2, 3);
        perOutput.putScalar(new long[] {0, 0, 2}, 1);   // only sequence 0, channel 0, step 2
        assertArrayEquals(new double[] {1, 0}, SequenceMetrics.bitErrors(PREDICTIONS, LABELS, perOutput));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceMetrics.bitErrors(PREDICTIONS, LABELS, Nd4j.ones(2, 4)));
        assertEquals("labelMask must be [B, T] = [2, 3] or [B, Y, T], got [2, 4]", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SequenceMetrics.bitErrors(PREDICTIONS, Nd4j.zeros(2, 2, 4), MASK));
    }
}
