package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmDimensions;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;


/** The controller (Graves et al. 2014, section 3.4) as SameDiff ops. */
final class ControllerGraph {
    /** h [B, H], and for an LSTM also c [B, H] (null for feed-forward). */
    final SDVariable h;
    final SDVariable c;

    private ControllerGraph(SDVariable h, SDVariable c) {
        this.h = h;
        this.c = c;
    }

    /**
     * @param u       the controller input with a 1 appended, {@code [x ; r_1 ; ... ; r_R ; 1]}, and for an LSTM
     *                {@code [x ; r_1 ; ... ; r_R ; h_prev ; 1]}: [B, X+R*W+1] or [B, X+R*W+H+1]
     * @param weights the matching stack {@code [Wc ; bc]} or {@code [Wc ; Rc ; bc]}
     *                ({@link NtmCellGraph#CONTROLLER_WEIGHTS}), so that the bias and the recurrent term are in
     *                the one product
     * @param cPrev   LSTM c of the last step [B, H] (null for feed-forward)
     */
    static ControllerGraph build(SameDiff sd, NtmDimensions d, NtmActivation activation, SDVariable weights,
                                 SDVariable u, SDVariable cPrev) {
        SDVariable z = u.mmul(weights);
        if (d.controller == ControllerType.FEED_FORWARD) {
            // h = act(u · Wc + bc)
            return new ControllerGraph(SdActivations.apply(sd, activation, z), null);
        }
        // gates [i, f, o, g] = u · Wc + h_prev · Rc + bc
        int hs = d.controllerSize;
        // One sigmoid over all four blocks (the g block's is not used): an op less than one per gate.
        SDVariable gates = sd.nn.sigmoid(z);
        SDVariable i = sd.slice(gates, new int[]{0, 0}, -1, hs);
        SDVariable f = sd.slice(gates, new int[]{0, hs}, -1, hs);
        SDVariable o = sd.slice(gates, new int[]{0, 2 * hs}, -1, hs);
        SDVariable g = sd.math.tanh(sd.slice(z, new int[]{0, 3 * hs}, -1, hs));
        SDVariable c = f.mul(cPrev).add(i.mul(g));
        SDVariable h = o.mul(sd.math.tanh(c));
        return new ControllerGraph(h, c);
    }
}
