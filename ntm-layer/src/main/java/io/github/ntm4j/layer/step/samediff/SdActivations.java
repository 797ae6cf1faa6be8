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
            // Not sd.nn.hardSigmoid: libnd4j's uses the float slope 0.2f even in double precision.
            case HARD_SIGMOID: return sd.math.clipByValue(z.mul(0.2).add(0.5), 0.0, 1.0);
            case IDENTITY: return sd.identity(z);
            default: throw new AssertionError(activation);
        }
    }
}
