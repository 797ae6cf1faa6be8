package io.github.ntm4j.examples.analysis;

import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.cli.ShippedModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DyckDepthTest {

    @Test
    void aRowThatFollowsTheDepthIsOnOneLineAndStrayStepsAreNot() {
        // depths 1 2 3 2 3 4 3; rows: depth + 5 (mod 8), except step 4 (depth 3, row 4)
        int[] depth = {1, 2, 3, 2, 3, 4, 3};
        int[] row = {6, 7, 0, 7, 4, 1, 0};
        // counted: the six steps at depth >= 2; on the rising line c = 5: all but step 4
        assertArrayEquals(new int[] {5, 6}, DyckDepth.lineVotes(row, depth, depth.length, +1, 8));
        // the prefix went negative at step 3: only steps 1 and 2 count
        assertArrayEquals(new int[] {2, 2}, DyckDepth.lineVotes(row, depth, 3, +1, 8));
        // a falling line fits at most two of them (row + depth = 3 at steps 2 and 6)
        assertTrue(DyckDepth.lineVotes(row, depth, depth.length, -1, 8)[0] < 5);
    }

    @Test
    void theMostWeightedRowOfEachStep() {
        double[][] w = {{0.7, 0.1, 0.2}, {0.2, 0.1, 0.5}, {0.1, 0.8, 0.3}};
        assertArrayEquals(new int[] {0, 2, 1}, DyckDepth.mostWeightedRows(w));
    }

    @Test
    void theShippedModelsReadHeadFollowsTheDepth() {
        DyckDepth.Result r = DyckDepth.measure(
                ModelFiles.loadResource(ShippedModels.named("dyck").resource(), "dyck"), 40, 30);
        assertEquals(30, r.words());
        assertTrue(r.trackedSteps() > 100, "enough steps measured: " + r);
        assertTrue(r.onDepthLineShare() > 0.9, "read head on the depth line: " + r);
    }
}
