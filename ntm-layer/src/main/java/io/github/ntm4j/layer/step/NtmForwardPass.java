package io.github.ntm4j.layer.step;

import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.inspect.NtmTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What {@link NtmPath#forward} returns: the output, the final state, and what the backward pass needs. */
public final class NtmForwardPass {
    /** y: [B, H+R*W, T]. */
    public final INDArray output;
    /** The state after the last step (for a padded example: after its last real step). */
    public final NtmState finalState;
    /** The per-step trace, or null when inspection was off. */
    public final NtmTrace trace;
    /** Path-specific data for the backward pass; null unless the forward pass ran for backprop. */
    final Object saved;

    public NtmForwardPass(INDArray output, NtmState finalState, NtmTrace trace, Object saved) {
        this.output = output;
        this.finalState = finalState;
        this.trace = trace;
        this.saved = saved;
    }

    /** The path-specific data, checked to be of the expected type. */
    public <T> T saved(Class<T> type) {
        if (!type.isInstance(saved)) {
            throw new IllegalStateException("this forward pass was not run for backprop by " + type.getSimpleName());
        }
        return type.cast(saved);
    }
}
