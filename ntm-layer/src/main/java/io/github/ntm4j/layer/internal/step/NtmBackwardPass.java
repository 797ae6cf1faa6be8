package io.github.ntm4j.layer.internal.step;

import io.github.ntm4j.layer.NtmState;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What {@link NtmPath#backward} returns besides the parameter gradients it writes. */
public final class NtmBackwardPass {
    /** dL/dx: [B, X, T]. */
    public final INDArray inputGradient;
    /** dL/d(initial state), for a learned initial state. */
    public final NtmState initialStateGradient;

    public NtmBackwardPass(INDArray inputGradient, NtmState initialStateGradient) {
        this.inputGradient = inputGradient;
        this.initialStateGradient = initialStateGradient;
    }
}
