package io.github.ntm4j.tasks;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Random;

/**
 * Priority sort: read vectors tagged with priorities, emit the highest-priority ones in order.
 *
 * <p>Graves et al., "Neural Turing Machines" (2014), Section 4.5: 20 binary vectors, each with
 * a scalar priority drawn uniformly from {@code [-1, 1]}; the target is the 16 highest-priority
 * vectors, sorted (here: highest priority first). With {@code N} inputs and {@code M} outputs:
 * <pre>
 *   X = bits + 2     channels 0..bits-1: the vector; bits: its priority; bits+1: delimiter
 *   Y = bits
 *   T = N + 1 + M
 *   t in [0, N)          input: vector t and its priority
 *   t = N                input: delimiter, "now emit"
 *   t in [N+1, N+1+M)    target: the vector of rank t-N-1 by decreasing priority  (answers)
 * </pre>
 * Priorities are stored as float32 and ranked by that stored value; ties (vanishingly rare)
 * keep input order.
 */
public final class PrioritySortTask implements SequenceTask {

    /**
     * Parameters of priority sort.
     *
     * @param bits    width of each vector. Default 8 (the paper's other tasks; the priority
     *                sort section does not state it)
     * @param inputs  number of input vectors {@code N}. Default 20 (paper)
     * @param outputs number of sorted outputs {@code M}, at most {@code N}. Default 16 (paper)
     */
    public record Params(int bits, int inputs, int outputs) {

        public Params {
            Checks.atLeast("bits", bits, 1);
            Checks.atLeast("inputs", inputs, 1);
            Checks.atLeast("outputs", outputs, 1);
            if (outputs > inputs) {
                throw new IllegalArgumentException("outputs must be <= inputs (the target is the highest-priority "
                        + "inputs), got outputs=" + outputs + " > inputs=" + inputs);
            }
            Checks.steps("priority sort", "inputs=" + inputs + ", outputs=" + outputs, (long) inputs + 1 + outputs);
        }

        /** The paper's setting: 20 vectors of 8 bits, emit the 16 highest. The default. */
        public static Params paper() {
            return new Params(8, 20, 16);
        }

        /**
         * {@code inputs} vectors, emitting the same fraction as these parameters (rounded, at
         * least 1): a size for a generalisation sweep.
         */
        public Params withInputs(int inputs) {
            int out = (int) Math.max(1, Math.round(inputs * (outputs / (double) this.inputs)));
            return new Params(bits, inputs, Math.min(out, inputs));
        }
    }

    /** Priorities are drawn uniformly from {@code [-PRIORITY_RANGE, PRIORITY_RANGE]}. */
    public static final double PRIORITY_RANGE = 1.0;

    private final Params params;

    /** Priority sort with the paper's parameters. */
    public PrioritySortTask() {
        this(Params.paper());
    }

    public PrioritySortTask(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /**
     * A curriculum over the number of inputs: training starts with {@code startInputs} vectors and allows one more,
     * up to {@code finalParams.inputs()}, each time the reported metric falls under {@code threshold}. Each level
     * emits the same fraction of its inputs as {@code finalParams} ({@link Params#withInputs}), so the paper's
     * 20 → 16 starts at 5 → 4.
     *
     * <p>The paper did not use one; it is here because most seeds trained on 20 inputs from the start stay on a
     * plateau (docs/results.md, "Priority sort").
     */
    public static Curriculum inputsCurriculum(Params finalParams, int startInputs, double threshold) {
        Objects.requireNonNull(finalParams, "finalParams");
        Checks.atLeast("startInputs", startInputs, 1);
        return Curriculum.of(n -> new PrioritySortTask(finalParams.withInputs(n)), startInputs, finalParams.inputs(),
                threshold, n -> n + 1);
    }

    @Override
    public String name() {
        return "priority-sort";
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
        return (long) params.inputs() + 1 + params.outputs();
    }

    @Override
    public Example sample(Random rng) {
        int bits = params.bits();
        int n = params.inputs();
        int m = params.outputs();
        int steps = n + 1 + m;
        float[][] input = new float[steps][bits + 2];   // [T][X]
        float[][] target = new float[steps][bits];      // [T][Y]
        boolean[] answer = new boolean[steps];          // [T]
        float[] priority = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(Checks.randomBits(rng, bits), 0, input[i], 0, bits);
            priority[i] = (float) ((2 * rng.nextDouble() - 1) * PRIORITY_RANGE);
            input[i][bits] = priority[i];
        }
        input[n][bits + 1] = 1f;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Stable sort by decreasing priority.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> priority[i]).reversed());
        for (int r = 0; r < m; r++) {
            System.arraycopy(input[order[r]], 0, target[n + 1 + r], 0, bits);
            answer[n + 1 + r] = true;
        }
        return new Example(input, target, answer);
    }
}
