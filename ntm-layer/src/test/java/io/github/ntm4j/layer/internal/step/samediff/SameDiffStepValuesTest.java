package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmBackwardPass;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import io.github.ntm4j.layer.internal.step.fused.FusedNtmPath;
import io.github.ntm4j.layer.internal.step.fused.FusedTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backward pass on the SameDiff path reads the values its forward pass computed at each step instead of computing
 * them again: the same gradients, bit for bit, as a backward pass that computes them again (after a forward pass
 * with inspection, which does not keep them). A forward pass for backprop overwrites the one before's values, whose
 * backward pass is then refused, as on the fused path.
 */
class SameDiffStepValuesTest {
    private final Random rnd = new Random(5);
    private final DataType dt = DataType.DOUBLE;

    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void reusingTheForwardPasssValuesGivesTheGradientsOfComputingThemAgain(ControllerType controller) {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(6, 4).controllerSize(5).readHeads(2).writeHeads(1)
                .controller(controller).fusedCpuPath(false).build();
        Map<String, INDArray> params = FusedTestSupport.randomParams(layer, rnd, dt);
        INDArray x = FusedTestSupport.uniform(rnd, dt, 1.0, 2, 3, 4);
        NtmState initial = FusedTestSupport.randomState(layer, rnd, dt, 2);
        INDArray dLdy = FusedTestSupport.uniform(rnd, dt, 1.0, 2, layer.getNOut(), 4);
        SameDiffNtmPath path = new SameDiffNtmPath(NtmRecurrentLayer.specOf(layer), dt);

        Map<String, INDArray> reused = gradients(layer, path, path.forward(params, x, null, initial, true, false), dLdy);
        NtmForwardPass inspected = path.forward(params, x, null, initial, true, true);
        assertSameArrays(reused, gradients(layer, path, inspected, dLdy));
        // Again, now that the path's graph and its banks exist.
        assertSameArrays(reused, gradients(layer, path, path.forward(params, x, null, initial, true, false), dLdy));
    }

    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void theBackwardPassOfAnEarlierForwardPassIsRefused(ControllerType controller) {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(6, 4).controllerSize(5).readHeads(1).writeHeads(1)
                .controller(controller).fusedCpuPath(false).build();
        Map<String, INDArray> params = FusedTestSupport.randomParams(layer, rnd, dt);
        INDArray x = FusedTestSupport.uniform(rnd, dt, 1.0, 2, 3, 4);
        NtmState initial = FusedTestSupport.randomState(layer, rnd, dt, 2);
        INDArray dLdy = FusedTestSupport.uniform(rnd, dt, 1.0, 2, layer.getNOut(), 4);
        SameDiffNtmPath path = new SameDiffNtmPath(NtmRecurrentLayer.specOf(layer), dt);
        NtmForwardPass first = path.forward(params, x, null, initial, true, false);
        NtmForwardPass second = path.forward(params, x, null, initial, true, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gradients(layer, path, first, dLdy));
        assertTrue(e.getMessage().contains("not this path's latest"), e.getMessage());
        gradients(layer, path, second, dLdy);
    }

    /**
     * The state passes from step to step in the graph runner's arrays, not in copies: a step that every example pads
     * (it does not run) between two that run must not make the later one overwrite the state it reads. The fused path
     * is the reference.
     */
    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void aStepEveryExamplePadsBetweenTwoThatRunKeepsTheState(ControllerType controller) {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(6, 4).controllerSize(5).readHeads(1).writeHeads(1)
                .controller(controller).fusedCpuPath(false).build();
        Map<String, INDArray> params = FusedTestSupport.randomParams(layer, rnd, dt);
        INDArray x = FusedTestSupport.uniform(rnd, dt, 1.0, 2, 3, 7);
        NtmState initial = FusedTestSupport.randomState(layer, rnd, dt, 2);
        // Steps 2 and 4 pad every example; step 5 pads one.
        INDArray mask = org.nd4j.linalg.factory.Nd4j.create(new double[][]{{1, 1, 0, 1, 0, 1, 1}, {1, 1, 0, 1, 0, 0, 1}})
                .castTo(dt);
        INDArray dLdy = FusedTestSupport.uniform(rnd, dt, 1.0, 2, layer.getNOut(), 7);
        FusedNtmPath fused = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), dt);
        SameDiffNtmPath portable = new SameDiffNtmPath(NtmRecurrentLayer.specOf(layer), dt);
        for (boolean forBackprop : new boolean[]{false, true}) {
            NtmForwardPass f = fused.forward(params, x, mask, initial, forBackprop, false);
            NtmForwardPass p = portable.forward(params, x, mask, initial, forBackprop, false);
            FusedTestSupport.assertClose("y, forBackprop " + forBackprop, f.output(), p.output(), 1e-12, 1e-12);
            FusedTestSupport.assertClose("final memory, forBackprop " + forBackprop, f.finalState().memory,
                    p.finalState().memory, 1e-12, 1e-12);
            if (forBackprop) {
                Map<String, INDArray> gf = FusedTestSupport.gradientViews(layer, dt, 0);
                Map<String, INDArray> gp = FusedTestSupport.gradientViews(layer, dt, 0);
                NtmBackwardPass bf = fused.backward(f, dLdy, 0, gf);
                NtmBackwardPass bp = portable.backward(p, dLdy, 0, gp);
                for (String k : gf.keySet()) {
                    FusedTestSupport.assertClose("d" + k, gf.get(k), gp.get(k), 1e-9, 1e-9);
                }
                FusedTestSupport.assertClose("dL/dx", bf.inputGradient(), bp.inputGradient(), 1e-9, 1e-9);
            }
        }
    }

    /** The parameter gradients, dL/dx and dL/d(initial memory) of a backward pass of {@code fwd}. */
    private Map<String, INDArray> gradients(NtmLayer layer, SameDiffNtmPath path, NtmForwardPass fwd, INDArray dLdy) {
        Map<String, INDArray> grads = FusedTestSupport.gradientViews(layer, dt, 0);
        NtmBackwardPass back = path.backward(fwd, dLdy, 0, grads);
        Map<String, INDArray> r = new java.util.HashMap<>();
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            r.put(e.getKey(), e.getValue().dup());
        }
        r.put("dx", back.inputGradient());
        r.put("dMemory0", back.initialStateGradient().memory);
        return r;
    }

    private static void assertSameArrays(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            assertEquals(expected.get(k), actual.get(k), k);
        }
    }
}
