package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
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
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** A layer on the SameDiff path, random parameters, input, initial state and dL/dy for 2 examples of T steps. */
    private final class Case {
        final NtmLayer layer;
        final Map<String, INDArray> params;
        final INDArray x;
        final NtmState initial;
        final INDArray dLdy;
        final SameDiffNtmPath path;

        Case(ControllerType controller, int readHeads, int steps) {
            layer = new NtmLayer.Builder().nIn(3).memory(6, 4).controllerSize(5).readHeads(readHeads).writeHeads(1)
                    .controller(controller).fusedCpuPath(false).build();
            params = FusedTestSupport.randomParams(layer, rnd, dt);
            x = FusedTestSupport.uniform(rnd, dt, 1.0, 2, 3, steps);
            initial = FusedTestSupport.randomState(layer, rnd, dt, 2);
            dLdy = FusedTestSupport.uniform(rnd, dt, 1.0, 2, layer.getNOut(), steps);
            path = new SameDiffNtmPath(NtmRecurrentLayer.specOf(layer), dt);
        }

        NtmForwardPass forward(INDArray mask, boolean forBackprop, boolean inspect) {
            return path.forward(params, x, mask, initial, forBackprop, inspect);
        }

        Map<String, INDArray> gradients(NtmForwardPass fwd) {
            return SameDiffStepValuesTest.this.gradients(layer, path, fwd, dLdy);
        }
    }

    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void reusingTheForwardPasssValuesGivesTheGradientsOfComputingThemAgain(ControllerType controller) {
        Case c = new Case(controller, 2, 4);
        Map<String, INDArray> reused = c.gradients(c.forward(null, true, false));
        assertSameArrays(reused, c.gradients(c.forward(null, true, true)));
        // Again, now that the path's graph and its banks exist.
        assertSameArrays(reused, c.gradients(c.forward(null, true, false)));
        // A path whose budget for step values is too small for this pass computes them again.
        SameDiffNtmPath small = new SameDiffNtmPath(NtmRecurrentLayer.specOf(c.layer), dt, 1);
        assertFalse(small.keepsStepValues(2, 4));
        NtmForwardPass unkept = small.forward(c.params, c.x, null, c.initial, true, false);
        assertEquals(2 * (SameDiffNtmPath.trainingElementsPerExample(NtmRecurrentLayer.specOf(c.layer), 4)
                - 4 * SameDiffNtmPath.stepValuesPerExample(NtmRecurrentLayer.specOf(c.layer))
                - NtmDimensions.of(c.layer).stateSize()), SameDiffNtmPath.savedElements(unkept));
        assertSameArrays(reused, gradients(c.layer, small, unkept, c.dLdy));
    }

    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void theBackwardPassOfAnEarlierForwardPassIsRefused(ControllerType controller) {
        Case c = new Case(controller, 1, 4);
        NtmForwardPass first = c.forward(null, true, false);
        NtmForwardPass second = c.forward(null, true, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.gradients(first));
        assertTrue(e.getMessage().contains("not this path's latest"), e.getMessage());
        c.gradients(second);
    }

    /**
     * The state passes from step to step in the graph runner's arrays, not in copies: a step that every example pads
     * (it does not run) between two that run must not make the later one overwrite the state it reads. The fused path
     * is the reference.
     */
    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void aStepEveryExamplePadsBetweenTwoThatRunKeepsTheState(ControllerType controller) {
        Case c = new Case(controller, 1, 7);
        // Steps 2 and 4 pad every example; step 5 pads one.
        INDArray mask = Nd4j.create(new double[][]{{1, 1, 0, 1, 0, 1, 1}, {1, 1, 0, 1, 0, 0, 1}}).castTo(dt);
        FusedNtmPath fused = new FusedNtmPath(NtmRecurrentLayer.specOf(c.layer), dt);
        for (boolean forBackprop : new boolean[]{false, true}) {
            NtmForwardPass f = fused.forward(c.params, c.x, mask, c.initial, forBackprop, false);
            NtmForwardPass p = c.forward(mask, forBackprop, false);
            FusedTestSupport.assertClose("y, forBackprop " + forBackprop, f.output(), p.output(), 1e-12, 1e-12);
            FusedTestSupport.assertClose("final memory, forBackprop " + forBackprop, f.finalState().memory,
                    p.finalState().memory, 1e-12, 1e-12);
            if (forBackprop) {
                Map<String, INDArray> gf = FusedTestSupport.gradientViews(c.layer, dt, 0);
                Map<String, INDArray> gp = FusedTestSupport.gradientViews(c.layer, dt, 0);
                NtmBackwardPass bf = fused.backward(f, c.dLdy, 0, gf);
                NtmBackwardPass bp = c.path.backward(p, c.dLdy, 0, gp);
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
