package io.github.ntm4j.layer.updater;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * Alex Graves' RMSprop with momentum, the optimiser of the NTM paper (learning rate 1e-4, momentum
 * 0.9) and of NTM-Lasagne's and pytorch-ntm's copy tasks. DL4J's {@code RmsProp} has no momentum and
 * divides by the root mean square; this one divides by the running standard deviation:
 * <pre>
 *   n = χ n + (1 - χ) grad²
 *   g = χ g + (1 - χ) grad
 *   Δ = α Δ - lr · grad / sqrt(n - g² + ε)
 *   θ = θ + Δ
 * </pre>
 * (Graves, "Generating Sequences With Recurrent Neural Networks", 2013, eq. 38-41, with his χ = 0.95,
 * α = 0.9 and ε = 1e-4 as defaults.) NTM-Lasagne's {@code graves_rmsprop} adds g² where Graves
 * subtracts it; this class follows the paper.
 *
 * <p>A plain configuration class like DL4J's own updaters: JSON round trips keep it (the class name is
 * recorded), and its state (n, g and Δ for every parameter) is saved with the model's updater state.
 */
public final class GravesRmsProp implements IUpdater {
    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    public static final double DEFAULT_DECAY = 0.95;
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_EPSILON = 1e-4;

    private double learningRate;
    private ISchedule learningRateSchedule;
    private double decay;
    private double momentum;
    private double epsilon;

    /** The paper's settings: learning rate 1e-4, χ = 0.95, momentum 0.9, ε = 1e-4. */
    public GravesRmsProp() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** The paper's χ, momentum and ε with another learning rate. */
    public GravesRmsProp(double learningRate) {
        this(learningRate, null, DEFAULT_DECAY, DEFAULT_MOMENTUM, DEFAULT_EPSILON);
    }

    /**
     * @param learningRate the step size; ignored when {@code learningRateSchedule} is given
     * @param decay        χ, the decay of both running averages, in [0, 1)
     * @param momentum     α, in [0, 1)
     * @param epsilon      ε, added to the variance before the square root; positive
     */
    public GravesRmsProp(@JsonProperty("learningRate") double learningRate,
                         @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                         @JsonProperty("decay") double decay,
                         @JsonProperty("momentum") double momentum,
                         @JsonProperty("epsilon") double epsilon) {
        if (learningRateSchedule == null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("GravesRmsProp: the learning rate must be positive and finite, got "
                    + learningRate);
        }
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("GravesRmsProp: decay (chi) must be in [0, 1), got " + decay);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("GravesRmsProp: momentum must be in [0, 1), got " + momentum);
        }
        if (!(epsilon > 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("GravesRmsProp: epsilon must be positive and finite, got " + epsilon
                    + "; it keeps the square root of the variance away from zero");
        }
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
        this.decay = decay;
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    public double decay() {
        return decay;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    /** Three state values per parameter: the running mean square n, the running mean g and the step Δ. */
    @Override
    public long stateSize(long numParams) {
        return 3 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        GravesRmsPropUpdater updater = new GravesRmsPropUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, new long[] {flat.length() / 3}, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        GravesRmsPropUpdater updater = new GravesRmsPropUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public GravesRmsProp clone() {
        return new GravesRmsProp(learningRate, learningRateSchedule, decay, momentum, epsilon);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GravesRmsProp)) {
            return false;
        }
        GravesRmsProp other = (GravesRmsProp) o;
        return Double.compare(learningRate, other.learningRate) == 0 && Double.compare(decay, other.decay) == 0
                && Double.compare(momentum, other.momentum) == 0 && Double.compare(epsilon, other.epsilon) == 0
                && Objects.equals(learningRateSchedule, other.learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, decay, momentum, epsilon);
    }

    @Override
    public String toString() {
        return "GravesRmsProp(lr=" + learningRate + (learningRateSchedule != null ? ", schedule=" + learningRateSchedule : "")
                + ", decay=" + decay + ", momentum=" + momentum + ", epsilon=" + epsilon + ")";
    }
}
