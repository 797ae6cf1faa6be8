package io.github.ntm4j.layer;

import io.github.ntm4j.layer.internal.step.fused.Fdlibm;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

/**
 * The element-wise activations an {@link NtmLayer} offers for its controller, its keys and its add
 * vectors.
 *
 * <p>A closed set on purpose: every path that computes the NTM step (the portable SameDiff graph and
 * the fused CPU kernel) must implement each one identically, so each constant carries its scalar
 * forward function and its derivative here, and the SameDiff path maps each constant to one op.
 */
public enum NtmActivation {
    /** max(0, z). NTM-Lasagne's controller default: it generalised better than tanh. */
    RELU,
    /** tanh(z). The default for keys and add vectors (Collier &amp; Beel). */
    TANH,
    /** 1 / (1 + e^-z). */
    SIGMOID,
    /** clip(0.2 z + 0.5, 0, 1), as DL4J's and Theano's hard sigmoid. */
    HARD_SIGMOID,
    /** z. */
    IDENTITY;

    /**
     * The same function as DL4J's {@link IActivation}, for what DL4J reports about a layer (its UI, JSON);
     * the NTM's own paths compute {@link #apply} and {@link #derivative}, not this.
     */
    public IActivation toDl4j() {
        switch (this) {
            case RELU: return Activation.RELU.getActivationFunction();
            case TANH: return Activation.TANH.getActivationFunction();
            case SIGMOID: return Activation.SIGMOID.getActivationFunction();
            case HARD_SIGMOID: return Activation.HARDSIGMOID.getActivationFunction();
            case IDENTITY: return Activation.IDENTITY.getActivationFunction();
            default: throw new AssertionError(this);
        }
    }

    /** Returns the activation of the pre-activation {@code z}. */
    public double apply(double z) {
        switch (this) {
            case RELU: return z > 0 ? z : 0;
            case TANH: return Fdlibm.tanh(z);                   // = Math.tanh, bit for bit, without JDK 17's native call
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-z));
            case HARD_SIGMOID: return Math.min(1.0, Math.max(0.0, 0.2 * z + 0.5));
            case IDENTITY: return z;
            default: throw new AssertionError(this);
        }
    }

    /**
     * Returns d act / d z at the pre-activation {@code z} whose activation is {@code y}.
     * Both are passed so that each case uses whichever is cheaper.
     */
    public double derivative(double z, double y) {
        switch (this) {
            case RELU: return z > 0 ? 1 : 0;
            case TANH: return 1 - y * y;
            case SIGMOID: return y * (1 - y);
            case HARD_SIGMOID: return (z > -2.5 && z < 2.5) ? 0.2 : 0;
            case IDENTITY: return 1;
            default: throw new AssertionError(this);
        }
    }
}
