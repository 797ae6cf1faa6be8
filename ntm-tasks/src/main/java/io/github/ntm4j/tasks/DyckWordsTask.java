package io.github.ntm4j.tasks;

import java.util.Random;

/**
 * Dyck words: tell balanced parenthesis words from near misses.
 *
 * <p>From NTM-Lasagne ({@code examples/dyck-words.py}, {@code DyckWordsTask}). Each example is
 * a word of {@code 2n} parentheses with as many {@code (} as {@code )}. With probability
 * {@code 1 - negativeFraction} it is a uniformly random Dyck word (every prefix has at least
 * as many {@code (} as {@code )}); otherwise a uniformly random balanced word that is
 * <em>not</em> Dyck: a hard negative, with the right counts but a prefix that goes below
 * zero. Both samplers are NTM-Lasagne's: the cycle lemma for Dyck words and the reflection
 * bijection for the negatives (Flajolet and Sedgewick, "Analytic Combinatorics", 2009,
 * notes I.47 and I.49).
 *
 * <p>Labels are per step, as in NTM-Lasagne: at step {@code t} the target is 1 iff the prefix
 * {@code w_0..w_t} is itself a Dyck word. The label at the last step is the classification
 * of the whole word; the earlier ones give a training signal at every step.
 * <pre>
 *   X = 2     one-hot: channel 0 is '(', channel 1 is ')'
 *   Y = 1     1 iff the prefix so far is a Dyck word
 *   T = 2n    every step is an answer step
 * </pre>
 * NTM-Lasagne fed one channel (0 for '(', 1 for ')'); one-hot keeps '(' distinct from padding
 * for models that ignore the feature mask.
 */
public final class DyckWordsTask implements SequenceTask {

    /**
     * Parameters of the Dyck-word task; lengths count characters and must be even, and the
     * semilength {@code n} is drawn uniformly from {@code [minLength/2, maxLength/2]}.
     *
     * @param minLength        shortest word. Default 2
     * @param maxLength        longest word. Default 40: NTM-Lasagne's curriculum grows the
     *                         maximum semilength 5, 10, 20
     * @param negativeFraction probability that an example is a near miss. Default 0.5
     *                         (NTM-Lasagne)
     */
    public record Params(int minLength, int maxLength, double negativeFraction) {

        public Params {
            Checks.atLeast("minLength", minLength, 2);
            Checks.ordered("minLength", minLength, "maxLength", maxLength);
            if (minLength % 2 != 0 || maxLength % 2 != 0) {
                throw new IllegalArgumentException("balanced words have even lengths: minLength and maxLength must "
                        + "be even, got minLength=" + minLength + ", maxLength=" + maxLength);
            }
            Checks.probability("negativeFraction", negativeFraction);
            Checks.steps("Dyck words", "maxLength=" + maxLength, maxLength);
        }

        /** NTM-Lasagne's final range, words of up to 40 characters. The default. */
        public static Params lasagne() {
            return new Params(2, 40, 0.5);
        }

        /** Where NTM-Lasagne's curriculum starts: semilength up to 5, words up to 10 characters. */
        public static Params lasagneStart() {
            return new Params(2, 10, 0.5);
        }

        /** Words of exactly {@code length} characters. */
        public Params withLength(int length) {
            return new Params(length, length, negativeFraction);
        }

        /** A new maximum length (for a curriculum). */
        public Params withMaxLength(int maxLength) {
            return new Params(minLength, maxLength, negativeFraction);
        }
    }

    /** Channel of {@code (} in the one-hot input. */
    public static final int OPEN = 0;
    /** Channel of {@code )} in the one-hot input. */
    public static final int CLOSE = 1;

    private final Params params;

    /** Dyck words with NTM-Lasagne's final parameters. */
    public DyckWordsTask() {
        this(Params.lasagne());
    }

    public DyckWordsTask(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /**
     * NTM-Lasagne's curriculum: start at words of up to 10 characters and double the maximum
     * length, up to 40, whenever the mean score over a window falls under {@code 1e-4}. Use with
     * {@code new CurriculumListener(curriculum, 500)}.
     */
    public static Curriculum lasagneCurriculum() {
        Params start = Params.lasagneStart();
        return Curriculum.doubling(max -> new DyckWordsTask(start.withMaxLength(max)),
                start.maxLength(), Params.lasagne().maxLength(), 1e-4);
    }

    @Override
    public String name() {
        return "dyck-words";
    }

    @Override
    public int inputSize() {
        return 2;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public long maxSteps() {
        return params.maxLength();
    }

    @Override
    public Example sample(Random rng) {
        int n = Checks.uniform(rng, params.minLength() / 2, params.maxLength() / 2);
        boolean negative = rng.nextDouble() < params.negativeFraction();
        boolean[] closes = negative ? randomNearMiss(rng, n) : randomDyckWord(rng, n);
        int steps = 2 * n;
        float[][] input = new float[steps][2];    // [T][X]
        float[][] target = new float[steps][1];   // [T][Y]
        boolean[] answer = new boolean[steps];    // [T]
        int height = 0;
        boolean neverNegative = true;
        for (int t = 0; t < steps; t++) {
            input[t][closes[t] ? CLOSE : OPEN] = 1f;
            height += closes[t] ? -1 : 1;
            neverNegative &= height >= 0;
            target[t][0] = neverNegative && height == 0 ? 1f : 0f;
            answer[t] = true;
        }
        return new Example(input, target, answer);
    }

    /**
     * A uniformly random Dyck word of semilength {@code n}, as a flag per letter: true for
     * {@code )}. Cycle lemma: of the {@code 2n+1} rotations of a shuffled word with {@code n}
     * {@code (} and {@code n+1} {@code )}, exactly one (starting after the first minimum of
     * the height) has every strict prefix at height >= 0; dropping its final {@code )} leaves
     * a Dyck word, and each Dyck word arises from the same number of shuffles.
     */
    static boolean[] randomDyckWord(Random rng, int n) {
        boolean[] w = shuffled(rng, n, n + 1);
        int height = 0;
        int min = 0;
        int start = 0;
        for (int i = 0; i < w.length; i++) {
            height += w[i] ? -1 : 1;
            if (height < min) {
                min = height;
                start = i + 1;
            }
        }
        boolean[] word = new boolean[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            word[i] = w[(start + i) % w.length];
        }
        return word;
    }

    /**
     * A uniformly random balanced word of semilength {@code n} that is not a Dyck word.
     * Reflection: shuffle {@code n-1} {@code (} and {@code n+1} {@code )}; such a word must
     * reach height -1, and swapping every letter after the first time it does gives a
     * balanced word; this is a bijection onto the balanced non-Dyck words.
     */
    static boolean[] randomNearMiss(Random rng, int n) {
        boolean[] w = shuffled(rng, n - 1, n + 1);
        int height = 0;
        boolean reflect = false;
        for (int i = 0; i < w.length; i++) {
            if (reflect) {
                w[i] = !w[i];
            } else {
                height += w[i] ? -1 : 1;
                reflect = height < 0;
            }
        }
        return w;
    }

    /** A uniformly shuffled word of {@code opens} false and {@code closes} true entries. */
    private static boolean[] shuffled(Random rng, int opens, int closes) {
        boolean[] w = new boolean[opens + closes];
        for (int i = opens; i < w.length; i++) {
            w[i] = true;
        }
        for (int i = w.length - 1; i > 0; i--) {   // Fisher-Yates
            int j = rng.nextInt(i + 1);
            boolean tmp = w[i];
            w[i] = w[j];
            w[j] = tmp;
        }
        return w;
    }
}
