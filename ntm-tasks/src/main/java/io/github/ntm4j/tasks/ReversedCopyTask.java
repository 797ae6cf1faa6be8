package io.github.ntm4j.tasks;

import java.util.Random;

/**
 * Reversed copy: emit the stored sequence last vector first.
 *
 * <p>An extra task of NTM-Lasagne ({@code examples/reversed-copy-task.py}), not in the paper.
 * It is the {@link CopyTask} episode with the target reversed, which forces the read head to
 * walk memory backwards (a shift of -1 instead of +1):
 * <pre>
 *   X = bits + 1, Y = bits, T = 2L + 1
 *   t in [0, L)       input: vector t
 *   t = L             input: end marker (channel bits)
 *   t in [L+1, 2L+1)  target: vector 2L - t             (the answer steps)
 * </pre>
 */
public final class ReversedCopyTask implements SequenceTask {

    /**
     * Parameters of the reversed copy task.
     *
     * @param bits      width of each vector. Default 8 (NTM-Lasagne)
     * @param minLength shortest sequence. Default 1 (NTM-Lasagne)
     * @param maxLength longest sequence. Default 5 (NTM-Lasagne)
     */
    public record Params(int bits, int minLength, int maxLength) {

        public Params {
            Checks.atLeast("bits", bits, 1);
            Checks.atLeast("minLength", minLength, 1);
            Checks.ordered("minLength", minLength, "maxLength", maxLength);
            Checks.steps("reversed copy", "maxLength=" + maxLength, 2L * maxLength + 1);
        }

        /** NTM-Lasagne's setting: 8 bits, lengths 1-5. The default. */
        public static Params lasagne() {
            return new Params(8, 1, 5);
        }

        /** These parameters with every sequence of exactly {@code length} vectors. */
        public Params withLength(int length) {
            return new Params(bits, length, length);
        }

        /** These parameters with a new maximum length (for a curriculum). */
        public Params withMaxLength(int maxLength) {
            return new Params(bits, minLength, maxLength);
        }
    }

    private final Params params;

    /** Reversed copy with NTM-Lasagne's parameters. */
    public ReversedCopyTask() {
        this(Params.lasagne());
    }

    public ReversedCopyTask(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return "reversed-copy";
    }

    @Override
    public int inputSize() {
        return params.bits() + 1;
    }

    @Override
    public int outputSize() {
        return params.bits();
    }

    @Override
    public long maxSteps() {
        return 2L * params.maxLength() + 1;
    }

    @Override
    public Example sample(Random rng) {
        int length = Checks.uniform(rng, params.minLength(), params.maxLength());
        float[][] sequence = new float[length][];
        for (int i = 0; i < length; i++) {
            sequence[i] = Checks.randomBits(rng, params.bits());
        }
        return CopyTask.encode(sequence, true);
    }
}
