package io.github.ntm4j.layer.internal.step;

import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.inspect.NtmTrace;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;
import java.util.function.Supplier;

/** What {@link NtmPath#forward} returns: the output, the final state, and what the backward pass needs. */
public final class NtmForwardPass {
    /** Writes y [B, H+R*W, T] into an array the given allocator makes. */
    private final Function<ArrayAllocator, INDArray> output;
    /** Makes the final state on first request: most forward passes (all of plain training) never need it. */
    private Supplier<NtmState> finalStateSupplier;
    private NtmState finalState;
    /** The per-step trace, or null when inspection was off. */
    public final NtmTrace trace;
    /** Path-specific data for the backward pass; null unless the forward pass ran for backprop. */
    final Object saved;

    public NtmForwardPass(INDArray output, NtmState finalState, NtmTrace trace, Object saved) {
        this(allocator -> ArrayAllocator.copy(output, allocator), () -> finalState, trace, saved);
    }

    /**
     * @param output     writes the output into an array the allocator makes, in the allocator's data type if
     *                   it differs from the path's. A path whose buffers the next pass reuses must check that
     *                   they still hold this pass.
     * @param finalState makes the final state; called at most once, and only if {@link #finalState()} is
     *                   called, with the same check
     */
    public NtmForwardPass(Function<ArrayAllocator, INDArray> output, Supplier<NtmState> finalState, NtmTrace trace,
                          Object saved) {
        this.output = output;
        this.finalStateSupplier = finalState;
        this.trace = trace;
        this.saved = saved;
    }

    /** y [B, H+R*W, T], detached. */
    public INDArray output() {
        return output(ArrayAllocator.DETACHED);
    }

    /** y [B, H+R*W, T], in a new array made by {@code allocator} (each call makes one). */
    public INDArray output(ArrayAllocator allocator) {
        return output.apply(allocator);
    }

    /** The state after the last step (for a padded example: after its last real step). */
    public NtmState finalState() {
        if (finalState == null) {
            finalState = finalStateSupplier.get();
            finalStateSupplier = null;
        }
        return finalState;
    }

    /** The path-specific data, checked to be of the expected type. */
    public <T> T saved(Class<T> type) {
        if (!type.isInstance(saved)) {
            throw new IllegalStateException("this forward pass was not run for backprop by " + type.getSimpleName());
        }
        return type.cast(saved);
    }
}
