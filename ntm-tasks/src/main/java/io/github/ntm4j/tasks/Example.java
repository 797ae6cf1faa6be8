package io.github.ntm4j.tasks;

import java.util.Arrays;
import java.util.Objects;

/**
 * One generated episode of a task, time-major and unpadded.
 *
 * <p>A task presents {@link #input()} one step at a time; on the steps flagged in
 * {@link #answer()} the network is expected to emit {@link #target()}. Elsewhere the target
 * is zero and carries no loss. {@link Examples#toDataSet} turns a list of examples into a
 * padded DL4J minibatch with masks.
 *
 * @param input  {@code x_t}: {@code [T][X]}
 * @param target {@code y_t}: {@code [T][Y]}; zero outside the answer steps
 * @param answer {@code [T]}: true exactly on the steps whose target is scored
 */
public record Example(float[][] input, float[][] target, boolean[] answer) {

    public Example {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(answer, "answer");
        if (input.length != target.length || input.length != answer.length) {
            throw new IllegalArgumentException("input, target and answer must have the same number of steps T, got "
                    + input.length + ", " + target.length + ", " + answer.length);
        }
        if (input.length == 0) {
            throw new IllegalArgumentException("an example needs at least one step, got T=0");
        }
    }

    /** {@code T}, the number of steps of this example. */
    public int steps() {
        return input.length;
    }

    /** {@code X}, the width of one input step. */
    public int inputSize() {
        return input[0].length;
    }

    /** {@code Y}, the width of one target step. */
    public int outputSize() {
        return target[0].length;
    }

    /** The number of answer steps, i.e. the steps that carry loss. */
    public int answerSteps() {
        int n = 0;
        for (boolean a : answer) {
            if (a) {
                n++;
            }
        }
        return n;
    }

    /**
     * A text picture of the example, one row per channel and one column per step: {@code #} is
     * 1, {@code .} is 0, {@code *} any other value (listed underneath); the last row marks the
     * answer steps with {@code ^}. Used for the examples in {@code docs/tasks.md}.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        renderBlock(sb, "x", input);
        renderBlock(sb, "y", target);
        sb.append(String.format("%-5s", "ans"));
        for (boolean a : answer) {
            sb.append(a ? '^' : ' ');
        }
        return sb.append('\n').toString();
    }

    private static void renderBlock(StringBuilder sb, String name, float[][] steps) {
        int width = steps[0].length;
        StringBuilder others = new StringBuilder();
        for (int c = 0; c < width; c++) {
            sb.append(String.format("%-5s", name + c));
            for (int t = 0; t < steps.length; t++) {
                float v = steps[t][c];
                if (v == 0f) {
                    sb.append('.');
                } else if (v == 1f) {
                    sb.append('#');
                } else {
                    sb.append('*');
                    others.append(String.format(" %s%d[t=%d]=%.3f", name, c, t, v));
                }
            }
            sb.append('\n');
        }
        if (others.length() > 0) {
            sb.append("     *:").append(others).append('\n');
        }
    }

    // Records compare arrays by reference; examples are compared by content (seed tests).
    @Override
    public boolean equals(Object o) {
        return o instanceof Example e
                && Arrays.deepEquals(input, e.input)
                && Arrays.deepEquals(target, e.target)
                && Arrays.equals(answer, e.answer);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(input) + Arrays.deepHashCode(target)) + Arrays.hashCode(answer);
    }

    @Override
    public String toString() {
        return "Example[T=" + steps() + ", X=" + inputSize() + ", Y=" + outputSize()
                + ", answers=" + answerSteps() + "]";
    }
}
