package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmBackwardPass;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static io.github.ntm4j.layer.internal.step.fused.FusedTestSupport.assertClose;
import static io.github.ntm4j.layer.internal.step.fused.FusedTestSupport.assertStateClose;

/**
 * The minibatch split across two threads gives the single-threaded results: the same forward values
 * exactly, and gradients that differ only by the order of the final sum over examples.
 */
class FusedThreadingTest {

    @AfterAll
    static void restoreDefaults() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void twoThreadsEqualOne() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        DataType dt = DataType.DOUBLE;
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(6, 4).controllerSize(5).controller(ControllerType.LSTM)
                .readHeads(2).writeHeads(2).shiftRange(1).build();
        Random rnd = new Random(5);
        int batch = 5;
        int steps = 6;
        Map<String, INDArray> params = FusedTestSupport.randomParams(layer, rnd, dt);
        INDArray x = FusedTestSupport.uniform(rnd, dt, 1.0, batch, 3, steps);
        NtmState initial = FusedTestSupport.randomState(layer, rnd, dt, batch);
        INDArray mask = Nd4j.createFromArray(new double[][]{
                {1, 1, 1, 1, 1, 1}, {1, 1, 0, 1, 0, 0}, {1, 1, 1, 1, 1, 0}, {1, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}});
        INDArray dLdy = FusedTestSupport.uniform(rnd, dt, 1.0, batch, layer.getNOut(), steps);

        FusedNtmPath single = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), dt);
        single.setParallelThreshold(Integer.MAX_VALUE);
        FusedNtmPath split = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), dt);
        split.setParallelThreshold(2);
        for (int firstStep : new int[]{0, 2}) {
            NtmForwardPass f1 = single.forward(params, x, mask, initial, true, true);
            NtmForwardPass f2 = split.forward(params, x, mask, initial, true, true);
            assertClose("y", f1.output(), f2.output(), 0, 0);
            assertStateClose("final state", f1.finalState(), f2.finalState(), 0, 0);
            assertClose("trace weightings", f1.trace.weightings, f2.trace.weightings, 0, 0);
            assertClose("trace memory", f1.trace.memory, f2.trace.memory, 0, 0);
            Map<String, INDArray> g1 = FusedTestSupport.gradientViews(layer, dt, 0);
            Map<String, INDArray> g2 = FusedTestSupport.gradientViews(layer, dt, 7);
            NtmBackwardPass b1 = single.backward(f1, dLdy, firstStep, g1);
            NtmBackwardPass b2 = split.backward(f2, dLdy, firstStep, g2);
            for (String k : g1.keySet()) {
                assertClose("dL/d" + k, g1.get(k), g2.get(k), 1e-12, 1e-12);
            }
            assertClose("dL/dx", b1.inputGradient(), b2.inputGradient(), 0, 0);
            assertStateClose("dL/d(initial state)", b1.initialStateGradient(), b2.initialStateGradient(), 0, 0);
        }
    }
}
