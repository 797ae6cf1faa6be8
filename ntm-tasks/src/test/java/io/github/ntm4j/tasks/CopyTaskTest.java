package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CopyTaskTest {

    @Test
    void targetsEqualTheInputsAfterTheEndMarker() {
        CopyTask task = new CopyTask(CopyTask.Params.paper());
        Batch batch = Batch.of(task, 64, 7);
        int bits = 8;
        Set<Integer> lengths = new HashSet<>();
        for (int b = 0; b < batch.size(); b++) {
            int steps = batch.steps(b);
            // The end marker is the one step with channel `bits` set; it splits input and answer.
            int marker = -1;
            for (int t = 0; t < steps; t++) {
                if (batch.x[b][bits][t] == 1f) {
                    assertEquals(-1, marker, "one end marker");
                    marker = t;
                }
            }
            int length = marker;
            lengths.add(length);
            assertTrue(length >= 1 && length <= 20, "length " + length);
            assertEquals(2 * length + 1, steps);
            assertArrayEquals(new float[bits], batch.x(b, marker, 0, bits), "marker step carries no bits");
            for (int i = 0; i < length; i++) {
                float[] in = batch.x(b, i, 0, bits);
                for (float v : in) {
                    assertTrue(v == 0f || v == 1f);
                }
                assertArrayEquals(in, batch.y(b, length + 1 + i, 0, bits), "target = input " + i);
                assertArrayEquals(new float[bits + 1], batch.x(b, length + 1 + i, 0, bits + 1), "blank while answering");
            }
            for (int t = 0; t < batch.x[b][0].length; t++) {
                boolean isAnswer = t > length && t <= 2 * length;
                assertEquals(isAnswer ? 1f : 0f, batch.yMask[b][t], "label mask at " + t);
                assertEquals(t < steps ? 1f : 0f, batch.xMask[b][t], "feature mask at " + t);
                if (!isAnswer) {
                    assertArrayEquals(new float[bits], batch.y(b, t, 0, bits), "no target outside answers");
                }
            }
        }
        assertTrue(lengths.size() > 5, "a minibatch mixes lengths: " + lengths);
    }

    @Test
    void widthsFollowTheBits() {
        CopyTask task = new CopyTask(new CopyTask.Params(5, 2, 3));
        assertEquals(6, task.inputSize());
        assertEquals(5, task.outputSize());
        assertEquals(7, task.maxSteps());
        TaskIterator it = TaskIterator.builder(task).build();
        assertEquals(6, it.inputColumns());
        assertEquals(5, it.totalOutcomes());
    }

    @Test
    void presetsArePublishedSettings() {
        assertEquals(new CopyTask.Params(8, 1, 20), CopyTask.Params.paper());
        assertEquals(new CopyTask.Params(8, 1, 5), CopyTask.Params.lasagne());
        assertEquals(CopyTask.Params.paper(), new CopyTask().params());
        assertEquals(new CopyTask.Params(8, 120, 120), CopyTask.Params.paper().withLength(120));
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        CopyTask task = new CopyTask();
        assertEquals(Examples.generate(task, 10, 3), Examples.generate(task, 10, 3));
        assertNotEquals(Examples.generate(task, 10, 3), Examples.generate(task, 10, 4));
    }

    @Test
    void impossibleParametersAreRejectedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CopyTask.Params(8, 6, 5));
        assertTrue(e.getMessage().contains("minLength") && e.getMessage().contains("6")
                && e.getMessage().contains("maxLength"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CopyTask.Params(0, 1, 5));
        assertTrue(e.getMessage().contains("bits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CopyTask.Params(8, 0, 5));
        assertTrue(e.getMessage().contains("minLength must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CopyTask.Params(8, 1, 600_000));
        assertTrue(e.getMessage().contains("maxLength=600000") && e.getMessage().contains("1200001"), e.getMessage());
    }
}
