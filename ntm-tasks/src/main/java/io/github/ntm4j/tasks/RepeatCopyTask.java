package io.github.ntm4j.tasks;

import java.util.Objects;
import java.util.Random;

/**
 * The repeat copy task: emit the stored sequence {@code R} times, then an end marker.
 *
 * <p>Graves et al., "Neural Turing Machines" (2014), Section 4.2. For a sequence of {@code L}
 * vectors of {@code bits} bits and a repeat count {@code R}, with {@code c} count steps
 * ({@code c = R} for {@link CountEncoding#UNARY}, {@code c = 1} for
 * {@link CountEncoding#SCALAR}):
 * <pre>
 *   X = bits + 2     channels 0..bits-1: the vector; bits: repeat count; bits+1: delimiter
 *   Y = bits + 1     channels 0..bits-1: the copies; bits: end marker
 *   T = L + c + 1 + R*L + 1
 *   t in [0, L)            input: vector t
 *   t in [L, L+c)          input channel bits: the count (1 on each of the R steps for UNARY;
 *                          for SCALAR one step holding (R - mean) / std)
 *   t = L+c                input channel bits+1: delimiter, "now reproduce"
 *   t in [L+c+1, L+c+1+RL) target: vector (t-L-c-1) mod L           (answer steps)
 *   t = L+c+1+RL           target channel bits: end marker           (answer step)
 * </pre>
 * The layout is NTM-Lasagne's ({@code RepeatCopyTask}, count before delimiter); the paper and
 * pytorch-ntm ({@code tasks/repeatcopytask.py}) emit the end marker after the copies, added
 * here for both encodings. pytorch-ntm puts its scalar count after the delimiter instead.
 */
public final class RepeatCopyTask implements SequenceTask {

    /** How the repeat count {@code R} is presented. */
    public enum CountEncoding {
        /** NTM-Lasagne: a flag on the count channel for {@code R} consecutive steps. */
        UNARY,
        /**
         * The paper and pytorch-ntm: one step holding {@code R} normalised to mean 0 and
         * variance 1 over the training range, {@code (R - mean) / std}.
         */
        SCALAR
    }

    /**
     * Parameters of the repeat copy task. Length and repeats are drawn uniformly and
     * independently for each example.
     *
     * @param bits                    width of each vector. Default 8
     * @param minLength               shortest sequence {@code L}. Default 1 (paper)
     * @param maxLength               longest sequence. Default 10 (paper); NTM-Lasagne 3-5
     * @param minRepeats              fewest repeats {@code R}. Default 1
     * @param maxRepeats              most repeats. Default 10 (paper); NTM-Lasagne 5
     * @param encoding                how {@code R} is presented. Default {@code SCALAR} (paper)
     * @param normalisationMinRepeats lower end of the range the {@code SCALAR} count is
     *                                normalised over; kept fixed when testing beyond it
     * @param normalisationMaxRepeats upper end of that range
     */
    public record Params(int bits, int minLength, int maxLength, int minRepeats, int maxRepeats,
                         CountEncoding encoding, int normalisationMinRepeats, int normalisationMaxRepeats) {

        public Params {
            Checks.atLeast("bits", bits, 1);
            Checks.atLeast("minLength", minLength, 1);
            Checks.ordered("minLength", minLength, "maxLength", maxLength);
            Checks.atLeast("minRepeats", minRepeats, 1);
            Checks.ordered("minRepeats", minRepeats, "maxRepeats", maxRepeats);
            Objects.requireNonNull(encoding, "encoding");
            Checks.atLeast("normalisationMinRepeats", normalisationMinRepeats, 1);
            Checks.ordered("normalisationMinRepeats", normalisationMinRepeats,
                    "normalisationMaxRepeats", normalisationMaxRepeats);
            Checks.steps("repeat copy", "maxLength=" + maxLength + ", maxRepeats=" + maxRepeats,
                    steps(maxLength, maxRepeats, encoding));
        }

        /** Parameters whose scalar count is normalised over {@code [minRepeats, maxRepeats]}. */
        public Params(int bits, int minLength, int maxLength, int minRepeats, int maxRepeats, CountEncoding encoding) {
            this(bits, minLength, maxLength, minRepeats, maxRepeats, encoding, minRepeats, maxRepeats);
        }

        /** The paper's and pytorch-ntm's setting: 8 bits, L and R in 1-10, scalar count. The default. */
        public static Params paper() {
            return new Params(8, 1, 10, 1, 10, CountEncoding.SCALAR);
        }

        /** NTM-Lasagne's setting ({@code examples/repeat-copy.py}): 8 bits, L 3-5, R 1-5, unary count. */
        public static Params lasagne() {
            return new Params(8, 3, 5, 1, 5, CountEncoding.UNARY);
        }

        /** Every sequence of exactly {@code length} vectors; repeats and normalisation unchanged. */
        public Params withLength(int length) {
            return new Params(bits, length, length, minRepeats, maxRepeats, encoding,
                    normalisationMinRepeats, normalisationMaxRepeats);
        }

        /** Exactly {@code repeats} repeats, normalised as in training (for a generalisation sweep). */
        public Params withRepeats(int repeats) {
            return new Params(bits, minLength, maxLength, repeats, repeats, encoding,
                    normalisationMinRepeats, normalisationMaxRepeats);
        }

        /**
         * Repeats drawn from {@code minRepeats} to {@code maxRepeats} (a curriculum level); the
         * scalar count stays normalised over the same range as before, so a level does not
         * change what a given count looks like.
         */
        public Params withMaxRepeats(int maxRepeats) {
            return new Params(bits, minLength, maxLength, minRepeats, maxRepeats, encoding,
                    normalisationMinRepeats, normalisationMaxRepeats);
        }

        /** The mean of the training repeat count, {@code (min + max) / 2}. */
        public double repeatsMean() {
            return (normalisationMinRepeats + normalisationMaxRepeats) / 2.0;
        }

        /**
         * The standard deviation of a uniform integer over the training range,
         * {@code sqrt(((max - min + 1)^2 - 1) / 12)} as in pytorch-ntm; 1 when the range is a
         * single value, where the count is only centred.
         */
        public double repeatsStd() {
            int n = normalisationMaxRepeats - normalisationMinRepeats + 1;
            return n == 1 ? 1.0 : Math.sqrt((n * (double) n - 1) / 12.0);
        }
    }

    private final Params params;

    /** Repeat copy with the paper's parameters. */
    public RepeatCopyTask() {
        this(Params.paper());
    }

    public RepeatCopyTask(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /**
     * A curriculum over the number of repeats: training starts with one repeat (a copy with an
     * end marker) and allows one more repeat, up to {@code finalParams.maxRepeats()}, each time
     * the reported metric falls under {@code threshold}. Lengths and encoding are those of
     * {@code finalParams} throughout.
     *
     * <p>Neither the paper nor NTM-Lasagne used one; it is here because training on the whole
     * range from the start did not learn the task (docs/results.md).
     */
    public static Curriculum repeatsCurriculum(Params finalParams, double threshold) {
        Objects.requireNonNull(finalParams, "finalParams");
        return Curriculum.of(r -> new RepeatCopyTask(finalParams.withMaxRepeats(r)), finalParams.minRepeats(),
                finalParams.maxRepeats(), threshold, r -> r + 1);
    }

    /** {@code T = L + c + 1 + R*L + 1}, see the class documentation. */
    static long steps(int length, int repeats, CountEncoding encoding) {
        long countSteps = encoding == CountEncoding.UNARY ? repeats : 1;
        return length + countSteps + 1 + (long) repeats * length + 1;
    }

    @Override
    public String name() {
        return "repeat-copy";
    }

    @Override
    public int inputSize() {
        return params.bits() + 2;
    }

    @Override
    public int outputSize() {
        return params.bits() + 1;
    }

    @Override
    public long maxSteps() {
        return steps(params.maxLength(), params.maxRepeats(), params.encoding());
    }

    @Override
    public Example sample(Random rng) {
        int bits = params.bits();
        int length = Checks.uniform(rng, params.minLength(), params.maxLength());
        int repeats = Checks.uniform(rng, params.minRepeats(), params.maxRepeats());
        int countSteps = params.encoding() == CountEncoding.UNARY ? repeats : 1;
        int steps = (int) steps(length, repeats, params.encoding());
        float[][] input = new float[steps][bits + 2];   // [T][X]
        float[][] target = new float[steps][bits + 1];  // [T][Y]
        boolean[] answer = new boolean[steps];          // [T]
        float[][] sequence = new float[length][];
        for (int i = 0; i < length; i++) {
            sequence[i] = Checks.randomBits(rng, bits);
            System.arraycopy(sequence[i], 0, input[i], 0, bits);
        }
        if (params.encoding() == CountEncoding.UNARY) {
            for (int t = length; t < length + repeats; t++) {
                input[t][bits] = 1f;
            }
        } else {
            input[length][bits] = (float) ((repeats - params.repeatsMean()) / params.repeatsStd());
        }
        int delimiter = length + countSteps;
        input[delimiter][bits + 1] = 1f;
        int start = delimiter + 1;
        for (int i = 0; i < repeats * length; i++) {
            System.arraycopy(sequence[i % length], 0, target[start + i], 0, bits);
            answer[start + i] = true;
        }
        int end = start + repeats * length;
        target[end][bits] = 1f;   // the end marker: "the copies are over"
        answer[end] = true;
        return new Example(input, target, answer);
    }
}
