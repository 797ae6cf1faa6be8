package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReversedCopyTaskTest {

    @Test
    void targetsAreTheInputsBackwards() {
        Batch batch = Batch.of(new ReversedCopyTask(), 32, 11);
        int bits = 8;
        for (int b = 0; b < batch.size(); b++) {
            int steps = batch.steps(b);
            int length = (steps - 1) / 2;
            assertTrue(length >= 1 && length <= 5);
            assertEquals(1f, batch.x[b][bits][length], "end marker after the sequence");
            for (int i = 0; i < length; i++) {
                assertArrayEquals(batch.x(b, length - 1 - i, 0, bits), batch.y(b, length + 1 + i, 0, bits));
            }
            for (int t = 0; t < steps; t++) {
                assertEquals(t > length ? 1f : 0f, batch.yMask[b][t]);
            }
        }
    }

    @Test
    void defaultsAreLasagnes() {
        assertEquals(CopyTask.Params.lasagne(), new ReversedCopyTask().params());
        assertThrows(IllegalArgumentException.class, () -> new CopyTask.Params(8, 3, 2));
    }
}
