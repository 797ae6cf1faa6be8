package io.github.ntm4j.tasks;

import io.github.ntm4j.tasks.metrics.Predictor;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dynamic N-grams: predict the next bit of a sequence drawn from an unseen N-gram model.
 *
 * <p>Graves et al., "Neural Turing Machines" (2014), Section 4.4. For each sequence a new
 * transition table is drawn: for each of the {@code 2^(N-1)} contexts of {@code N-1} bits, the
 * probability that the next bit is 1 is drawn from Beta(1/2, 1/2). The first {@code N-1} bits
 * are fair coin flips (as in NTM-Lasagne); every later bit follows the table given the
 * {@code N-1} bits before it. The network reads the bits one at a time and predicts the next:
 * <pre>
 *   X = 1, Y = 1, T = length      input at t: b_t; target at t: b_{t+1}
 *   answer steps: t >= N-2, i.e. the targets b_{t+1} the table decides (the first N-1 bits
 *   are coin flips that no predictor can beat; their targets are left at 0, unscored)
 * </pre>
 * The paper's Bayes-optimal predictor ({@link #bayesOptimal(int[], int)}) gives the cost
 * against which a model is judged.
 */
public final class DynamicNGramsTask implements SequenceTask {

    /**
     * The largest supported {@code N}: a context of {@code N-1 = 16} bits indexes a table of
     * 65536 probabilities, redrawn for every sequence.
     */
    public static final int MAX_ORDER = 17;

    /**
     * Parameters of dynamic N-grams.
     *
     * @param order  {@code N}: each bit depends on the {@code N-1} before it. Default 6 (paper),
     *               i.e. 32 contexts of 5 bits
     * @param length number of predictions per sequence {@code T}. Default 200 (paper)
     */
    public record Params(int order, int length) {

        public Params {
            Checks.atLeast("order", order, 2);
            if (order > MAX_ORDER) {
                throw new IllegalArgumentException("order must be <= " + MAX_ORDER + " (a table of 2^(order-1) "
                        + "probabilities per sequence), got " + order);
            }
            if (length < order - 1) {
                throw new IllegalArgumentException("length must be >= order-1=" + (order - 1)
                        + " so that at least one bit follows the table, got length=" + length);
            }
            Checks.steps("dynamic n-grams", "length=" + length, length);
        }

        /** The paper's setting: 6-grams, 200 bits. The default. */
        public static Params paper() {
            return new Params(6, 200);
        }

        /** Sequences of {@code length} predictions. */
        public Params withLength(int length) {
            return new Params(order, length);
        }

        /** {@code N-1}, the number of context bits. */
        public int contextBits() {
            return order - 1;
        }
    }

    private final Params params;

    /** Dynamic 6-grams over 200 bits, the paper's setting. */
    public DynamicNGramsTask() {
        this(Params.paper());
    }

    public DynamicNGramsTask(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return "dynamic-ngrams";
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public long maxSteps() {
        return params.length();
    }

    /**
     * A draw from Beta(1/2, 1/2) (the arcsine distribution): {@code sin^2(U pi/2)} with
     * {@code U} uniform on [0, 1). Exact: {@code P(sin^2(U pi/2) <= x) = (2/pi) asin(sqrt x)},
     * the Beta(1/2, 1/2) distribution function.
     */
    public static double sampleBetaHalf(Random rng) {
        double s = Math.sin(rng.nextDouble() * Math.PI / 2);
        return s * s;
    }

    /** A transition table: {@code 2^(order-1)} probabilities from Beta(1/2, 1/2). */
    public static double[] sampleTable(Random rng, int order) {
        double[] table = new double[1 << (order - 1)];
        for (int c = 0; c < table.length; c++) {
            table[c] = sampleBetaHalf(rng);
        }
        return table;
    }

    /**
     * {@code length + 1} bits from the table: {@code N-1} coin flips, then each bit 1 with
     * probability {@code table[c]}, {@code c} the previous {@code N-1} bits read as a binary
     * number, oldest bit most significant.
     */
    public static int[] sampleBits(Random rng, double[] table, int order, int length) {
        int k = order - 1;
        int mask = (1 << k) - 1;
        int[] bits = new int[length + 1];
        int context = 0;
        for (int j = 0; j <= length; j++) {
            double p = j < k ? 0.5 : table[context];
            bits[j] = rng.nextDouble() < p ? 1 : 0;
            context = ((context << 1) | bits[j]) & mask;
        }
        return bits;
    }

    @Override
    public Example sample(Random rng) {
        int length = params.length();
        int[] bits = sampleBits(rng, sampleTable(rng, params.order()), params.order(), length);
        float[][] input = new float[length][1];    // [T][X]
        float[][] target = new float[length][1];   // [T][Y]
        boolean[] answer = new boolean[length];    // [T]
        for (int t = 0; t < length; t++) {
            input[t][0] = bits[t];
            answer[t] = t + 1 >= params.contextBits();
            target[t][0] = answer[t] ? bits[t + 1] : 0f;
        }
        return new Example(input, target, answer);
    }

    /**
     * The Bayes-optimal prediction of each next bit, Graves et al. (2014), Section 4.4:
     * <pre>
     *   P(b_{t+1} = 1 | b_0..b_t) = (N1 + 1/2) / (N1 + N0 + 1)
     * </pre>
     * with {@code N0}, {@code N1} the number of times the current context has so far been
     * followed by 0 and 1: the posterior mean of a Beta(1/2, 1/2) prior, each context's
     * probability being independent. Before a full context exists the prediction is 1/2.
     *
     * @param bits  {@code b_0..b_{T-1}}, each 0 or 1
     * @return {@code [T]}: entry {@code t} predicts {@code b_{t+1}}
     */
    public static double[] bayesOptimal(int[] bits, int order) {
        int k = order - 1;
        int mask = (1 << k) - 1;
        int[][] counts = new int[1 << k][2];   // [context][next bit]
        double[] prediction = new double[bits.length];
        int context = 0;   // the last k bits before position j
        for (int t = 0; t < bits.length; t++) {
            if (t >= k) {
                counts[context][bits[t]]++;
            }
            context = ((context << 1) | bits[t]) & mask;
            if (t + 1 >= k) {
                int n0 = counts[context][0];
                int n1 = counts[context][1];
                prediction[t] = (n1 + 0.5) / (n0 + n1 + 1.0);
            } else {
                prediction[t] = 0.5;
            }
        }
        return prediction;
    }

    /**
     * The Bayes-optimal predictor over a padded minibatch (features {@code [B, 1, T]}, feature
     * mask {@code [B, T]}): predictions {@code [B, 1, T]}, so that
     * {@code SequenceMetrics.costBits} gives the optimum's cost beside a model's.
     */
    public Predictor bayesOptimalPredictor() {
        int order = params.order();
        return batch -> {
            INDArray features = batch.getFeatures();
            INDArray mask = batch.getFeaturesMaskArray();
            int b = (int) features.size(0);
            int t = (int) features.size(2);
            float[] out = new float[b * t];
            for (int i = 0; i < b; i++) {
                int steps = t;
                if (mask != null) {
                    steps = mask.getRow(i).sumNumber().intValue();
                }
                int[] bits = new int[steps];
                for (int s = 0; s < steps; s++) {
                    bits[s] = features.getDouble(i, 0, s) > 0.5 ? 1 : 0;
                }
                double[] p = bayesOptimal(bits, order);
                for (int s = 0; s < steps; s++) {
                    out[i * t + s] = (float) p[s];
                }
            }
            return Nd4j.create(out, new long[] {b, 1, t}, 'c').castTo(features.dataType());
        };
    }
}
