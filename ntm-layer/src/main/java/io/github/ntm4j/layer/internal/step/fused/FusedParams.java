package io.github.ntm4j.layer.internal.step.fused;

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

    /*
     * Transposed copies of the weights, made by load() for the backward pass: W·d as a sum of W's transposed
     * rows scaled by d's elements runs over contiguous memory (so the JIT vectorises it) and skips the rows of
     * zero elements (a ReLU controller's inactive units). The gradient instances never load, so never have them.
     */
    /** Wcᵀ: [G, X+R*W]. */
    private double[] wcT;
    /** Rcᵀ: [4H, H], LSTM only. */
    private double[] rcT;
    /** Whᵀ: [P, H]. */
    private double[] whT;
    private final int inputs, gates, hs, thetaWidth;

    FusedParams(NtmDimensions d) {
        int g = d.controllerGateSize();
        inputs = d.controllerInputSize();
        gates = g;
        hs = d.controllerSize;
        thetaWidth = d.thetaSize();
        wc = new double[inputs * g];
        rc = d.controller == ControllerType.LSTM ? new double[hs * g] : null;
        bc = new double[g];
        wh = new double[hs * thetaWidth];
        bh = new double[thetaWidth];
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
        wcT = transpose(wc, inputs, gates, wcT);
        if (rc != null) {
            rcT = transpose(rc, hs, gates, rcT);
        }
        whT = transpose(wh, hs, thetaWidth, whT);
    }

    /** {@code out += Wc · dz}: dz [G], out [X+R*W]. Only after {@link #load}. */
    void addWcTimes(double[] dz, double[] out) {
        DenseOps.addVecMat(dz, 0, gates, wcT, 0, inputs, out, 0);
    }

    /** {@code out += Rc · dz}: dz [4H], out [H]. Only after {@link #load}, LSTM only. */
    void addRcTimes(double[] dz, double[] out) {
        DenseOps.addVecMat(dz, 0, gates, rcT, 0, hs, out, 0);
    }

    /** {@code out += Wh · dθ}: dθ [P], out [H]. Only after {@link #load}. */
    void addWhTimes(double[] dTheta, double[] out) {
        DenseOps.addVecMat(dTheta, 0, thetaWidth, whT, 0, hs, out, 0);
    }

    /** The transpose of row-major m [rows, cols], into {@code out} when it is there already. */
    private static double[] transpose(double[] m, int rows, int cols, double[] out) {
        double[] t = out != null ? out : new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
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
