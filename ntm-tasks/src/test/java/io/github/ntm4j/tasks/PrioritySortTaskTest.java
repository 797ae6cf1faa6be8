package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrioritySortTaskTest {

    @Test
    void targetIsTheSixteenHighestInDecreasingPriority() {
        int bits = 8;
        int n = 20;
        int m = 16;
        Batch batch = Batch.of(new PrioritySortTask(), 32, 13);
        double min = 1;
        double max = -1;
        for (int b = 0; b < batch.size(); b++) {
            assertEquals(n + 1 + m, batch.steps(b));
            assertEquals(1f, batch.x[b][bits + 1][n], "delimiter after the inputs");
            float[] priority = new float[n];
            for (int i = 0; i < n; i++) {
                priority[i] = batch.x[b][bits][i];
                min = Math.min(min, priority[i]);
                max = Math.max(max, priority[i]);
            }
            // Selection by brute force: the r-th output is the input whose priority is exceeded
            // by exactly r others.
            for (int r = 0; r < m; r++) {
                int t = n + 1 + r;
                int expected = -1;
                for (int i = 0; i < n; i++) {
                    int higher = 0;
                    for (int j = 0; j < n; j++) {
                        higher += priority[j] > priority[i] ? 1 : 0;
                    }
                    if (higher == r) {
                        expected = i;
                    }
                }
                assertArrayEquals(batch.x(b, expected, 0, bits), batch.y(b, t, 0, bits), "rank " + r);
                assertEquals(1f, batch.yMask[b][t]);
            }
            for (int t = 0; t <= n; t++) {
                assertEquals(0f, batch.yMask[b][t], "no answers while reading");
            }
        }
        assertTrue(min >= -1 && max <= 1 && min < -0.9 && max > 0.9, "priorities span [-1, 1]: " + min + ".." + max);
    }

    @Test
    void paperDefaultsAndSweepSizes() {
        assertEquals(new PrioritySortTask.Params(8, 20, 16), new PrioritySortTask().params());
        assertEquals(new PrioritySortTask.Params(8, 40, 32), PrioritySortTask.Params.paper().withInputs(40));
        assertEquals(10, new PrioritySortTask().inputSize());
        assertEquals(8, new PrioritySortTask().outputSize());
        assertEquals(37, new PrioritySortTask().maxSteps());
    }

    @Test
    void moreOutputsThanInputsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrioritySortTask.Params(8, 10, 16));
        assertTrue(e.getMessage().contains("outputs=16") && e.getMessage().contains("inputs=10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PrioritySortTask.Params(8, 0, 0));
        assertTrue(e.getMessage().contains("inputs must be >= 1, got 0"), e.getMessage());
    }

    @Test
    void theInputsCurriculumStartsSmallAndGrowsByOneToThePapersTwenty() {
        Curriculum c = PrioritySortTask.inputsCurriculum(PrioritySortTask.Params.paper(), 5, 2.0);
        for (int inputs = 5; inputs <= 20; inputs++) {
            assertEquals(inputs, c.level());
            PrioritySortTask task = (PrioritySortTask) c.task();
            assertEquals(PrioritySortTask.Params.paper().withInputs(inputs), task.params());
            assertEquals(10, task.inputSize(), "the network's width is the same at every level");
            Batch batch = Batch.of(task, 4, inputs);
            assertEquals(inputs + 1 + task.params().outputs(), batch.steps(0));
            assertEquals(1f, batch.x[0][8 + 1][inputs], "the delimiter after this level's inputs");
            assertTrue(!c.report(2.0), "the metric must fall strictly under the threshold");
            assertEquals(inputs < 20, c.report(1.9));
        }
        assertEquals(new PrioritySortTask.Params(8, 5, 4), PrioritySortTask.Params.paper().withInputs(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrioritySortTask.inputsCurriculum(PrioritySortTask.Params.paper(), 21, 2.0));
        assertTrue(e.getMessage().contains("21") && e.getMessage().contains("20"), e.getMessage());
    }
}
