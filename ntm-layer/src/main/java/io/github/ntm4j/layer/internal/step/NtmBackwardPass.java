package io.github.ntm4j.layer.internal.step;

import io.github.ntm4j.layer.NtmState;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;
import java.util.function.Supplier;

/** What {@link NtmPath#backward} returns besides the parameter gradients it writes. */
public final class NtmBackwardPass {
    /** Writes dL/dx [B, X, T] into an array the given allocator makes. */
    private final Function<ArrayAllocator, INDArray> inputGradient;
    /** Makes dL/d(initial state) on first request: only a learned initial state needs it. */
    private Supplier<NtmState> initialStateSupplier;
    private NtmState initialStateGradient;

    public NtmBackwardPass(INDArray inputGradient, NtmState initialStateGradient) {
        this(allocator -> ArrayAllocator.copy(inputGradient, allocator), () -> initialStateGradient);
    }

    /**
     * @param inputGradient        writes dL/dx into an array the allocator makes, in the allocator's data type if
     *                             it differs from the path's
     * @param initialStateGradient makes dL/d(initial state); called at most once, on first request. A path
     *                             whose buffers the next pass reuses must check, in both, that they still hold
     *                             this pass.
     */
    public NtmBackwardPass(Function<ArrayAllocator, INDArray> inputGradient, Supplier<NtmState> initialStateGradient) {
        this.inputGradient = inputGradient;
        this.initialStateSupplier = initialStateGradient;
    }

    /** dL/dx [B, X, T], detached. */
    public INDArray inputGradient() {
        return inputGradient(ArrayAllocator.DETACHED);
    }

    /** dL/dx [B, X, T], in a new array made by {@code allocator} (each call makes one). */
    public INDArray inputGradient(ArrayAllocator allocator) {
        return inputGradient.apply(allocator);
    }

    /** dL/d(initial state). */
    public NtmState initialStateGradient() {
        if (initialStateGradient == null) {
            initialStateGradient = initialStateSupplier.get();
            initialStateSupplier = null;
        }
        return initialStateGradient;
    }
}
