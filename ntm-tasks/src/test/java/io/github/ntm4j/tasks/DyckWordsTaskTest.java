package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DyckWordsTaskTest {

    /** Decodes the one-hot input into a string of parentheses. */
    private static String word(Batch batch, int b) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < batch.steps(b); t++) {
            float open = batch.x[b][0][t];
            float close = batch.x[b][1][t];
            assertEquals(1f, open + close, "one-hot");
            sb.append(open == 1f ? '(' : ')');
        }
        return sb.toString();
    }

    /** A textbook stack recogniser, independent of the generator's height counter. */
    private static boolean isDyck(String w) {
        Deque<Character> stack = new ArrayDeque<>();
        for (char c : w.toCharArray()) {
            if (c == '(') {
                stack.push(c);
            } else if (stack.isEmpty()) {
                return false;
            } else {
                stack.pop();
            }
        }
        return stack.isEmpty();
    }

    private static long count(String w, char c) {
        return w.chars().filter(x -> x == c).count();
    }

    @Test
    void labelsAgreeWithAStackCheckerAndNegativesAreNearMisses() {
        Batch batch = Batch.of(new DyckWordsTask(), 200, 17);
        int positives = 0;
        for (int b = 0; b < batch.size(); b++) {
            String w = word(batch, b);
            assertTrue(w.length() >= 2 && w.length() <= 40 && w.length() % 2 == 0, w);
            assertEquals(count(w, '('), count(w, ')'), "hard negatives have the right counts: " + w);
            for (int t = 0; t < w.length(); t++) {
                boolean prefixIsDyck = isDyck(w.substring(0, t + 1));
                assertEquals(prefixIsDyck ? 1f : 0f, batch.y[b][0][t], w + " prefix " + t);
                assertEquals(1f, batch.yMask[b][t], "every step is scored");
            }
            positives += isDyck(w) ? 1 : 0;
        }
        assertTrue(positives > 70 && positives < 130, "about half are Dyck words: " + positives);
    }

    @Test
    void samplersAreUniformOverTheirWords() {
        // Semilength 3: 5 Dyck words and C(6,3) - 5 = 15 balanced non-Dyck words.
        DyckWordsTask task = new DyckWordsTask(DyckWordsTask.Params.lasagne().withLength(6));
        Map<String, Integer> dyck = new HashMap<>();
        Map<String, Integer> other = new HashMap<>();
        Batch batch = Batch.of(task, 4000, 23);
        for (int b = 0; b < batch.size(); b++) {
            String w = word(batch, b);
            (isDyck(w) ? dyck : other).merge(w, 1, Integer::sum);
        }
        assertEquals(5, dyck.size());
        assertEquals(15, other.size());
        int nDyck = dyck.values().stream().mapToInt(Integer::intValue).sum();
        int nOther = other.values().stream().mapToInt(Integer::intValue).sum();
        // Each count is binomial; allow 5 standard deviations.
        for (int c : dyck.values()) {
            assertEquals(nDyck / 5.0, c, 5 * Math.sqrt(nDyck * 0.2 * 0.8), dyck.toString());
        }
        for (int c : other.values()) {
            assertEquals(nOther / 15.0, c, 5 * Math.sqrt(nOther / 15.0 * 14 / 15.0), other.toString());
        }
    }

    @Test
    void curriculumDoublesTheMaximumLengthAsNtmLasagneDid() {
        Curriculum c = DyckWordsTask.lasagneCurriculum();
        assertEquals(10, c.level());
        assertEquals(10, ((DyckWordsTask) c.task()).params().maxLength());
        assertTrue(c.report(5e-5));
        assertEquals(20, ((DyckWordsTask) c.task()).params().maxLength());
        assertTrue(c.report(5e-5));
        assertEquals(40, c.level());
        assertFalse(c.report(0), "40 is the final level");
    }

    @Test
    void impossibleParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DyckWordsTask.Params(2, 41, 0.5));
        assertTrue(e.getMessage().contains("even") && e.getMessage().contains("maxLength=41"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DyckWordsTask.Params(10, 4, 0.5));
        assertTrue(e.getMessage().contains("minLength") && e.getMessage().contains("maxLength"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DyckWordsTask.Params(0, 4, 0.5));
        assertTrue(e.getMessage().contains("minLength must be >= 2, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DyckWordsTask.Params(2, 4, 1.5));
        assertTrue(e.getMessage().contains("negativeFraction"), e.getMessage());
    }
}
