package io.github.ntm4j.layer.internal.step;

import io.github.ntm4j.layer.NtmState;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * One way of computing the NTM over a sequence: forward, and backward through time. Two
 * implementations compute the same {@code NTM-MATH.md} step: the portable SameDiff graph
 * ({@code step.samediff}) and the fused CPU kernel ({@code step.fused}). Both read the same
 * parameter layout ({@link io.github.ntm4j.layer.NtmParams}) and state layout ({@link NtmState}).
 *
 * <p>Arrays are in the layer's data type and NCW order: input x [B, X, T], output y [B, H+R*W, T],
 * mask [B, T] (1 = real step, 0 = padding).
 */
public interface NtmPath {

    /**
     * Runs the NTM over every step of {@code x}.
     *
     * @param params       the layer's parameters by {@link io.github.ntm4j.layer.NtmParams} key
     * @param x            input [B, X, T]
     * @param mask         [B, T], or null for no padding. A masked step leaves the state unchanged and outputs zero.
     * @param initial      the state before the first step
     * @param forBackprop  keep what {@link #backward} needs
     * @param inspect      record the per-step trace of the heads
     */
    NtmForwardPass forward(Map<String, INDArray> params, INDArray x, INDArray mask, NtmState initial,
                           boolean forBackprop, boolean inspect);

    /**
     * Backpropagates through time from {@code dLdy}, and writes (overwrites) the parameter gradients into
     * {@code gradViews}. The gradient flowing out of the final state is taken as zero.
     *
     * @param fwd       a forward pass made with {@code forBackprop}
     * @param dLdy      dL/dy [B, H+R*W, T]
     * @param firstStep the earliest step gradients flow into (truncated BPTT); 0 for full BPTT
     * @param gradViews the layer's gradient views by parameter key: written, not added to
     * @return dL/dx [B, X, T] (zero before {@code firstStep}) and dL/d(initial state)
     */
    NtmBackwardPass backward(NtmForwardPass fwd, INDArray dLdy, int firstStep, Map<String, INDArray> gradViews);
}
