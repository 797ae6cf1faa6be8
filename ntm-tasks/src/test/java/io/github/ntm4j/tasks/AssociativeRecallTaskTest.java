package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssociativeRecallTaskTest {

    /** Splits the input at its delimiters and checks the answer is the item after the query. */
    private static void checkRecall(Batch batch, int bits, int minK, int maxK, int minN, int maxN,
                                    Set<Integer> itemCounts) {
        int itemDelimiter = bits;
        int queryDelimiter = bits + 1;
        for (int b = 0; b < batch.size(); b++) {
            int steps = batch.steps(b);
            List<Integer> itemStarts = new ArrayList<>();
            List<Integer> queryStarts = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                if (batch.x[b][itemDelimiter][t] == 1f) {
                    itemStarts.add(t);
                }
                if (batch.x[b][queryDelimiter][t] == 1f) {
                    queryStarts.add(t);
                }
            }
            int n = itemStarts.size();
            assertEquals(2, queryStarts.size(), "query delimiter before and after the query");
            int k = queryStarts.get(1) - queryStarts.get(0) - 1;
            assertTrue(k >= minK && k <= maxK, "item length " + k);
            assertTrue(n >= minN && n <= maxN, "items " + n);
            itemCounts.add(n);
            assertEquals((k + 1) * (n + 2), steps);
            List<float[]> items = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                assertEquals(j * (k + 1), itemStarts.get(j));
                items.add(read(batch, b, itemStarts.get(j) + 1, k, bits));
            }
            float[] query = read(batch, b, queryStarts.get(0) + 1, k, bits);
            int q = -1;
            for (int j = 0; j < n; j++) {
                if (Arrays.equals(items.get(j), query)) {
                    assertEquals(-1, q, "items are distinct");
                    q = j;
                }
            }
            assertTrue(q >= 0 && q < n - 1, "the query is one of the first n-1 items, got " + q);
            float[] answer = new float[k * bits];
            for (int i = 0; i < k; i++) {
                int t = queryStarts.get(1) + 1 + i;
                System.arraycopy(batch.y(b, t, 0, bits), 0, answer, i * bits, bits);
                assertEquals(1f, batch.yMask[b][t]);
            }
            assertArrayEquals(items.get(q + 1), answer, "answer = item after the query");
            float answerSteps = 0;
            for (float m : batch.yMask[b]) {
                answerSteps += m;
            }
            assertEquals(k, answerSteps, "only the last K steps are answers");
        }
    }

    private static float[] read(Batch batch, int b, int from, int k, int bits) {
        float[] v = new float[k * bits];
        for (int i = 0; i < k; i++) {
            System.arraycopy(batch.x(b, from + i, 0, bits), 0, v, i * bits, bits);
        }
        return v;
    }

    @Test
    void answerIsTheItemAfterTheQueryPaper() {
        Set<Integer> counts = new HashSet<>();
        checkRecall(Batch.of(new AssociativeRecallTask(), 64, 3), 6, 3, 3, 2, 6, counts);
        assertEquals(Set.of(2, 3, 4, 5, 6), counts);
    }

    @Test
    void answerIsTheItemAfterTheQueryLasagne() {
        checkRecall(Batch.of(new AssociativeRecallTask(AssociativeRecallTask.Params.lasagne()), 64, 4),
                8, 1, 3, 2, 6, new HashSet<>());
    }

    @Test
    void tinyAlphabetStillGivesDistinctItems() {
        // One bit, one vector: only two items exist, so both must appear and the query is item 0.
        Set<Integer> counts = new HashSet<>();
        checkRecall(Batch.of(new AssociativeRecallTask(new AssociativeRecallTask.Params(1, 1, 1, 2, 2)), 16, 8),
                1, 1, 1, 2, 2, counts);
        assertFalse(counts.isEmpty());
    }

    @Test
    void sweepPresetFixesTheItemCount() {
        AssociativeRecallTask.Params p = AssociativeRecallTask.Params.paper().withItems(15);
        assertEquals(new AssociativeRecallTask.Params(6, 3, 3, 15, 15), p);
        assertEquals(4 * 17, new AssociativeRecallTask(p).maxSteps());
        assertEquals(8, new AssociativeRecallTask().inputSize());
        assertEquals(6, new AssociativeRecallTask().outputSize());
    }

    @Test
    void impossibleParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AssociativeRecallTask.Params(6, 3, 3, 1, 6));
        assertTrue(e.getMessage().contains("minItems must be >= 2, got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AssociativeRecallTask.Params(6, 3, 3, 0, 0));
        assertTrue(e.getMessage().contains("minItems"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AssociativeRecallTask.Params(6, 4, 3, 2, 6));
        assertTrue(e.getMessage().contains("minItemLength") && e.getMessage().contains("maxItemLength"));
        e = assertThrows(IllegalArgumentException.class, () -> new AssociativeRecallTask.Params(2, 1, 1, 2, 5));
        assertTrue(e.getMessage().contains("maxItems=5") && e.getMessage().contains("2^2=4"), e.getMessage());
    }
}
