package io.github.ntm4j.examples.reliability;

import io.github.ntm4j.layer.NtmNetworks;
import io.github.ntm4j.layer.io.SafeModelLoader;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped copy model (N = 128, tanh adds) on inputs far longer than it was trained on
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
     * Far past its memory (length 200 is 402 steps; 500 is 1002) the write head wraps onto rows it wrote many
     * times. A model with ReLU adds amplifies what it reads back until float overflows and the cost is NaN
     * (docs/reliability.md); the shipped model's tanh adds keep its memory bounded, so it gives wrong bits
     * and a finite cost, as a model past its memory must.
     */
    @Test
    void farPastItsMemoryTheCostStaysFinite() throws Exception {
        for (int length : new int[]{200, 500}) {
            DataSet ds = copySequence(length);
            INDArray p = predict(copyModel(), ds);
            assertFalse(p.isNaN().any() || p.isInfinite().any(), "length " + length);
            assertTrue(SequenceMetrics.meanBitErrors(p, ds.getLabels(), ds.getLabelsMaskArray()) > 100);
            assertTrue(Double.isFinite(SequenceMetrics.meanCostBits(p, ds.getLabels(), ds.getLabelsMaskArray())),
                    "length " + length);
        }
    }
}
