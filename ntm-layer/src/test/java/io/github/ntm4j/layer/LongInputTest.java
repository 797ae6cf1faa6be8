package io.github.ntm4j.layer;

import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Long inputs stay finite when the adds are bounded (docs/reliability.md): with |a| <= 1 each write head
 * adds at most 1 to a cell per step and the erase only shrinks it, so {@code |M_t| <= |M_0| + t V}, and the
 * reads, the controller and every head parameter are bounded with it. Weights are scaled up (×4 over
 * Xavier) and the controller and keys are ReLU, so only the bounded add stands between the loop
 * memory → read → controller → add → memory and geometric growth: the case that makes the shipped copy
 * model (ReLU adds) diverge past its memory.
 */
class LongInputTest {

    private static MultiLayerNetwork aggressive(boolean fused, int rows) {
        NtmLayer ntm = new NtmLayer.Builder().nIn(NtmTestNets.X).memory(rows, 6).controllerSize(12).readHeads(1)
                .writeHeads(2).shiftRange(1).controllerActivation(NtmActivation.RELU).keyActivation(NtmActivation.RELU)
                .addActivation(NtmActivation.TANH).fusedCpuPath(fused).build();
        MultiLayerNetwork net = NtmTestNets.net(ntm);
        net.getLayer(0).params().muli(4);
        ((NtmRecurrentLayer) net.getLayer(0)).setInspection(true);
        return net;
    }

    private static void runLong(MultiLayerNetwork net, int steps, String what) {
        INDArray x = NtmTestNets.input(7, 1, steps).gt(0).castTo(DataType.DOUBLE);   // random bits
        INDArray y = net.output(x);
        assertFalse(y.isNaN().any() || y.isInfinite().any(), what + ": output not finite");
        var trace = ((NtmRecurrentLayer) net.getLayer(0)).getLastTrace();
        double m0 = NtmState.DEFAULT_INITIAL_MEMORY;
        NtmTraceInvariants.check(trace, what, t -> m0 + (t + 1) * 2.0 + 1e-9);   // V = 2
    }

    @Test
    void fusedPathFourThousandSteps() {
        runLong(aggressive(true, 16), 4000, "fused, T=4000");
    }

    @Test
    void sameDiffPathOneHundredAndFiftySteps() {
        runLong(aggressive(false, 8), 150, "SameDiff, T=150");
    }
}
