package io.github.ntm4j.examples.reliability;

import io.github.ntm4j.layer.NtmNetworks;
import io.github.ntm4j.layer.io.SafeModelLoader;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped copy model (N = 128, ReLU adds) on inputs far longer than it was trained on
 * (docs/reliability.md, "Long inputs"). Minibatch 1, a few thousand steps at most: well under a second.
 */
class CopyModelLongInputTest {

    private static MultiLayerNetwork copyModel() throws Exception {
        try (InputStream in = CopyModelLongInputTest.class.getResourceAsStream("/models/copy.zip")) {
            return SafeModelLoader.defaults().restoreMultiLayerNetwork(in, false);
        }
    }

    private static DataSet copySequence(int length) {
        return Examples.toDataSet(Examples.generate(new CopyTask(CopyTask.Params.lasagne().withLength(length)), 1, 3),
                DataType.FLOAT);
    }

    private static INDArray predict(MultiLayerNetwork net, DataSet ds) {
        return net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
    }

    @Test
    void withMemoryForTheWholeSequenceAThousandStepsAreCopiedExactly() throws Exception {
        // Length 500 is 1002 steps. With 1024 rows the write head never returns to a row it wrote, and the
        // model trained on 1-20 copies it without an error: long inputs as such are not the problem.
        MultiLayerNetwork net = NtmNetworks.withMemoryRows(copyModel(), 1024);
        DataSet ds = copySequence(500);
        INDArray p = predict(net, ds);
        assertFalse(p.isNaN().any() || p.isInfinite().any());
        assertEquals(0.0, SequenceMetrics.meanBitErrors(p, ds.getLabels(), ds.getLabelsMaskArray()));
        assertTrue(SequenceMetrics.meanCostBits(p, ds.getLabels(), ds.getLabelsMaskArray()) < 1.0);
    }

    @Test
    void justPastItsMemoryTheModelGivesWrongBitsAndAFiniteCost() throws Exception {
        DataSet ds = copySequence(130);   // 262 steps, 128 rows: the write head wraps around
        INDArray p = predict(copyModel(), ds);
        assertFalse(p.isNaN().any() || p.isInfinite().any());
        assertTrue(SequenceMetrics.meanBitErrors(p, ds.getLabels(), ds.getLabelsMaskArray()) > 100);
        assertTrue(Double.isFinite(SequenceMetrics.meanCostBits(p, ds.getLabels(), ds.getLabelsMaskArray())));
    }

    /**
     * Open (issue 20): past step ~130 the write head wraps onto rows it wrote, and this model's ReLU
     * controller and ReLU adds amplify what the read head gets back by about 1.47 per step. The memory
     * stays finite in the fused path's double arithmetic until it passes float's 3.4e38 at step 348 of
     * a length-200 sequence, where the float32 network's activations overflow and the output layer
     * makes NaN (∞ − ∞). No guard in the step is missing; the model's recipe (unbounded adds) is the
     * cause, and the fix is a model retrained with bounded adds (tanh, the layer's default).
     */
    @Test
    @Disabled("issue 20: the shipped copy model diverges past its memory; needs a model retrained with tanh adds")
    void farPastItsMemoryTheCostStaysFinite() throws Exception {
        DataSet ds = copySequence(200);
        INDArray p = predict(copyModel(), ds);
        assertTrue(Double.isFinite(SequenceMetrics.meanCostBits(p, ds.getLabels(), ds.getLabelsMaskArray())));
    }
}
