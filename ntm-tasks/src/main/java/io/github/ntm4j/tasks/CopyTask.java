package io.github.ntm4j.tasks;

import java.util.Random;

/**
 * The copy task: store a sequence of random bit vectors and emit it again.
 *
 * <p>Graves et al., "Neural Turing Machines" (2014), Section 4.1; encoding of NTM-Lasagne
 * ({@code utils/generators.py, CopyTask}). For a sequence of {@code L} vectors of
 * {@code bits} bits:
 * <pre>
 *   X = bits + 1      channels 0..bits-1: the vector; channel bits: end marker
 *   Y = bits
 *   T = 2L + 1
 *   t in [0, L)       input: vector t
 *   t = L             input: end marker only
 *   t in [L+1, 2L+1)  input: blank; target: vector t-L-1   (the answer steps)
 * </pre>
 * NTM-Lasagne's target also has the end-marker channel, always zero; it is dropped here so
 * that every target channel is scored.
 */
public final class CopyTask implements SequenceTask {

    /**
     * Parameters of the copy task. Lengths are drawn uniformly from
     * {@code [minLength, maxLength]} for each example.
     *
     * @param bits      width of each vector. Default 8 (paper, NTM-Lasagne, pytorch-ntm)
     * @param minLength shortest sequence {@code L}. Default 1
     * @param maxLength longest sequence {@code L}. Default 20 (paper, pytorch-ntm);
     *                  NTM-Lasagne trained on 5
     */
    public record Params(int bits, int minLength, int maxLength) {

        public Params {
            Checks.atLeast("bits", bits, 1);
            Checks.atLeast("minLength", minLength, 1);
            Checks.ordered("minLength", minLength, "maxLength", maxLength);
            Checks.steps("copy", "maxLength=" + maxLength, 2L * maxLength + 1);
        }

        /** The paper's and pytorch-ntm's setting: 8 bits, lengths 1-20. The default. */
        public static Params paper() {
            return new Params(8, 1, 20);
        }

        /** NTM-Lasagne's setting ({@code examples/copy-task.py}): 8 bits, lengths 1-5. */
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

    /** The copy task with the paper's parameters. */
    public CopyTask() {
        this(Params.paper());
    }

    public CopyTask(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return "copy";
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
        return sample(params, rng, false);
    }

    /** A random episode of these parameters; with {@code reversed} the target is backwards. */
    static Example sample(Params params, Random rng, boolean reversed) {
        int length = Checks.uniform(rng, params.minLength(), params.maxLength());
        float[][] sequence = new float[length][];
        for (int i = 0; i < length; i++) {
            sequence[i] = Checks.randomBits(rng, params.bits());
        }
        return encode(sequence, reversed);
    }

    /**
     * Lays out the copy episode for a given sequence {@code [L][bits]}; with {@code reversed}
     * the target is the sequence backwards ({@link ReversedCopyTask}).
     */
    static Example encode(float[][] sequence, boolean reversed) {
        int length = sequence.length;
        int bits = sequence[0].length;
        int steps = 2 * length + 1;
        float[][] input = new float[steps][bits + 1];   // [T][X]
        float[][] target = new float[steps][bits];      // [T][Y]
        boolean[] answer = new boolean[steps];          // [T]
        for (int i = 0; i < length; i++) {
            System.arraycopy(sequence[i], 0, input[i], 0, bits);
            int t = length + 1 + i;
            float[] source = sequence[reversed ? length - 1 - i : i];
            System.arraycopy(source, 0, target[t], 0, bits);
            answer[t] = true;
        }
        input[length][bits] = 1f;   // end marker: "now reproduce"
        return new Example(input, target, answer);
    }
}
