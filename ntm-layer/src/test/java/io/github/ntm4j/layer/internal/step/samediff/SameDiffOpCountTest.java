package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the SameDiff step's op counts for the copy configuration (feed-forward controller 100, memory 128 x 20,
 * one read and one write head, shift range 1): every op costs interpreter time per step, so a change that adds
 * ops is a slowdown and fails here. A backward step runs the gradient function's own ops, given the values its forward
 * step computed. Before the heads were batched the step had 152 ops and its gradient
 * function 370 (docs/performance.md).
 */
class SameDiffOpCountTest {
    @Test
    void theCopyConfigurationsStepStaysSmall() {
        NtmLayer layer = new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).readHeads(1).writeHeads(1)
                .shiftRange(1).fusedCpuPath(false).build();
        int[] n = SameDiffNtmPath.opCounts(NtmRecurrentLayer.specOf(layer), DataType.FLOAT);
        String counts = "step graph " + n[0] + " ops (" + n[1] + " run forward), gradient function " + n[2]
                + " (" + n[3] + " run given the forward step's values, " + n[4] + " computing them again)";
        assertTrue(n[0] <= 60, counts);
        assertTrue(n[1] <= 56, counts);
        // SameDiff's gradient function itself has 146 or 147 ops, depending on what ran before in the JVM.
        assertTrue(n[2] <= 147, counts);
        assertTrue(n[3] <= 75, counts);
        assertTrue(n[4] <= 129, counts);
    }
}
