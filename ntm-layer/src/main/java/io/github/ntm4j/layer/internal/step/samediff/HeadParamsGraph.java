package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.HeadLayout;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmDimensions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.EnumMap;
import java.util.Map;

/**
 * The addressing parameters of every head at once, split from θ = h · Wθ + bθ and activated as in
 * {@code NTM-MATH.md} step 3 (Graves et al. 2014, section 3.3), each as a [B, R+V, ·] tensor with the heads
 * in the order read heads then write heads.
 *
 * <p>θ lays the heads side by side, each head's parts in the paper's order ({@link HeadLayout}); that layout
 * is the saved parameters' and does not change. The graph regroups θ instead: a product with a constant 0/1
 * matrix Π ({@link #regroupMatrix}), folded into Wθ and bθ by the caller once per pass, puts every head's key, erase, add, g, β, γ and shift logits in a row of its
 * own ([B, R+V, 3W+3+2S+1]), so that each activation runs once for all heads and each part is one slice. A read
 * head has no erase or add vector: its columns there are zeros, never read.
 */
final class HeadParamsGraph {
    /** Where each part sits in a head's row of the regrouped θ: k̂ [W], ê [W], â [W], ĝ, β̂, γ̂, ŝ [2S+1]. */
    private static final int KEY = 0;
    private static final int ERASE = 1;
    private static final int ADD = 2;

    /** k = act_k(k̂): [B, R+V, W]. */
    final SDVariable key;
    /** β = softplus(β̂): [B, R+V, 1]. */
    final SDVariable beta;
    /** g = sigmoid(ĝ): [B, R+V, 1]. */
    final SDVariable gate;
    /** s = softmax(ŝ): [B, R+V, 2S+1], element j+S weighs shift j. */
    final SDVariable shift;
    /** γ = 1 + softplus(γ̂): [B, R+V, 1]. */
    final SDVariable gamma;
    /** e = sigmoid(ê): [B, R+V, W]; the rows of read heads are not erase vectors. */
    final SDVariable erase;
    /** a = act_a(â): [B, R+V, W]; the rows of read heads are not add vectors. */
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
     * @param h       the controller output [B, H]
     * @param weights Wθ Π, the heads' weights regrouped ({@link #regroupMatrix}): [H, (R+V) L]
     * @param bias    bθ Π: [1, (R+V) L]
     */
    static HeadParamsGraph split(SameDiff sd, NtmDimensions d, SDVariable h, SDVariable weights, SDVariable bias,
                                 NtmActivation keyActivation, NtmActivation addActivation) {
        int width = d.memoryWidth;
        int heads = d.headCount();
        int shifts = d.shiftCount();
        // θ Π = h · (Wθ Π) + bθ Π: the regrouping is folded into the parameters, once per pass.
        SDVariable grouped = h.mmul(weights).add(bias).reshape(-1, heads, rowSize(d));
        // Each activation once over the whole regrouped θ (a few wasted columns cost nothing next to an op).
        Map<NtmActivation, SDVariable> activated = new EnumMap<>(NtmActivation.class);
        SDVariable key = part(sd, activated(sd, activated, keyActivation, grouped), KEY * width, width, heads);
        SDVariable sigmoid = activated(sd, activated, NtmActivation.SIGMOID, grouped);
        SDVariable erase = part(sd, sigmoid, ERASE * width, width, heads);
        SDVariable gate = part(sd, sigmoid, 3 * width, 1, heads);
        SDVariable add = part(sd, activated(sd, activated, addActivation, grouped), ADD * width, width, heads);
        // β̂ and γ̂ side by side through one softplus, then split apart.
        SDVariable[] betaGamma = sd.split(SdActivations.softplus(sd, part(sd, grouped, 3 * width + 1, 2, heads)), 2, 2);
        SDVariable shift = SdActivations.softmax(sd, part(sd, grouped, 3 * width + 3, shifts, heads), 2, shifts);
        return new HeadParamsGraph(key, betaGamma[0], gate, shift, betaGamma[1].add(1.0), erase, add);
    }

    private static SDVariable activated(SameDiff sd, Map<NtmActivation, SDVariable> cache, NtmActivation activation,
                                        SDVariable grouped) {
        if (activation == NtmActivation.IDENTITY) {
            return grouped;
        }
        return cache.computeIfAbsent(activation, a -> SdActivations.apply(sd, a, grouped));
    }

    /** Columns [start, start + length) of every head's row: [B, R+V, length]. */
    private static SDVariable part(SameDiff sd, SDVariable grouped, int start, int length, int heads) {
        // sd.slice, not SDVariable.get(interval): the latter's gradient is wrong at minibatch 1 in M2.1.
        return sd.slice(grouped, new int[]{0, 0, start}, -1, heads, length);
    }

    /** The length of a head's row of the regrouped θ: 3W + 3 + 2S+1. */
    static int rowSize(NtmDimensions d) {
        return 3 * d.memoryWidth + 3 + d.shiftCount();
    }

    /**
     * The constant Π [P, (R+V) L], L = {@link #rowSize}, with {@code (θ · Π)[i L + c]} = part c of head i's row:
     * k̂ at 0..W-1, ê at W..2W-1, â at 2W..3W-1 (zero for a read head), ĝ at 3W, β̂ at 3W+1, γ̂ at 3W+2, ŝ from
     * 3W+3. A product with 0/1 entries, at most one 1 per column, copies θ exactly.
     */
    static INDArray regroupMatrix(NtmDimensions d, DataType dt) {
        int width = d.memoryWidth;
        int row = rowSize(d);
        INDArray p = Nd4j.zeros(dt, d.thetaSize(), (long) d.headCount() * row);
        for (int i = 0; i < d.headCount(); i++) {
            HeadLayout head = d.head(i);
            int o = head.offset();
            int r = i * row;
            for (int c = 0; c < width; c++) {
                p.putScalar(o + head.key() + c, r + KEY * width + c, 1.0);
                if (head.isWrite()) {
                    p.putScalar(o + head.erase() + c, r + ERASE * width + c, 1.0);
                    p.putScalar(o + head.add() + c, r + ADD * width + c, 1.0);
                }
            }
            p.putScalar(o + head.gate(), r + 3 * width, 1.0);
            p.putScalar(o + head.beta(), r + 3 * width + 1, 1.0);
            p.putScalar(o + head.gamma(), r + 3 * width + 2, 1.0);
            for (int j = 0; j < d.shiftCount(); j++) {
                p.putScalar(o + head.shift() + j, r + 3 * width + 3 + j, 1.0);
            }
        }
        return p;
    }
}
