package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.HeadLayout;
import io.github.ntm4j.layer.NtmActivation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One head's addressing parameters, split from θ = h · Wθ + bθ and activated as in
 * {@code NTM-MATH.md} step 3 (Graves et al. 2014, section 3.3).
 */
final class HeadParamsGraph {
    /** k = act_k(k̂): [B, W]. */
    final SDVariable key;
    /** β = softplus(β̂): [B, 1]. */
    final SDVariable beta;
    /** g = sigmoid(ĝ): [B, 1]. */
    final SDVariable gate;
    /** s = softmax(ŝ): [B, 2S+1], element j+S weighs shift j. */
    final SDVariable shift;
    /** γ = 1 + softplus(γ̂): [B, 1]. */
    final SDVariable gamma;
    /** e = sigmoid(ê): [B, W]; write heads only. */
    final SDVariable erase;
    /** a = act_a(â): [B, W]; write heads only. */
    final SDVariable add;

    private HeadParamsGraph(SDVariable key, SDVariable beta, SDVariable gate, SDVariable shift, SDVariable gamma,
                            SDVariable erase, SDVariable add) {
        this.key = key;
        this.beta = beta;
        this.gate = gate;
        this.shift = shift;
        this.gamma = gamma;
        this.erase = erase;
        this.add = add;
    }

    /**
     * @param theta every head's θ side by side: [B, P]
     */
    static HeadParamsGraph split(SameDiff sd, HeadLayout head, int memoryWidth, int shiftCount, SDVariable theta,
                                 NtmActivation keyActivation, NtmActivation addActivation) {
        int o = head.offset();
        // sd.slice, not SDVariable.get(interval): the latter's gradient is wrong at minibatch 1 in M2.1.
        SDVariable key = SdActivations.apply(sd, keyActivation, column(sd, theta, o + head.key(), memoryWidth));
        SDVariable beta = SdActivations.softplus(sd, column(sd, theta, o + head.beta(), 1));
        SDVariable gate = sd.nn.sigmoid(column(sd, theta, o + head.gate(), 1));
        SDVariable shift = SdActivations.softmax(sd, column(sd, theta, o + head.shift(), shiftCount), shiftCount);
        SDVariable gamma = SdActivations.softplus(sd, column(sd, theta, o + head.gamma(), 1)).add(1.0);
        SDVariable erase = null;
        SDVariable add = null;
        if (head.isWrite()) {
            erase = sd.nn.sigmoid(column(sd, theta, o + head.erase(), memoryWidth));
            add = SdActivations.apply(sd, addActivation, column(sd, theta, o + head.add(), memoryWidth));
        }
        return new HeadParamsGraph(key, beta, gate, shift, gamma, erase, add);
    }

    private static SDVariable column(SameDiff sd, SDVariable theta, int start, int length) {
        return sd.slice(theta, new int[]{0, start}, -1, length);
    }
}
