package io.github.ntm4j.tasks.metrics;

import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Whatever turns a padded minibatch into predictions {@code [B, Y, T]}: a trained DL4J network
 * (see {@link #of(Model)}), an analytic optimum such as the dynamic n-gram Bayes predictor, or
 * an oracle in tests.
 */
@FunctionalInterface
public interface Predictor {

    /**
     * @param batch features {@code [B, X, T]}, labels {@code [B, Y, T]}, masks {@code [B, T]}
     * @return predictions {@code [B, Y, T]}, probabilities that each target bit is 1
     */
    INDArray predict(DataSet batch);

    /** Inference with a {@link MultiLayerNetwork}, passing both masks. */
    static Predictor of(MultiLayerNetwork net) {
        Objects.requireNonNull(net, "net");
        return batch -> net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(),
                batch.getLabelsMaskArray());
    }

    /** Inference with a single-input, single-output {@link ComputationGraph}, passing both masks. */
    static Predictor of(ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph");
        if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("a ComputationGraph with one input and one output is needed, got "
                    + graph.getNumInputArrays() + " inputs and " + graph.getNumOutputArrays() + " outputs");
        }
        return batch -> graph.output(false,
                new INDArray[] {batch.getFeatures()},
                new INDArray[] {batch.getFeaturesMaskArray()},
                new INDArray[] {batch.getLabelsMaskArray()})[0];
    }

    /** Dispatches to {@link #of(MultiLayerNetwork)} or {@link #of(ComputationGraph)}. */
    static Predictor of(Model model) {
        if (model instanceof MultiLayerNetwork mln) {
            return of(mln);
        }
        if (model instanceof ComputationGraph cg) {
            return of(cg);
        }
        throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, got "
                + (model == null ? "null" : model.getClass().getName()));
    }
}
