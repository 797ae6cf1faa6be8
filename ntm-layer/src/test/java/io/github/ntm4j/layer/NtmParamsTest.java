package io.github.ntm4j.layer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NtmParamsTest {

    private static NtmLayer conf(MultiLayerNetwork net) {
        return (NtmLayer) net.getLayer(0).conf().getLayer();
    }

    /** The step's parameters lead the flat layout, the learned initial state (when learned) after them. */
    @Test
    void theStepParametersComeFirstInTheLayout() {
        NtmLayer lstm = NtmTestNets.small().controller(ControllerType.LSTM).learnInitialState(true).build();
        java.util.Map<String, long[]> all = NtmParams.shapes(lstm);
        java.util.Map<String, long[]> step = NtmParams.stepShapes(NtmDimensions.of(lstm));
        assertEquals(java.util.List.of(NtmParams.CONTROLLER_WEIGHTS, NtmParams.CONTROLLER_RECURRENT_WEIGHTS,
                NtmParams.CONTROLLER_BIAS, NtmParams.HEAD_WEIGHTS, NtmParams.HEAD_BIAS,
                NtmParams.INITIAL_MEMORY, NtmParams.INITIAL_WEIGHTING_LOGITS, NtmParams.INITIAL_READS),
                java.util.List.copyOf(all.keySet()));
        assertEquals(java.util.List.copyOf(all.keySet()).subList(0, step.size()), java.util.List.copyOf(step.keySet()));
        step.forEach((key, shape) -> assertArrayEquals(all.get(key), shape, key));
        NtmLayer feedForward = NtmTestNets.small().build();
        assertEquals(NtmParams.shapes(feedForward).keySet(),
                NtmParams.stepShapes(NtmDimensions.of(feedForward)).keySet(), "no Rc, no learned state");
    }

    /**
     * A copy into a layer with one more input, mapped 0→0, 1→2, 2→3, computes exactly what the source does
     * when the new input 1 is zero: the weight surgery moved each input's rows and nothing else.
     */
    @Test
    void copyingWithAnInputMapComputesTheSameFunctionOnMappedInputs() {
        MultiLayerNetwork from = NtmTestNets.net(NtmTestNets.small().build());
        MultiLayerNetwork to = NtmTestNets.net(NtmTestNets.small().nIn(NtmTestNets.X + 1).build(),
                new org.nd4j.linalg.learning.config.NoOp(), org.deeplearning4j.nn.conf.RNNFormat.NCW, 99,
                NtmTestNets.X + 1);
        NtmParams.copyMappingInputs(conf(from), from.getLayer(0).paramTable(), conf(to), to.getLayer(0).paramTable(),
                new int[]{0, 2, 3});

        INDArray x = NtmTestNets.input(3, 2, 5);
        INDArray wider = Nd4j.zeros(x.dataType(), 2, NtmTestNets.X + 1, 5);
        wider.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(
                x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()));
        wider.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4), NDArrayIndex.all()).assign(
                x.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3), NDArrayIndex.all()));
        INDArray expected = from.feedForward(x, false).get(1);
        INDArray actual = to.feedForward(wider, false).get(1);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-12);
    }

    /**
     * A copy into a layer with two more read heads (an LSTM controller, two write heads, a learned initial state:
     * every parameter the heads' order touches) computes exactly what the source does: the old heads' reads and
     * the controller's output are unchanged, because the new reads start with no weight into the controller.
     * The new heads keep their own parameters.
     */
    @Test
    void copyingIntoMoreReadHeadsComputesTheSameFunction() {
        NtmLayer.Builder shape = NtmTestNets.small().controller(ControllerType.LSTM).writeHeads(2).learnInitialState(true);
        MultiLayerNetwork from = NtmTestNets.net(shape.build());
        MultiLayerNetwork to = NtmTestNets.net(shape.readHeads(3).build(), new org.nd4j.linalg.learning.config.NoOp(),
                org.deeplearning4j.nn.conf.RNNFormat.NCW, 99);
        NtmDimensions a = NtmDimensions.of(conf(from));
        NtmDimensions b = NtmDimensions.of(conf(to));
        INDArray freshHeads = to.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS).dup();
        NtmParams.copyMappingInputs(conf(from), from.getLayer(0).paramTable(), conf(to), to.getLayer(0).paramTable(),
                new int[]{0, 1, 2});

        INDArray x = NtmTestNets.input(4, 2, 6);
        INDArray expected = from.feedForward(x, false).get(1);
        INDArray actual = to.feedForward(x, false).get(1);
        assertEquals(b.outputSize(), actual.size(1));
        INDArray shared = actual.get(NDArrayIndex.all(), NDArrayIndex.interval(0, a.outputSize()), NDArrayIndex.all());
        assertEquals(0, expected.sub(shared).amaxNumber().doubleValue(), 1e-12);

        INDArray wh = to.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS);
        for (int i = 1; i < 3; i++) {
            HeadLayout h = b.head(i);
            INDArray cols = wh.get(NDArrayIndex.all(), NDArrayIndex.interval(h.offset(), h.offset() + h.size()));
            assertEquals(freshHeads.get(NDArrayIndex.all(), NDArrayIndex.interval(h.offset(), h.offset() + h.size())),
                    cols, "new read head " + i + " keeps its own weights");
        }
        HeadLayout lastWrite = b.head(4);
        HeadLayout lastWriteFrom = a.head(2);
        assertEquals(from.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS).get(NDArrayIndex.all(),
                        NDArrayIndex.interval(lastWriteFrom.offset(), lastWriteFrom.offset() + lastWriteFrom.size())),
                wh.get(NDArrayIndex.all(), NDArrayIndex.interval(lastWrite.offset(), lastWrite.offset() + lastWrite.size())),
                "the second write head moved past the new read heads");
    }

    @Test
    void fewerReadHeadsAreRefused() {
        MultiLayerNetwork from = NtmTestNets.net(NtmTestNets.small().readHeads(2).build());
        MultiLayerNetwork to = NtmTestNets.net(NtmTestNets.small().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NtmParams.copyMappingInputs(
                conf(from), from.getLayer(0).paramTable(), conf(to), to.getLayer(0).paramTable(), new int[]{0, 1, 2}));
        assertTrue(e.getMessage().contains("not the same NTM apart from the input width and added read heads"),
                e.getMessage());
    }

    @Test
    void aDroppedInputLeavesItsTargetRowsAlone() {
        MultiLayerNetwork from = NtmTestNets.net(NtmTestNets.small().build());
        MultiLayerNetwork to = NtmTestNets.net(NtmTestNets.small().build(), new org.nd4j.linalg.learning.config.NoOp(),
                org.deeplearning4j.nn.conf.RNNFormat.NCW, 99);
        INDArray before = to.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS).dup();
        NtmParams.copyMappingInputs(conf(from), from.getLayer(0).paramTable(), conf(to), to.getLayer(0).paramTable(),
                new int[]{-1, 1, 2});
        INDArray wc = to.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS);
        assertEquals(before.getRow(0), wc.getRow(0), "row of the dropped input's target untouched");
        assertEquals(from.getLayer(0).getParam(NtmParams.CONTROLLER_WEIGHTS).getRow(1), wc.getRow(1));
        assertEquals(from.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS), to.getLayer(0).getParam(NtmParams.HEAD_WEIGHTS));
    }

    @Test
    void layersThatDifferBeyondTheirInputsAreRefused() {
        MultiLayerNetwork from = NtmTestNets.net(NtmTestNets.small().build());
        MultiLayerNetwork other = NtmTestNets.net(NtmTestNets.small().controllerSize(6).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NtmParams.copyMappingInputs(
                conf(from), from.getLayer(0).paramTable(), conf(other), other.getLayer(0).paramTable(),
                new int[]{0, 1, 2}));
        assertTrue(e.getMessage().contains("not the same NTM"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NtmParams.copyMappingInputs(conf(from),
                from.getLayer(0).paramTable(), conf(from), from.getLayer(0).paramTable(), new int[]{0, 1}));
        assertThrows(IllegalArgumentException.class, () -> NtmParams.copyMappingInputs(conf(from),
                from.getLayer(0).paramTable(), conf(from), from.getLayer(0).paramTable(), new int[]{0, 1, 5}));
    }
}
