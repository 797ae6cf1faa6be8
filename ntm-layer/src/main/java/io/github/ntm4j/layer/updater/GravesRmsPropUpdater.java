package io.github.ntm4j.layer.updater;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/** The state and the step of {@link GravesRmsProp}; DL4J creates one per block of parameters. */
public final class GravesRmsPropUpdater implements GradientUpdater<GravesRmsProp> {
    public static final String MEAN_SQUARE = "N";
    public static final String MEAN = "G";
    public static final String STEP = "DELTA";

    private final GravesRmsProp config;
    private INDArray meanSquare;
    private INDArray mean;
    private INDArray step;

    public GravesRmsPropUpdater(GravesRmsProp config) {
        this.config = config;
    }

    @Override
    public GravesRmsProp getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (stateMap.size() != 3 || !stateMap.containsKey(MEAN_SQUARE) || !stateMap.containsKey(MEAN)
                || !stateMap.containsKey(STEP)) {
            throw new IllegalStateException("GravesRmsProp state must hold exactly " + MEAN_SQUARE + ", " + MEAN
                    + " and " + STEP + "; got " + stateMap.keySet());
        }
        meanSquare = stateMap.get(MEAN_SQUARE);
        mean = stateMap.get(MEAN);
        step = stateMap.get(STEP);
        if (initialize) {
            meanSquare.assign(0);
            mean.assign(0);
            step.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put(MEAN_SQUARE, meanSquare);
        state.put(MEAN, mean);
        state.put(STEP, step);
        return state;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVectorOrScalar() && viewArray.rank() != 1) {
            throw new IllegalArgumentException("GravesRmsProp: the state view must be a vector, got shape "
                    + java.util.Arrays.toString(viewArray.shape()));
        }
        if (initialize) {
            viewArray.assign(0);
        }
        long n = viewArray.length() / 3;
        meanSquare = shaped(viewArray.get(NDArrayIndex.interval(0, n)), gradientShape, gradientOrder);
        mean = shaped(viewArray.get(NDArrayIndex.interval(n, 2 * n)), gradientShape, gradientOrder);
        step = shaped(viewArray.get(NDArrayIndex.interval(2 * n, 3 * n)), gradientShape, gradientOrder);
    }

    private static INDArray shaped(INDArray view, long[] shape, char order) {
        INDArray reshaped = Shape.newShapeNoCopy(view, shape, order == 'f');
        if (reshaped == null) {
            throw new IllegalStateException("GravesRmsProp: could not view the updater state in the gradient's shape");
        }
        return reshaped;
    }

    /** Replaces {@code gradient} by the update DL4J subtracts from the parameters: -Δ. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (meanSquare == null) {
            throw new IllegalStateException("GravesRmsProp: the updater state was never set");
        }
        double chi = config.decay();
        INDArray grad = gradient.reshape(meanSquare.shape());
        meanSquare.muli(chi).addi(grad.mul(grad).muli(1 - chi));
        mean.muli(chi).addi(grad.mul(1 - chi));
        // The variance estimate n - g² is never negative in exact arithmetic; rounding may make it so.
        INDArray variance = Transforms.max(meanSquare.sub(mean.mul(mean)), 0.0, false);
        INDArray scaled = grad.div(Transforms.sqrt(variance.addi(config.epsilon()), false));
        step.muli(config.momentum()).subi(scaled.muli(config.getLearningRate(iteration, epoch)));
        gradient.assign(step.reshape(gradient.shape())).negi();
    }
}
