package io.github.ntm4j.examples.dashboard;

import io.github.ntm4j.layer.inspect.NtmTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link Dashboard} draws, as plain arrays (no DL4J network needed), for one sequence:
 * the input, target and prediction (channels × time), which steps are scored (the label mask),
 * every head's weighting over time (memory rows × time) and the memory after the last step
 * (rows × width), and optionally every head's addressing parameters over time ({@link HeadParams}).
 * Build it by hand for tests, or from a forward pass with {@link #from}.
 */
public final class DashboardData {
    /**
     * Each head's addressing parameters at every step, as the layer's trace records them
     * ({@code io.github.ntm4j.layer.inspect.NtmTrace}): key strength β (after softplus), gate g (after
     * sigmoid), shift weights s over the offsets -S..S (after softmax) and sharpening γ (1 + softplus).
     *
     * @param keyStrength [heads][T]
     * @param gate        [heads][T]
     * @param shift       [heads][2S+1][T]; row k is the offset k - S
     * @param sharpening  [heads][T]
     */
    public record HeadParams(double[][] keyStrength, double[][] gate, double[][][] shift, double[][] sharpening) {

        /** S: the shifts are -S..S. */
        public int shiftRange() {
            return shift.length == 0 ? 0 : (shift[0].length - 1) / 2;
        }

        void check(int heads, int steps) {
            for (double[][] perHead : new double[][][]{keyStrength, gate, sharpening}) {
                if (perHead.length != heads) {
                    throw new IllegalArgumentException("head parameters for " + perHead.length + " heads, expected " + heads);
                }
                DashboardData.check(perHead, steps, "a head parameter");
            }
            if (shift.length != heads) {
                throw new IllegalArgumentException("shift weights for " + shift.length + " heads, expected " + heads);
            }
            for (double[][] s : shift) {
                if (s.length % 2 != 1 || s.length != shift[0].length) {
                    throw new IllegalArgumentException("shift weights over " + s.length + " offsets; expected the same odd "
                            + "number 2S+1 for every head");
                }
                DashboardData.check(s, steps, "shift weights");
            }
        }
    }

    /** The task's name, for the title. */
    public final String task;
    /** The sequence length (or item count) the task was generated at, for the title. */
    public final int length;
    /** What {@link #length} counts, for the title: "length" (the default), "items", "inputs". */
    public final String lengthName;
    /** [input channels][T]. */
    public final double[][] input;
    /** [output channels][T]. */
    public final double[][] target;
    /** [output channels][T], the network's output (probabilities). */
    public final double[][] prediction;
    /** [T]: true at the steps whose output is scored (the answer steps). */
    public final boolean[] answer;
    /** One name per head, e.g. "read head 1", "write head 1". */
    public final List<String> headNames;
    /** [heads][N rows][T]. */
    public final double[][][] weightings;
    /** [N rows][W], the memory after the last step. */
    public final double[][] memoryEnd;
    /** [T][N rows][W], the memory after every step, for the animation; null when not recorded. */
    public final double[][][] memoryByStep;
    /** Every head's β, g, s and γ over time; null when not recorded. */
    public final HeadParams headParams;

    public DashboardData(String task, int length, double[][] input, double[][] target, double[][] prediction,
                         boolean[] answer, List<String> headNames, double[][][] weightings, double[][] memoryEnd) {
        this(task, length, input, target, prediction, answer, headNames, weightings, memoryEnd, null);
    }

    public DashboardData(String task, int length, double[][] input, double[][] target, double[][] prediction,
                         boolean[] answer, List<String> headNames, double[][][] weightings, double[][] memoryEnd,
                         double[][][] memoryByStep) {
        this(task, length, "length", input, target, prediction, answer, headNames, weightings, memoryEnd, memoryByStep,
                null);
    }

    private DashboardData(String task, int length, String lengthName, double[][] input, double[][] target,
                          double[][] prediction, boolean[] answer, List<String> headNames, double[][][] weightings,
                          double[][] memoryEnd, double[][][] memoryByStep, HeadParams headParams) {
        int steps = answer.length;
        check(input, steps, "input");
        check(target, steps, "target");
        check(prediction, steps, "prediction");
        if (target.length != prediction.length) {
            throw new IllegalArgumentException("target has " + target.length + " channels, prediction " + prediction.length);
        }
        if (headNames.size() != weightings.length) {
            throw new IllegalArgumentException(headNames.size() + " head names for " + weightings.length + " heads");
        }
        for (double[][] w : weightings) {
            check(w, steps, "weighting");
            if (w.length != memoryEnd.length) {
                throw new IllegalArgumentException("a weighting over " + w.length + " rows, memory of " + memoryEnd.length);
            }
        }
        this.task = task;
        this.length = length;
        this.input = input;
        this.target = target;
        this.prediction = prediction;
        this.answer = answer;
        this.headNames = List.copyOf(headNames);
        this.weightings = weightings;
        this.memoryEnd = memoryEnd;
        if (memoryByStep != null && memoryByStep.length != steps) {
            throw new IllegalArgumentException("memory for " + memoryByStep.length + " steps, expected " + steps);
        }
        this.memoryByStep = memoryByStep;
        if (headParams != null) {
            headParams.check(weightings.length, steps);
        }
        this.headParams = headParams;
        this.lengthName = lengthName;
    }

    /** This data with the heads' addressing parameters (null: none). */
    public DashboardData withHeadParams(HeadParams params) {
        return new DashboardData(task, length, lengthName, input, target, prediction, answer, headNames, weightings,
                memoryEnd, memoryByStep, params);
    }

    /** This data with {@link #length} called {@code name} in the title ("items", "inputs"; default "length"). */
    public DashboardData withLengthName(String name) {
        return new DashboardData(task, length, name, input, target, prediction, answer, headNames, weightings, memoryEnd,
                memoryByStep, headParams);
    }

    /** The memory after step {@code t} if recorded per step, else the memory after the last step. */
    public double[][] memoryAfter(int t) {
        return memoryByStep == null ? memoryEnd : memoryByStep[t];
    }

    private static void check(double[][] a, int steps, String what) {
        for (double[] row : a) {
            if (row.length != steps) {
                throw new IllegalArgumentException(what + " has a row of " + row.length + " steps, expected " + steps);
            }
        }
    }

    /** The number of time steps T. */
    public int steps() {
        return answer.length;
    }

    /** The number of memory rows N. */
    public int memoryRows() {
        return memoryEnd.length;
    }

    /** The first answer step (the first step the label mask scores), or -1 if none. */
    public int firstAnswerStep() {
        for (int t = 0; t < answer.length; t++) {
            if (answer[t]) {
                return t;
            }
        }
        return -1;
    }

    /** True where an answer step's predicted bit (output > 0.5) differs from the target bit. */
    public boolean wrong(int channel, int t) {
        return answer[t] && (prediction[channel][t] > 0.5) != (target[channel][t] > 0.5);
    }

    /** The number of wrong bits over the answer steps. */
    public int bitErrors() {
        int n = 0;
        for (int c = 0; c < target.length; c++) {
            for (int t = 0; t < steps(); t++) {
                if (wrong(c, t)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The number of scored bits (answer steps × output channels). */
    public int scoredBits() {
        int n = 0;
        for (boolean a : answer) {
            n += a ? target.length : 0;
        }
        return n;
    }

    /**
     * Example {@code b} of a forward pass: features [B, X, T], labels and predictions [B, Y, T], the label
     * mask [B, T] (null: every step is scored) and the layer's trace (heads: read heads first, then write heads),
     * with the heads' addressing parameters.
     */
    public static DashboardData from(String task, int length, INDArray features, INDArray labels, INDArray labelMask,
                                     INDArray predictions, NtmTrace trace, int readHeads, int writeHeads, int b) {
        int steps = (int) features.size(2);
        boolean[] answer = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            answer[t] = labelMask == null || labelMask.getDouble(b, t) > 0;
        }
        int heads = (int) trace.weightings.size(1);
        if (heads != readHeads + writeHeads) {
            throw new IllegalArgumentException("the trace has " + heads + " heads, the layer " + readHeads + " read + "
                    + writeHeads + " write");
        }
        List<String> names = new ArrayList<>();
        for (int h = 0; h < readHeads; h++) {
            names.add("read head " + (h + 1));
        }
        for (int h = 0; h < writeHeads; h++) {
            names.add("write head " + (h + 1));
        }
        int rows = (int) trace.weightings.size(2);
        int traceSteps = (int) trace.steps();
        double[][][] w = new double[heads][rows][steps];
        for (int h = 0; h < heads; h++) {
            for (int n = 0; n < rows; n++) {
                for (int t = 0; t < Math.min(steps, traceSteps); t++) {
                    w[h][n][t] = trace.weightings.getDouble(b, h, n, t);
                }
            }
        }
        int width = (int) trace.memory.size(2);
        double[][][] byStep = new double[steps][rows][width];
        for (int t = 0; t < steps; t++) {
            int from = Math.min(t, traceSteps - 1);
            for (int n = 0; n < rows; n++) {
                for (int c = 0; c < width; c++) {
                    byStep[t][n][c] = trace.memory.getDouble(b, n, c, from);
                }
            }
        }
        double[][] mem = new double[rows][];
        for (int n = 0; n < rows; n++) {
            mem[n] = new double[width];
            for (int c = 0; c < width; c++) {
                mem[n][c] = trace.memory.getDouble(b, n, c, traceSteps - 1);
            }
        }
        int shifts = (int) trace.shift.size(2);
        double[][][] s = new double[heads][shifts][];
        for (int h = 0; h < heads; h++) {
            for (int k = 0; k < shifts; k++) {
                s[h][k] = perStep(trace.shift, steps, traceSteps, b, h, k);
            }
        }
        HeadParams params = new HeadParams(perHead(trace.keyStrength, heads, steps, b), perHead(trace.gate, heads, steps, b),
                s, perHead(trace.sharpening, heads, steps, b));
        return new DashboardData(task, length, channels(features, b), channels(labels, b), channels(predictions, b),
                answer, names, w, mem, byStep).withHeadParams(params);
    }

    /** [heads][T] from a trace array [B, heads, T'] (steps past T' stay 0). */
    private static double[][] perHead(INDArray a, int heads, int steps, int b) {
        double[][] out = new double[heads][];
        for (int h = 0; h < heads; h++) {
            out[h] = perStep(a, steps, (int) a.size(2), b, h);
        }
        return out;
    }

    /** {@code a[b, index..., t]} for t in [0, steps), 0 past the {@code traceSteps} recorded. */
    private static double[] perStep(INDArray a, int steps, int traceSteps, int b, int... index) {
        double[] out = new double[steps];
        long[] at = new long[index.length + 2];
        at[0] = b;
        for (int i = 0; i < index.length; i++) {
            at[i + 1] = index[i];
        }
        for (int t = 0; t < Math.min(steps, traceSteps); t++) {
            at[at.length - 1] = t;
            out[t] = a.getDouble(at);
        }
        return out;
    }

    private static double[][] channels(INDArray a, int b) {
        double[][] out = new double[(int) a.size(1)][(int) a.size(2)];
        for (int c = 0; c < out.length; c++) {
            for (int t = 0; t < out[c].length; t++) {
                out[c][t] = a.getDouble(b, c, t);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "DashboardData[" + task + ", length " + length + ", T=" + steps() + ", heads " + headNames
                + ", N=" + memoryRows() + ", answer from " + firstAnswerStep() + "; " + Arrays.toString(new int[]{
                bitErrors(), scoredBits()}) + "]";
    }
}
