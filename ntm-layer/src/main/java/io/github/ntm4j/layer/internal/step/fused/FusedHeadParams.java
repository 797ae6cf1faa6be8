package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.HeadLayout;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmDimensions;

/**
 * Every head's parameters from θ = h · Wθ + bθ, split by {@link HeadLayout} and activated as in
 * {@code NTM-MATH.md} step 3: {@code k = act_k(k̂)}, {@code β = softplus(β̂)}, {@code g = σ(ĝ)},
 * {@code s = softmax(ŝ)}, {@code γ = 1 + softplus(γ̂)}, {@code e = σ(ê)}, {@code a = act_a(â)}.
 * The activated θ keeps θ̂'s layout, so {@code offset + layout.beta()} finds β in either.
 */
final class FusedHeadParams {
    private final NtmDimensions d;
    private final NtmActivation keyActivation;
    private final NtmActivation addActivation;
    private final int thetaWidth;   // P
    private final DeferredOuter whGradient;   // dWh += hᵀ dθ̂
    private final double[] rawScratch;        // θ̂ [P] at offset 0, where h · Wh is summed

    FusedHeadParams(NtmDimensions d, NtmActivation keyActivation, NtmActivation addActivation) {
        this.d = d;
        this.keyActivation = keyActivation;
        this.addActivation = addActivation;
        this.thetaWidth = d.thetaSize();
        this.whGradient = new DeferredOuter(d.controllerSize, thetaWidth);
        this.rawScratch = new double[thetaWidth];
    }

    /** θ̂ = h · Wh + bh, then every head's activations into {@code tape.theta}. */
    void forward(FusedTape tape, int s, FusedParams p) {
        int to = s * thetaWidth;
        double[] raw = tape.thetaHat;
        System.arraycopy(p.bh, 0, rawScratch, 0, thetaWidth);
        p.addTimesWh(tape.h, s * d.controllerSize, rawScratch);
        System.arraycopy(rawScratch, 0, raw, to, thetaWidth);
        double[] th = tape.theta;
        int width = d.memoryWidth;
        for (int i = 0; i < d.headCount(); i++) {
            HeadLayout head = d.head(i);
            int o = to + head.offset();
            for (int j = 0; j < width; j++) {
                th[o + head.key() + j] = keyActivation.apply(raw[o + head.key() + j]);
            }
            th[o + head.beta()] = DenseOps.softplus(raw[o + head.beta()]);
            th[o + head.gate()] = DenseOps.sigmoid(raw[o + head.gate()]);
            DenseOps.softmax(raw, o + head.shift(), th, o + head.shift(), d.shiftCount());
            th[o + head.gamma()] = 1.0 + DenseOps.softplus(raw[o + head.gamma()]);
            if (head.isWrite()) {
                for (int j = 0; j < width; j++) {
                    th[o + head.erase() + j] = DenseOps.sigmoid(raw[o + head.erase() + j]);
                    th[o + head.add() + j] = addActivation.apply(raw[o + head.add() + j]);
                }
            }
        }
    }

    /**
     * Backward through the activations and θ̂ = h · Wh + bh.
     *
     * @param dTheta    dL/dθ (activated) [P]; overwritten with dL/dθ̂
     * @param dh        dL/dh [H], added to
     * @param g         parameter gradients (Wh, bh), added to (Wh only after {@link #end})
     */
    void backward(FusedTape tape, int s, FusedParams p, double[] dTheta, double[] dh, FusedParams g) {
        int to = s * thetaWidth;
        double[] raw = tape.thetaHat;
        double[] th = tape.theta;
        int width = d.memoryWidth;
        for (int i = 0; i < d.headCount(); i++) {
            HeadLayout head = d.head(i);
            int o = head.offset();
            for (int j = 0; j < width; j++) {
                int k = o + head.key() + j;
                dTheta[k] *= keyActivation.derivative(raw[to + k], th[to + k]);
            }
            dTheta[o + head.beta()] *= DenseOps.sigmoid(raw[to + o + head.beta()]);      // softplus' = σ
            double gate = th[to + o + head.gate()];
            dTheta[o + head.gate()] *= gate * (1 - gate);
            DenseOps.softmaxBackward(th, to + o + head.shift(), dTheta, o + head.shift(), dTheta, o + head.shift(),
                    d.shiftCount());
            dTheta[o + head.gamma()] *= DenseOps.sigmoid(raw[to + o + head.gamma()]);
            if (head.isWrite()) {
                for (int j = 0; j < width; j++) {
                    int e = o + head.erase() + j;
                    dTheta[e] *= th[to + e] * (1 - th[to + e]);
                    int a = o + head.add() + j;
                    dTheta[a] *= addActivation.derivative(raw[to + a], th[to + a]);
                }
            }
        }
        DenseOps.add(dTheta, 0, g.bh, 0, thetaWidth);                                             // dbh += dθ̂
        whGradient.add(tape.h, s * d.controllerSize, dTheta, 0);                      // dWh += hᵀ dθ̂
        p.addWhTimes(dTheta, dh);                                                                 // dh += Wh dθ̂
    }

    /** Starts a backward pass that adds the Wh gradient to g's (which {@link #end} updates). */
    void begin(FusedParams g) {
        whGradient.begin(g.wh, 0);
    }

    /** Adds the Wh gradient still held back by {@link #backward}. Call at the end of each example. */
    void flush() {
        whGradient.flush();
    }

    /** Ends the backward pass: g's Wh gradient holds everything added since {@link #begin}. */
    void end(FusedParams g) {
        whGradient.end(g.wh, 0);
    }
}
