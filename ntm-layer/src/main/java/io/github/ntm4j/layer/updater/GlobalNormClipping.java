package io.github.ntm4j.layer.updater;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clipping by the global norm: when the L2 norm of all of a network's gradients together exceeds
 * {@code maxNorm}, every gradient is scaled by {@code maxNorm / norm}, so the step keeps its direction
 * (TensorFlow's {@code clip_by_global_norm}; Collier &amp; Beel's NTM clips at 50, DeepMind's DNC at 50).
 * DL4J M2.1 has only per-layer and per-parameter-type normalization; this adds the global one to any
 * {@link MultiLayerNetwork} or {@link ComputationGraph}, whatever its layers:
 * <pre>
 *   net.addListeners(new GlobalNormClipping(50));
 * </pre>
 * It acts after every gradient computation of {@code fit} and before the updater. The norm is of the
 * gradient the updater is given: the gradient of the minibatch's mean loss when the network divides by the
 * minibatch size (DL4J's default, {@code miniBatch(true)}), else of the summed loss. Parameters that DL4J
 * does not treat as gradients (batch normalization's running mean and variance, for which
 * {@code updaterDivideByMinibatch} is false) are neither counted nor scaled. A layer's own gradient
 * normalization (e.g. element-wise clipping) still applies afterwards, on the clipped gradient.
 *
 * <p>A listener is not saved with the network: add it again after loading a model to go on training.
 */
public final class GlobalNormClipping extends BaseTrainingListener {
    private final double maxNorm;
    private double lastNorm = Double.NaN;

    /**
     * @param maxNorm the largest global L2 norm a gradient keeps; finite and above 0
     * @throws IllegalArgumentException naming the value otherwise
     */
    public GlobalNormClipping(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm of global-norm clipping must be finite and above 0, got "
                    + maxNorm + "; 50 is Collier & Beel's and DeepMind's value for NTMs and DNCs");
        }
        this.maxNorm = maxNorm;
    }

    public double getMaxNorm() {
        return maxNorm;
    }

    /** The global norm of the last gradient before clipping (of the mean loss, as above); NaN before the first. */
    public double getLastNorm() {
        return lastNorm;
    }

    @Override
    public void onGradientCalculation(Model model) {
        lastNorm = clip(model, maxNorm);
    }

    /**
     * Scales {@code model}'s current gradient (after {@code computeGradientAndScore}) to a global norm of at most
     * {@code maxNorm}, as the listener does, and returns the norm it had.
     *
     * @throws IllegalArgumentException if {@code model} is neither a {@link MultiLayerNetwork} nor a
     *                                  {@link ComputationGraph}
     */
    public static double clip(Model model, double maxNorm) {
        Gradient gradient = model.gradient();
        if (gradient == null) {
            return Double.NaN;
        }
        List<INDArray> parts = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : gradient.gradientForVariable().entrySet()) {
            String key = e.getKey();
            int split = key.lastIndexOf('_');
            if (owner(model, key.substring(0, split)).updaterDivideByMinibatch(key.substring(split + 1))) {
                parts.add(e.getValue());
            }
        }
        double sumOfSquares = 0;
        for (INDArray part : parts) {
            double n = part.norm2Number().doubleValue();
            sumOfSquares += n * n;
        }
        // The updater divides by the minibatch size after this point; the norm is of what it then sees.
        double divisor = model.conf().isMiniBatch() ? Math.max(1, model.batchSize()) : 1;
        double norm = Math.sqrt(sumOfSquares) / divisor;
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (INDArray part : parts) {
                part.muli(scale);
            }
        }
        // A non-finite norm is left to the caller: scaling by 0 or NaN would hide where the gradient broke.
        return norm;
    }

    private static Trainable owner(Model model, String name) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getLayer(Integer.parseInt(name));
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getVertex(name);
        }
        throw new IllegalArgumentException("global-norm clipping works on a MultiLayerNetwork or a "
                + "ComputationGraph, got a " + model.getClass().getSimpleName());
    }

    @Override
    public String toString() {
        return "GlobalNormClipping(" + maxNorm + ")";
    }
}
