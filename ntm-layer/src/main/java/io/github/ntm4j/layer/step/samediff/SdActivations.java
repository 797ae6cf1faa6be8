package io.github.ntm4j.layer.step.samediff;

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
            case HARD_SIGMOID: return sd.nn.hardSigmoid(z);
            case IDENTITY: return sd.identity(z);
            default: throw new AssertionError(activation);
        }
    }
}
