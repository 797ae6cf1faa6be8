package io.github.ntm4j.tasks.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The metrics the NTM literature reports, over DL4J time-series arrays.
 *
 * <p>All functions take predictions and labels {@code [B, Y, T]} (sigmoid outputs in
 * {@code [0, 1]}, binary targets) and a label mask {@code [B, T]} or {@code [B, Y, T]}, 1 on the
 * answer steps; a {@code null} mask scores every step. Only masked-in entries count.
 * <ul>
 *   <li>{@link #bitErrors}: predictions thresholded at 0.5 and compared with the targets, summed
 *       per sequence; reported by pytorch-ntm and by Collier and Beel, "Implementing Neural
 *       Turing Machines" (ICANN 2018).</li>
 *   <li>{@link #costBits}: binary cross-entropy in base 2 summed per sequence, the "cost
 *       per sequence (bits)" of the learning curves of Graves et al. (2014), Section 4.</li>
 *   <li>{@link #sequenceAccuracy}, {@link #stepAccuracy}, {@link #finalStepAccuracy}; the last
 *       is the classification accuracy of Dyck words.</li>
 * </ul>
 */
public final class SequenceMetrics {

    /**
     * Predictions are clipped to {@code [CLIP, 1 - CLIP]} before taking logarithms: a confident
     * wrong answer then costs {@code -log2(1e-7)}, about 23 bits, not infinity.
     */
    public static final double CLIP = 1e-7;

    /** A prediction above this is read as a 1. */
    public static final double THRESHOLD = 0.5;

    private SequenceMetrics() {
    }

    /**
     * Whether prediction {@code p} gets target bit {@code y} right: on the target's side of
     * {@link #THRESHOLD}. A NaN, and a prediction of exactly 0.5, say nothing and count as wrong: a bit
     * sitting at 0.5 could fall either way on another CPU's kernels, and must not make a model look
     * better than it is.
     */
    public static boolean right(double p, double y) {
        return !Double.isNaN(p) && p != THRESHOLD && (p > THRESHOLD) == (y > THRESHOLD);
    }

    /** Bit errors of each sequence: {@code [B]}. */
    public static double[] bitErrors(INDArray predictions, INDArray labels, INDArray labelMask) {
        View v = new View(predictions, labels, labelMask);
        double[] errors = new double[v.b];
        v.forEach((b, p, y) -> errors[b] += right(p, y) ? 0 : 1);
        return errors;
    }

    /** Mean over the minibatch of {@link #bitErrors}. */
    public static double meanBitErrors(INDArray predictions, INDArray labels, INDArray labelMask) {
        return mean(bitErrors(predictions, labels, labelMask));
    }

    /**
     * Cost of each sequence in bits: {@code -sum [y log2 p + (1-y) log2 (1-p)]} over its
     * masked-in entries, with {@code p} clipped by {@link #CLIP}. Shape {@code [B]}.
     */
    public static double[] costBits(INDArray predictions, INDArray labels, INDArray labelMask) {
        View v = new View(predictions, labels, labelMask);
        double[] cost = new double[v.b];
        double ln2 = Math.log(2);
        v.forEach((b, p, y) -> {
            double q = Math.min(1 - CLIP, Math.max(CLIP, p));
            cost[b] -= (y * Math.log(q) + (1 - y) * Math.log(1 - q)) / ln2;
        });
        return cost;
    }

    /** Mean over the minibatch of {@link #costBits}. */
    public static double meanCostBits(INDArray predictions, INDArray labels, INDArray labelMask) {
        return mean(costBits(predictions, labels, labelMask));
    }

    /** The fraction of sequences with no bit error. */
    public static double sequenceAccuracy(INDArray predictions, INDArray labels, INDArray labelMask) {
        double[] errors = bitErrors(predictions, labels, labelMask);
        int right = 0;
        for (double e : errors) {
            if (e == 0) {
                right++;
            }
        }
        return right / (double) errors.length;
    }

    /** The fraction of masked-in entries (bits, or per-step class decisions) that are right. */
    public static double stepAccuracy(INDArray predictions, INDArray labels, INDArray labelMask) {
        View v = new View(predictions, labels, labelMask);
        long[] counts = new long[2];   // {right, total}
        v.forEach((b, p, y) -> {
            counts[0] += right(p, y) ? 1 : 0;
            counts[1]++;
        });
        return counts[1] == 0 ? Double.NaN : counts[0] / (double) counts[1];
    }

    /**
     * The fraction of sequences whose last masked-in step is predicted right on every channel.
     * For Dyck words, whose last label classifies the whole word, this is the classification
     * accuracy.
     */
    public static double finalStepAccuracy(INDArray predictions, INDArray labels, INDArray labelMask) {
        View v = new View(predictions, labels, labelMask);
        int right = 0;
        int scored = 0;
        for (int b = 0; b < v.b; b++) {
            int last = -1;
            for (int t = 0; t < v.t; t++) {
                for (int c = 0; c < v.y; c++) {
                    if (v.masked(b, c, t)) {
                        last = t;
                    }
                }
            }
            if (last < 0) {
                continue;
            }
            scored++;
            boolean ok = true;
            for (int c = 0; c < v.y; c++) {
                if (v.masked(b, c, last)) {
                    ok &= right(v.p(b, c, last), v.label(b, c, last));
                }
            }
            right += ok ? 1 : 0;
        }
        return scored == 0 ? Double.NaN : right / (double) scored;
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** Per-entry visitor. */
    @FunctionalInterface
    private interface Entry {
        void accept(int b, double prediction, double label);
    }

    /** The three arrays as flat c-order doubles, with shape checks. */
    private static final class View {
        final int b;
        final int y;
        final int t;
        final double[] p;
        final double[] l;
        final double[] m;        // null: all ones
        final boolean perStep;   // mask [B, T] rather than [B, Y, T]

        View(INDArray predictions, INDArray labels, INDArray labelMask) {
            if (predictions.rank() != 3 || !java.util.Arrays.equals(predictions.shape(), labels.shape())) {
                throw new IllegalArgumentException("predictions and labels must both be [B, Y, T], got "
                        + java.util.Arrays.toString(predictions.shape()) + " and "
                        + java.util.Arrays.toString(labels.shape()));
            }
            long[] s = predictions.shape();
            b = (int) s[0];
            y = (int) s[1];
            t = (int) s[2];
            p = flat(predictions);
            l = flat(labels);
            if (labelMask == null) {
                m = null;
                perStep = true;
            } else if (labelMask.rank() == 2 && labelMask.size(0) == b && labelMask.size(1) == t) {
                m = flat(labelMask);
                perStep = true;
            } else if (java.util.Arrays.equals(labelMask.shape(), s)) {
                m = flat(labelMask);
                perStep = false;
            } else {
                throw new IllegalArgumentException("labelMask must be [B, T] = [" + b + ", " + t + "] or [B, Y, T], got "
                        + java.util.Arrays.toString(labelMask.shape()));
            }
        }

        private static double[] flat(INDArray a) {
            return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }

        boolean masked(int bi, int c, int ti) {
            if (m == null) {
                return true;
            }
            return (perStep ? m[bi * t + ti] : m[(bi * y + c) * t + ti]) != 0;
        }

        double p(int bi, int c, int ti) {
            return p[(bi * y + c) * t + ti];
        }

        double label(int bi, int c, int ti) {
            return l[(bi * y + c) * t + ti];
        }

        void forEach(Entry e) {
            for (int bi = 0; bi < b; bi++) {
                for (int c = 0; c < y; c++) {
                    for (int ti = 0; ti < t; ti++) {
                        if (masked(bi, c, ti)) {
                            e.accept(bi, p(bi, c, ti), label(bi, c, ti));
                        }
                    }
                }
            }
        }
    }
}
