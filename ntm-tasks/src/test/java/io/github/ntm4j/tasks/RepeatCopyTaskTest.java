package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ntm4j.tasks.RepeatCopyTask.CountEncoding;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepeatCopyTaskTest {

    private static final int BITS = 8;
    private static final int COUNT = BITS;        // count channel
    private static final int DELIMITER = BITS + 1;

    /** Decodes one example and checks the target is R copies of the sequence, then the end marker. */
    private static int checkCopies(Batch batch, int b, int length, int countSteps, int repeats) {
        int start = length + countSteps + 1;
        assertEquals(1f, batch.x[b][DELIMITER][start - 1], "delimiter right before the answer");
        assertEquals(start + repeats * length + 1, batch.steps(b), "T = L + c + 1 + RL + 1");
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < length; i++) {
                int t = start + r * length + i;
                assertArrayEquals(batch.x(b, i, 0, BITS), batch.y(b, t, 0, BITS), "copy " + r + " vector " + i);
                assertEquals(0f, batch.y[b][BITS][t], "no end marker inside the copies");
            }
        }
        int end = start + repeats * length;
        assertArrayEquals(new float[BITS], batch.y(b, end, 0, BITS));
        assertEquals(1f, batch.y[b][BITS][end], "end marker after the last copy");
        for (int t = 0; t < batch.steps(b); t++) {
            assertEquals(t >= start ? 1f : 0f, batch.yMask[b][t], "label mask covers copies and end marker");
        }
        return repeats;
    }

    /** The sequence of example b ends at the first step with the (unary) count flag. */
    private static int unaryLength(Batch batch, int b) {
        int length = 0;
        while (batch.x[b][COUNT][length] == 0f) {
            length++;
        }
        return length;
    }

    /** The flags run R steps from the end of the sequence. */
    private static int unaryRepeats(Batch batch, int b, int length) {
        int repeats = 0;
        while (batch.x[b][COUNT][length + repeats] == 1f) {
            repeats++;
        }
        return repeats;
    }

    @Test
    void unaryRepeatCountDecodes() {
        RepeatCopyTask.Params p = RepeatCopyTask.Params.lasagne();
        Batch batch = Batch.of(new RepeatCopyTask(p), 48, 5);
        Set<Integer> seen = new HashSet<>();
        for (int b = 0; b < batch.size(); b++) {
            int length = unaryLength(batch, b);
            int repeats = unaryRepeats(batch, b, length);
            assertTrue(length >= 3 && length <= 5, "length " + length);
            assertTrue(repeats >= 1 && repeats <= 5, "repeats " + repeats);
            seen.add(checkCopies(batch, b, length, repeats, repeats));
        }
        assertEquals(Set.of(1, 2, 3, 4, 5), seen);
    }

    @Test
    void scalarRepeatCountDecodesWithTheTrainingNormalisation() {
        RepeatCopyTask.Params p = RepeatCopyTask.Params.paper();
        // Uniform integers on 1..10: mean 5.5, variance (10^2 - 1) / 12 = 8.25.
        double mean = 5.5;
        double std = Math.sqrt(8.25);
        Batch batch = Batch.of(new RepeatCopyTask(p), 64, 9);
        double sum = 0;
        double sumSq = 0;
        for (int b = 0; b < batch.size(); b++) {
            int length = 0;
            while (batch.x[b][DELIMITER][length + 1] == 0f) {   // the count step precedes the delimiter
                length++;
            }
            float scaled = batch.x[b][COUNT][length];
            double decoded = scaled * std + mean;
            int repeats = (int) Math.round(decoded);
            assertEquals(repeats, decoded, 1e-5, "the scalar decodes to an integer");
            assertTrue(repeats >= 1 && repeats <= 10);
            sum += scaled;
            sumSq += scaled * scaled;
            checkCopies(batch, b, length, 1, repeats);
        }
        double m = sum / batch.size();
        assertEquals(0, m, 0.3, "normalised count has mean about 0");
        assertEquals(1, sumSq / batch.size() - m * m, 0.35, "and variance about 1");

        // Beyond the training range the normalisation stays that of training.
        Batch far = Batch.of(new RepeatCopyTask(p.withRepeats(20).withLength(2)), 2, 1);
        assertEquals((20 - mean) / std, far.x[0][COUNT][2], 1e-5);
        checkCopies(far, 0, 2, 1, 20);
    }

    @Test
    void presetsAndWidths() {
        RepeatCopyTask.Params lasagne = RepeatCopyTask.Params.lasagne();
        assertEquals(new RepeatCopyTask.Params(8, 3, 5, 1, 5, CountEncoding.UNARY, 1, 5), lasagne);
        assertEquals(new RepeatCopyTask.Params(8, 1, 10, 1, 10, CountEncoding.SCALAR, 1, 10),
                RepeatCopyTask.Params.paper());
        RepeatCopyTask task = new RepeatCopyTask();
        assertEquals(10, task.inputSize());
        assertEquals(9, task.outputSize());
        assertEquals(10 + 1 + 1 + 100 + 1, task.maxSteps());
        assertEquals(5 + 5 + 1 + 25 + 1, new RepeatCopyTask(lasagne).maxSteps());
    }

    @Test
    void impossibleParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RepeatCopyTask.Params(8, 1, 10, 4, 2, CountEncoding.UNARY));
        assertTrue(e.getMessage().contains("minRepeats") && e.getMessage().contains("maxRepeats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new RepeatCopyTask.Params(8, 1, 10, 0, 2, CountEncoding.UNARY));
        assertTrue(e.getMessage().contains("minRepeats must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new RepeatCopyTask.Params(8, 1, 2000, 1, 1000, CountEncoding.SCALAR));
        assertTrue(e.getMessage().contains("maxRepeats=1000") && e.getMessage().contains("steps"), e.getMessage());
    }

    @Test
    void theRepeatsCurriculumStartsAtOneRepeatAndGrowsByOne() {
        RepeatCopyTask.Params lasagne = RepeatCopyTask.Params.lasagne();
        Curriculum c = RepeatCopyTask.repeatsCurriculum(lasagne, 0.5);
        for (int level = 1; level <= 5; level++) {
            assertEquals(level, c.level());
            RepeatCopyTask task = (RepeatCopyTask) c.task();
            assertEquals(new RepeatCopyTask.Params(8, 3, 5, 1, level, CountEncoding.UNARY, 1, 5), task.params());
            assertEquals(lasagne.bits() + 2, task.inputSize(), "the network's width is the same at every level");
            Set<Integer> seen = new HashSet<>();
            Batch batch = Batch.of(task, 200, level);
            for (int b = 0; b < batch.size(); b++) {
                int length = unaryLength(batch, b);
                int repeats = unaryRepeats(batch, b, length);
                seen.add(checkCopies(batch, b, length, repeats, repeats));
            }
            assertEquals(level, seen.size(), "repeats 1.." + level + " all drawn");
            assertTrue(!c.report(0.5), "the metric must fall strictly under the threshold");
            assertEquals(level < 5, c.report(0.4));
        }
        assertEquals(5, c.level());
    }
}
