package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmDimensions;

/**
 * The controller (Graves et al. 2014, section 3.4; {@code NTM-MATH.md} step 2) on one example's step:
 * <ul>
 *   <li>feed-forward: {@code h = act(u · Wc + bc)};</li>
 *   <li>LSTM: {@code [i, f, o, g] = u · Wc + h_prev · Rc + bc}, i, f, o through σ and g through tanh,
 *       {@code c = f c_prev + i g}, {@code h = o tanh(c)}.</li>
 * </ul>
 * Reads u from, and records z, the gates, c and h in, the {@link FusedTape}.
 */
final class FusedController {
    private final int inputWidth;   // U = X + R*W
    private final int hs;           // H
    private final int gateWidth;    // G
    private final boolean lstm;
    private final NtmActivation activation;
    private final DeferredOuter wcGradient;   // dWc += uᵀ dz
    private final DeferredOuter rcGradient;   // dRc += h_prevᵀ dz (LSTM)
    private final double[] zScratch;          // z [G] at offset 0, where the products are summed

    FusedController(NtmDimensions d, NtmActivation activation) {
        this.inputWidth = d.controllerInputSize();
        this.hs = d.controllerSize;
        this.gateWidth = d.controllerGateSize();
        this.lstm = d.controller == ControllerType.LSTM;
        this.activation = activation;
        this.wcGradient = new DeferredOuter(inputWidth, gateWidth);
        this.rcGradient = lstm ? new DeferredOuter(hs, gateWidth) : null;
        this.zScratch = new double[gateWidth];
    }

    /**
     * @param s    step record (u already filled)
     * @param prev state record before the step (LSTM h_prev, c_prev)
     */
    void forward(FusedTape tape, int s, int prev, FusedParams p) {
        double[] z = tape.z;
        int zo = s * gateWidth;
        System.arraycopy(p.bc, 0, zScratch, 0, gateWidth);                               // z = bc
        p.addTimesWc(tape.u, s * inputWidth, zScratch);                                   // + u · Wc
        if (lstm) {
            p.addTimesRc(tape.ctrlH, prev * hs, zScratch);                                // + h_prev · Rc
        }
        System.arraycopy(zScratch, 0, z, zo, gateWidth);
        double[] h = tape.h;
        int ho = s * hs;
        if (!lstm) {
            for (int j = 0; j < hs; j++) {
                h[ho + j] = activation.apply(z[zo + j]);
            }
            return;
        }
        double[] a = tape.gates;
        for (int j = 0; j < 3 * hs; j++) {
            a[zo + j] = DenseOps.sigmoid(z[zo + j]);                                      // i, f, o
        }
        for (int j = 3 * hs; j < gateWidth; j++) {
            a[zo + j] = Fdlibm.tanh(z[zo + j]);                                           // g
        }
        int co = prev * hs;
        for (int j = 0; j < hs; j++) {
            double c = a[zo + hs + j] * tape.ctrlC[co + j] + a[zo + j] * a[zo + 3 * hs + j];  // f c_prev + i g
            double tc = Fdlibm.tanh(c);
            tape.c[ho + j] = c;
            tape.tanhC[ho + j] = tc;
            h[ho + j] = a[zo + 2 * hs + j] * tc;                                          // o tanh(c)
        }
    }

    /**
     * Backward through the controller of one step.
     *
     * @param dh     dL/dh [H] (everything that reads h: the heads, the output, the next step's LSTM)
     * @param dc     dL/dc [H] from the next step (LSTM only; ignored otherwise)
     * @param dz     scratch [G]: receives dL/dz
     * @param du     receives dL/du [U] (overwritten)
     * @param dhPrev dL/dh_prev [H], added to (LSTM only)
     * @param dcPrev dL/dc_prev [H], added to (LSTM only)
     * @param g      parameter gradients, added to (Wc and Rc only after {@link #end})
     */
    void backward(FusedTape tape, int s, int prev, FusedParams p, double[] dh, double[] dc, double[] dz,
                  double[] du, double[] dhPrev, double[] dcPrev, FusedParams g) {
        int zo = s * gateWidth;
        int ho = s * hs;
        if (!lstm) {
            for (int j = 0; j < hs; j++) {
                dz[j] = dh[j] * activation.derivative(tape.z[zo + j], tape.h[ho + j]);
            }
        } else {
            double[] a = tape.gates;
            int co = prev * hs;
            for (int j = 0; j < hs; j++) {
                double i = a[zo + j], f = a[zo + hs + j], o = a[zo + 2 * hs + j], gg = a[zo + 3 * hs + j];
                double tc = tape.tanhC[ho + j];
                double dcj = dc[j] + dh[j] * o * (1 - tc * tc);      // through h = o tanh(c)
                double dO = dh[j] * tc;
                dcPrev[j] += dcj * f;
                dz[j] = dcj * gg * i * (1 - i);                       // i
                dz[hs + j] = dcj * tape.ctrlC[co + j] * f * (1 - f);  // f
                dz[2 * hs + j] = dO * o * (1 - o);                    // o
                dz[3 * hs + j] = dcj * i * (1 - gg * gg);             // g
            }
            rcGradient.add(tape.ctrlH, prev * hs, dz, 0);                     // dRc += h_prevᵀ dz
            p.addRcTimes(dz, dhPrev);                                                  // dh_prev += Rc dz
        }
        DenseOps.add(dz, 0, g.bc, 0, gateWidth);                                       // dbc += dz
        wcGradient.add(tape.u, s * inputWidth, dz, 0);                       // dWc += uᵀ dz
        java.util.Arrays.fill(du, 0, inputWidth, 0);
        p.addWcTimes(dz, du);                                                       // du = Wc dz
    }

    /** Starts a backward pass that adds the weight gradients to g's (which {@link #end} updates). */
    void begin(FusedParams g) {
        wcGradient.begin(g.wc, 0);
        if (lstm) {
            rcGradient.begin(g.rc, 0);
        }
    }

    /** Adds the weight gradients still held back by {@link #backward}. Call at the end of each example. */
    void flush() {
        wcGradient.flush();
        if (lstm) {
            rcGradient.flush();
        }
    }

    /** Ends the backward pass: g's weight gradients hold everything added since {@link #begin}. */
    void end(FusedParams g) {
        wcGradient.end(g.wc, 0);
        if (lstm) {
            rcGradient.end(g.rc, 0);
        }
    }
}
