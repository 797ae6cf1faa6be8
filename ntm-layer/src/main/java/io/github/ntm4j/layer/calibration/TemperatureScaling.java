package io.github.ntm4j.layer.calibration;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.util.List;
import java.util.Objects;

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks") for a network whose outputs are
 * independent bits: a sigmoid output layer trained with cross-entropy. The output {@code sigmoid(z)} becomes
 * {@code sigmoid(z / T)}; the one number {@code T} is fitted to held-back data by minimising the cross-entropy
 * there. {@code T > 1} makes an over-confident network less sure of every answer. The sign of {@code z} is kept, so
 * every bit's decision at 0.5, and with it the bit errors, is unchanged: only the probabilities, and so the cost in
 * bits, change.
 *
 * <pre>{@code
 * TemperatureScaling.Fit fit = TemperatureScaling.fit(net, calibrationBatches);
 * TemperatureScaling.apply(net, fit.temperature());   // the output layer's W and b divided by T
 * }</pre>
 *
 * <p>Fit on data drawn like the training data, never on the test data the network is judged on. {@link #apply} puts
 * {@code T} into the output layer's weights and bias, so the scaled network is an ordinary network: saving, loading
 * and inference need nothing else.
 */
public final class TemperatureScaling {
    /** The fitted temperature is kept within [1 / {@value}, {@value}]. */
    public static final double LIMIT = 1000;

    private TemperatureScaling() {
    }

    /**
     * A fitted temperature, and the cross-entropy of the calibration data at {@code T = 1} and at {@code T}, in bits
     * per sequence (per example), the unit of the NTM paper's cost.
     *
     * @param temperature the fitted {@code T}
     * @param bitsBefore  the cross-entropy before, in bits per example
     * @param bitsAfter   the cross-entropy at {@code T}, never above {@code bitsBefore}
     * @param examples    the examples fitted on
     * @param entries     the output entries (bits, masked-in) fitted on
     */
    public record Fit(double temperature, double bitsBefore, double bitsAfter, long examples, long entries) {
    }

    /**
     * Fits {@code T} on {@code batches} (features, labels in [0, 1], and their masks if any): the minimum of the
     * mean cross-entropy of {@code sigmoid(z / T)} over every masked-in output entry, where {@code z} is the output
     * layer's pre-activation. The network is not changed.
     *
     * @throws IllegalArgumentException if the network's output layer is not a sigmoid with cross-entropy, if there
     *                                  are no masked-in entries, or if a label or a pre-activation is not finite
     */
    public static Fit fit(MultiLayerNetwork net, List<DataSet> batches) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(batches, "batches");
        checkOutputLayer(net);
        Logits data = new Logits();
        long examples = 0;
        for (DataSet batch : batches) {
            data.add(preActivations(net, batch), labels(net, batch), labelMask(net, batch));
            examples += batch.numExamples();
        }
        if (data.size == 0) {
            throw new IllegalArgumentException("no output entries to fit a temperature on: " + batches.size()
                    + " batches, every label masked out");
        }
        double a = data.bestInverseTemperature();
        double ln2 = Math.log(2);
        return new Fit(1 / a, data.crossEntropy(1) / ln2 / examples, data.crossEntropy(a) / ln2 / examples, examples,
                data.size);
    }

    /**
     * Divides the output layer's weights and bias by {@code temperature}, so that the network outputs
     * {@code sigmoid(z / temperature)}. Use it on a copy ({@code net.clone()}) to keep the original.
     *
     * @throws IllegalArgumentException if the temperature is not a finite number above 0, or the output layer is not
     *                                  a sigmoid with cross-entropy
     */
    public static void apply(MultiLayerNetwork net, double temperature) {
        Objects.requireNonNull(net, "net");
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("a temperature must be a finite number above 0, got " + temperature);
        }
        checkOutputLayer(net);
        Layer out = net.getOutputLayer();
        out.getParam("W").divi(temperature);
        if (out.paramTable().containsKey("b")) {
            out.getParam("b").divi(temperature);
        }
    }

    private static void checkOutputLayer(MultiLayerNetwork net) {
        org.deeplearning4j.nn.conf.layers.Layer conf = net.getOutputLayer().conf().getLayer();
        if (!(conf instanceof BaseOutputLayer out) || !(out.getActivationFn() instanceof ActivationSigmoid)
                || !(out.getLossFn() instanceof LossBinaryXENT)) {
            String what = conf instanceof BaseOutputLayer out
                    ? conf.getClass().getSimpleName() + " with " + out.getActivationFn() + " and " + out.getLossFn()
                    : conf.getClass().getSimpleName();
            throw new IllegalArgumentException("temperature scaling needs an output layer of independent bits (a"
                    + " sigmoid with cross-entropy, LossFunction.XENT); the last layer is " + what);
        }
        if (out.hasBias() && !net.getOutputLayer().paramTable().containsKey("b")) {
            throw new IllegalArgumentException("the output layer has no bias parameter 'b' to scale");
        }
    }

    /** The output layer's pre-activation, {@code [entries, nOut]}, in double precision. */
    private static INDArray preActivations(MultiLayerNetwork net, DataSet batch) {
        List<INDArray> activations = net.feedForward(batch.getFeatures(), batch.getFeaturesMaskArray(),
                batch.getLabelsMaskArray());
        // activations.get(0) is the input; the output layer's input is the one before its own output.
        INDArray in = activations.get(activations.size() - 2).castTo(DataType.DOUBLE);
        Layer out = net.getOutputLayer();
        INDArray w = out.getParam("W").castTo(DataType.DOUBLE);
        INDArray z = rows(in, isNwc(net)).mmul(w);
        if (out.paramTable().containsKey("b")) {
            z.addiRowVector(out.getParam("b").castTo(DataType.DOUBLE));
        }
        return z;
    }

    private static INDArray labels(MultiLayerNetwork net, DataSet batch) {
        return rows(batch.getLabels().castTo(DataType.DOUBLE), isNwc(net));
    }

    /** One entry per row of {@link #rows}, or null for no mask. */
    private static INDArray labelMask(MultiLayerNetwork net, DataSet batch) {
        INDArray mask = batch.getLabelsMaskArray();
        if (mask == null) {
            return null;
        }
        INDArray m = mask.castTo(DataType.DOUBLE);
        // A recurrent mask is [B, T]; its rows follow rows()'s order, example-major.
        return m.reshape('c', new long[]{m.length()});
    }

    private static boolean isNwc(MultiLayerNetwork net) {
        return net.getOutputLayer().conf().getLayer() instanceof RnnOutputLayer r && r.getRnnDataFormat() == RNNFormat.NWC;
    }

    /** {@code [B, C, T]} (or {@code [B, T, C]}) as {@code [B * T, C]}, example-major; {@code [B, C]} as itself. */
    private static INDArray rows(INDArray x, boolean nwc) {
        if (x.rank() == 2) {
            return x;
        }
        INDArray btc = nwc ? x : x.permute(0, 2, 1);
        return btc.dup('c').reshape('c', new long[]{btc.size(0) * btc.size(1), btc.size(2)});
    }

    /** The masked-in pre-activations and labels of every batch, flattened. */
    private static final class Logits {
        double[] z = new double[1024];
        double[] y = new double[1024];
        long size;

        void add(INDArray z2, INDArray y2, INDArray rowMask) {
            if (z2.rows() != y2.rows() || z2.columns() != y2.columns()) {
                throw new IllegalArgumentException("labels of shape " + java.util.Arrays.toString(y2.shape())
                        + " do not match the network's outputs " + java.util.Arrays.toString(z2.shape()));
            }
            double[][] zs = z2.toDoubleMatrix();
            double[][] ys = y2.toDoubleMatrix();
            double[] m = rowMask == null ? null : rowMask.toDoubleVector();
            if (m != null && m.length != zs.length) {
                throw new IllegalArgumentException("a label mask of " + m.length + " entries for " + zs.length
                        + " output steps");
            }
            for (int r = 0; r < zs.length; r++) {
                if (m != null && m[r] == 0) {
                    continue;
                }
                for (int c = 0; c < zs[r].length; c++) {
                    double zi = zs[r][c];
                    double yi = ys[r][c];
                    if (!Double.isFinite(zi) || !(yi >= 0 && yi <= 1)) {
                        throw new IllegalArgumentException(!Double.isFinite(zi)
                                ? "the network's output pre-activation is " + zi + "; a temperature cannot be fitted"
                                : "a label of " + yi + "; cross-entropy needs labels in [0, 1]");
                    }
                    if (size == z.length) {
                        z = java.util.Arrays.copyOf(z, z.length * 2);
                        y = java.util.Arrays.copyOf(y, y.length * 2);
                    }
                    z[(int) size] = zi;
                    y[(int) size] = yi;
                    size++;
                }
            }
        }

        /** The summed cross-entropy in nats of {@code sigmoid(a z)}: {@code softplus(a z) - y a z}. */
        double crossEntropy(double a) {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                double x = a * z[i];
                sum += Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))) - y[i] * x;
            }
            return sum;
        }

        /** The derivative of {@link #crossEntropy} in {@code a}: {@code sum z (sigmoid(a z) - y)}, rising in a. */
        double slope(double a) {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                double x = a * z[i];
                double s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
                sum += z[i] * (s - y[i]);
            }
            return sum;
        }

        /**
         * The {@code a = 1 / T} of least cross-entropy, within [1 / LIMIT, LIMIT]: the cross-entropy is convex in a,
         * so its slope rises, and bisection (on log a) finds where it crosses 0.
         */
        double bestInverseTemperature() {
            double lo = Math.log(1 / LIMIT);
            double hi = Math.log(LIMIT);
            if (slope(Math.exp(lo)) >= 0) {
                return Math.exp(lo);
            }
            if (slope(Math.exp(hi)) <= 0) {
                return Math.exp(hi);
            }
            for (int i = 0; i < 100; i++) {
                double mid = (lo + hi) / 2;
                if (slope(Math.exp(mid)) < 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return Math.exp((lo + hi) / 2);
        }
    }
}
