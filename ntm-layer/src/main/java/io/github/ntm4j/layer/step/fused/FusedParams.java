package io.github.ntm4j.layer.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmParams;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The step parameters of {@link NtmParams} (Wc, Rc, bc, Wh, bh) as row-major {@code double[]}, in the
 * shapes NtmParams gives them. Used both for the parameters and for their gradients. The learned
 * initial state (M0, w0, r0) is not here: the runtime handles it from the initial-state gradient.
 */
final class FusedParams {
    /** Wc: [X+R*W, G]. */
    final double[] wc;
    /** Rc: [H, 4H], LSTM only (else null). */
    final double[] rc;
    /** bc: [G]. */
    final double[] bc;
    /** Wh: [H, P], every head's Wθ side by side. */
    final double[] wh;
    /** bh: [P]. */
    final double[] bh;

    FusedParams(NtmDimensions d) {
        int g = d.controllerGateSize();
        wc = new double[d.controllerInputSize() * g];
        rc = d.controller == ControllerType.LSTM ? new double[d.controllerSize * g] : null;
        bc = new double[g];
        wh = new double[d.controllerSize * d.thetaSize()];
        bh = new double[d.thetaSize()];
    }

    /** Copies the parameters in from their views. */
    void load(Map<String, INDArray> params) {
        NdBridge.copyIn(params.get(NtmParams.CONTROLLER_WEIGHTS), wc);
        if (rc != null) {
            NdBridge.copyIn(params.get(NtmParams.CONTROLLER_RECURRENT_WEIGHTS), rc);
        }
        NdBridge.copyIn(params.get(NtmParams.CONTROLLER_BIAS), bc);
        NdBridge.copyIn(params.get(NtmParams.HEAD_WEIGHTS), wh);
        NdBridge.copyIn(params.get(NtmParams.HEAD_BIAS), bh);
    }

    /** Overwrites the gradient views of Wc, Rc, bc, Wh, bh with these values. */
    void store(Map<String, INDArray> views) {
        NdBridge.write(wc, views.get(NtmParams.CONTROLLER_WEIGHTS));
        if (rc != null) {
            NdBridge.write(rc, views.get(NtmParams.CONTROLLER_RECURRENT_WEIGHTS));
        }
        NdBridge.write(bc, views.get(NtmParams.CONTROLLER_BIAS));
        NdBridge.write(wh, views.get(NtmParams.HEAD_WEIGHTS));
        NdBridge.write(bh, views.get(NtmParams.HEAD_BIAS));
    }

    void clear() {
        java.util.Arrays.fill(wc, 0);
        if (rc != null) {
            java.util.Arrays.fill(rc, 0);
        }
        java.util.Arrays.fill(bc, 0);
        java.util.Arrays.fill(wh, 0);
        java.util.Arrays.fill(bh, 0);
    }

    /** this += other (summing per-thread gradients). */
    void add(FusedParams other) {
        DenseOps.add(other.wc, 0, wc, 0, wc.length);
        if (rc != null) {
            DenseOps.add(other.rc, 0, rc, 0, rc.length);
        }
        DenseOps.add(other.bc, 0, bc, 0, bc.length);
        DenseOps.add(other.wh, 0, wh, 0, wh.length);
        DenseOps.add(other.bh, 0, bh, 0, bh.length);
    }
}
