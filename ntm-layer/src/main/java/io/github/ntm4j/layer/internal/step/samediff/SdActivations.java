package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.NtmActivation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Maps each {@link NtmActivation} to its SameDiff op. */
final class SdActivations {
    private SdActivations() {
    }

    static SDVariable apply(SameDiff sd, NtmActivation activation, SDVariable z) {
        switch (activation) {
            case RELU: return sd.nn.relu(z, 0.0);
            case TANH: return sd.math.tanh(z);
            case SIGMOID: return sd.nn.sigmoid(z);
            // Not sd.nn.hardSigmoid: libnd4j's uses the float slope 0.2f even in double precision.
            case HARD_SIGMOID: return sd.math.clipByValue(z.mul(0.2).add(0.5), 0.0, 1.0);
            case IDENTITY: return z;
            default: throw new AssertionError(activation);
        }
    }

    /**
     * softmax over the last axis of {@code logits}, with each row's maximum subtracted first. libnd4j's
     * softmax (M2.1) does not do that for every shape: measured, a 1 x 3 row of logits near -3220 gives the
     * right answer and the same row in a 2 x 3 minibatch gives NaN (every e^z underflows to 0, then 0/0).
     * Subtracting the maximum changes nothing mathematically, and its gradient is 0 up to rounding.
     *
     * <p>A softmax over K = 1 logit is identically 1 with zero gradient, and is built as exactly that
     * ({@code onesLike}, whose gradient is zeros): the maximum above is a reduce op, which SameDiff (M2.1)
     * cannot run over an axis of size 1 (see {@link #sum}). This is the case of a memory of one row (N = 1,
     * for the content weights and the sharpening) and of shift range 0 (one shift).
     *
     * @param logits [..., K]
     * @param axis   the axis to normalise over, of size K
     * @param size   K
     * @return the shape of {@code logits}
     */
    static SDVariable softmax(SameDiff sd, SDVariable logits, int axis, long size) {
        if (size == 1) {
            return sd.onesLike(logits);
        }
        return sd.nn.softmax(logits.sub(logits.max(true, axis)), axis);
    }

    /**
     * softplus(z) = log(1 + e^z), computed as max(z, 0) + softplus(-|z|) so that it cannot overflow. libnd4j's
     * softplus takes e^z directly: infinite from z ≈ 89 in float (710 in double), which makes β or γ infinite and
     * every weighting NaN; at -|z| <= 0 its e^z is at most 1.
     */
    static SDVariable softplus(SameDiff sd, SDVariable z) {
        return sd.nn.relu(z, 0.0).add(sd.nn.softplus(sd.math.abs(z).neg()));
    }

    /**
     * {@code v.sum(dim)} for an axis of {@code size} elements. SameDiff (M2.1) fails on a sum over an axis
     * of size 1 (a NullPointerException inside the reduce op, seen with W = 1, N = 1 or S = 0), so such an
     * axis is squeezed away instead: the same value.
     */
    static SDVariable sum(SameDiff sd, SDVariable v, int dim, long size) {
        return size == 1 ? sd.squeeze(v, dim) : v.sum(dim);
    }
}
