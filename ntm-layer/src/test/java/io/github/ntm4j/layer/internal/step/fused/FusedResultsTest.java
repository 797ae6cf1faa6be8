package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmBackwardPass;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static io.github.ntm4j.layer.internal.step.fused.FusedTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused path's results are copied out of its buffers when asked for, into the array the caller's allocator
 * makes: the same values whichever allocator, and a clear error once the next pass has reused the buffers.
 */
class FusedResultsTest {
    private final NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(6, 4).controllerSize(5)
            .readHeads(1).writeHeads(1).shiftRange(1).build();
    private final Random rnd = new Random(11);
    private final DataType dt = DataType.FLOAT;
    private final Map<String, INDArray> params = FusedTestSupport.randomParams(layer, rnd, dt);
    private final INDArray x = FusedTestSupport.uniform(rnd, dt, 1.0, 2, 3, 4);
    private final NtmState initial = FusedTestSupport.randomState(layer, rnd, dt, 2);
    private final INDArray dLdy = FusedTestSupport.uniform(rnd, dt, 1.0, 2, layer.getNOut(), 4);
    private final FusedNtmPath path = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), dt);

    @Test
    void resultsGoIntoTheAllocatorsArraysWithTheSameValues() {
        NtmForwardPass fwd = path.forward(params, x, null, initial, true, false);
        INDArray detached = fwd.output();
        assertFalse(detached.isAttached());
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "FusedResultsTest")) {
            INDArray inWorkspace = fwd.output((type, shape) -> Nd4j.createUninitialized(type, shape));
            assertTrue(inWorkspace.isAttached());
            assertClose("y in a workspace", detached, inWorkspace, 0, 0);
            // The allocator chooses the data type: a double array gets the kernel's doubles, which round to the
            // float results.
            INDArray wide = fwd.output((type, shape) -> Nd4j.createUninitialized(DataType.DOUBLE, shape));
            assertEquals(DataType.DOUBLE, wide.dataType());
            assertClose("y in double, rounded", detached, wide.castTo(DataType.FLOAT), 0, 0);
            // DETACHED is detached even inside a workspace.
            assertFalse(fwd.output().isAttached());
        }
        Map<String, INDArray> grads = FusedTestSupport.gradientViews(layer, dt, 0);
        NtmBackwardPass back = path.backward(fwd, dLdy, 0, grads);
        INDArray dx = back.inputGradient();
        INDArray dxWide = back.inputGradient((type, shape) -> Nd4j.createUninitialized(DataType.DOUBLE, shape));
        assertEquals(DataType.DOUBLE, dxWide.dataType());
        assertClose("dL/dx in double, rounded", dx, dxWide.castTo(DataType.FLOAT), 0, 0);
    }

    @Test
    void resultsReadAfterTheNextPassAreRefused() {
        NtmForwardPass first = path.forward(params, x, null, initial, true, false);
        Map<String, INDArray> grads = FusedTestSupport.gradientViews(layer, dt, 0);
        NtmBackwardPass firstBack = path.backward(first, dLdy, 0, grads);
        NtmForwardPass second = path.forward(params, x, null, initial, true, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, first::output);
        assertTrue(e.getMessage().contains("output of a forward pass must be read before the next forward pass"),
                e.getMessage());
        assertThrows(IllegalStateException.class, first::finalState);
        path.backward(second, dLdy, 0, grads);
        e = assertThrows(IllegalStateException.class, firstBack::inputGradient);
        assertTrue(e.getMessage().contains("dL/dx of a backward pass must be read before the next backward pass"),
                e.getMessage());
        assertThrows(IllegalStateException.class, firstBack::initialStateGradient);
    }
}
