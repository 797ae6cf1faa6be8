package io.github.ntm4j.tasks;

import java.util.Arrays;
import java.util.Random;

/**
 * Associative recall: after a list of items, given one of them, emit the item that followed it.
 *
 * <p>Graves et al., "Neural Turing Machines" (2014), Section 4.3; layout of NTM-Lasagne
 * ({@code AssociativeRecallTask}). An item is {@code K} vectors of {@code bits} bits; an
 * episode has {@code n} items and a query item {@code q}, drawn uniformly from the first
 * {@code n-1}:
 * <pre>
 *   X = bits + 2     channels 0..bits-1: vectors; bits: item delimiter; bits+1: query delimiter
 *   Y = bits
 *   T = (K + 1)(n + 2)
 *   item j (j in [0, n)): t = j(K+1): item delimiter, then K steps of item j's vectors
 *   t = n(K+1):           query delimiter, then K steps of item q's vectors
 *   t = (n+1)(K+1):       query delimiter, then K answer steps: target item q+1
 * </pre>
 * The items of an episode are all distinct (redrawn on collision), so that the answer is well
 * defined; this needs {@code 2^(bits*K) >= n}.
 */
public final class AssociativeRecallTask implements SequenceTask {

    /**
     * Parameters of associative recall. Item length and item count are drawn uniformly and
     * independently for each example.
     *
     * @param bits          width of each vector. Default 6 (paper); NTM-Lasagne 8
     * @param minItemLength fewest vectors per item {@code K}. Default 3 (paper); NTM-Lasagne 1
     * @param maxItemLength most vectors per item. Default 3 (paper and NTM-Lasagne)
     * @param minItems      fewest items {@code n}, at least 2. Default 2 (paper, NTM-Lasagne)
     * @param maxItems      most items. Default 6 (paper, NTM-Lasagne)
     */
    public record Params(int bits, int minItemLength, int maxItemLength, int minItems, int maxItems) {

        public Params {
            Checks.atLeast("bits", bits, 1);
            Checks.atLeast("minItemLength", minItemLength, 1);
            Checks.ordered("minItemLength", minItemLength, "maxItemLength", maxItemLength);
            // The query is one of the first n-1 items, so there must be a second.
            Checks.atLeast("minItems", minItems, 2);
            Checks.ordered("minItems", minItems, "maxItems", maxItems);
            int itemBits = bits * minItemLength;
            if (itemBits < 31 && (1 << itemBits) < maxItems) {
                throw new IllegalArgumentException("maxItems=" + maxItems + " distinct items do not exist with bits="
                        + bits + " and minItemLength=" + minItemLength + ": at most 2^" + itemBits + "="
                        + (1 << itemBits) + " items are possible");
            }
            Checks.steps("associative recall", "maxItemLength=" + maxItemLength + ", maxItems=" + maxItems,
                    (maxItemLength + 1L) * (maxItems + 2L));
        }

        /** The paper's setting: items of 3 six-bit vectors, 2-6 items. The default. */
        public static Params paper() {
            return new Params(6, 3, 3, 2, 6);
        }

        /** NTM-Lasagne's setting ({@code examples/associative-recall.py}): 8 bits, item length 1-3, 2-6 items. */
        public static Params lasagne() {
            return new Params(8, 1, 3, 2, 6);
        }

        /** Exactly {@code items} items per episode (the paper tests 12 and 15 after training on up to 6). */
        public Params withItems(int items) {
            return new Params(bits, minItemLength, maxItemLength, items, items);
        }

        /** A new maximum item count (for a curriculum). */
        public Params withMaxItems(int maxItems) {
            return new Params(bits, minItemLength, maxItemLength, minItems, maxItems);
        }
    }

    private final Params params;

    /** Associative recall with the paper's parameters. */
    public AssociativeRecallTask() {
        this(Params.paper());
    }

    public AssociativeRecallTask(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return "associative-recall";
    }

    @Override
    public int inputSize() {
        return params.bits() + 2;
    }

    @Override
    public int outputSize() {
        return params.bits();
    }

    @Override
    public long maxSteps() {
        return (params.maxItemLength() + 1L) * (params.maxItems() + 2L);
    }

    @Override
    public Example sample(Random rng) {
        int bits = params.bits();
        int itemLength = Checks.uniform(rng, params.minItemLength(), params.maxItemLength());
        int items = Checks.uniform(rng, params.minItems(), params.maxItems());
        float[][] item = new float[items][];   // item j flattened: [K * bits]
        for (int j = 0; j < items; j++) {
            do {
                item[j] = Checks.randomBits(rng, itemLength * bits);
            } while (seenBefore(item, j));
        }
        int query = rng.nextInt(items - 1);
        int block = itemLength + 1;
        int steps = block * (items + 2);
        float[][] input = new float[steps][bits + 2];   // [T][X]
        float[][] target = new float[steps][bits];      // [T][Y]
        boolean[] answer = new boolean[steps];          // [T]
        for (int j = 0; j < items; j++) {
            input[j * block][bits] = 1f;
            place(item[j], input, j * block + 1, bits);
        }
        input[items * block][bits + 1] = 1f;
        place(item[query], input, items * block + 1, bits);
        input[(items + 1) * block][bits + 1] = 1f;
        place(item[query + 1], target, (items + 1) * block + 1, bits);
        for (int t = (items + 1) * block + 1; t < steps; t++) {
            answer[t] = true;
        }
        return new Example(input, target, answer);
    }

    private static boolean seenBefore(float[][] item, int j) {
        for (int i = 0; i < j; i++) {
            if (Arrays.equals(item[i], item[j])) {
                return true;
            }
        }
        return false;
    }

    /** Writes the K vectors of a flattened item to steps {@code from .. from+K-1}. */
    private static void place(float[] flatItem, float[][] steps, int from, int bits) {
        for (int k = 0; k < flatItem.length / bits; k++) {
            System.arraycopy(flatItem, k * bits, steps[from + k], 0, bits);
        }
    }
}
