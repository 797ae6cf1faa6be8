package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmParams;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * The step parameters of {@link NtmParams} (Wc, Rc, bc, Wh, bh) as row-major {@code double[]}, one per
 * key of {@link NtmParams#stepShapes} in its shape. Used both for the parameters and for their gradients.
 * The learned initial state (M0, w0, r0) is not here: the runtime handles it from the initial-state gradient.
 */
final class FusedParams {
    /** The keys of {@link NtmParams#stepShapes}, in its order, and each one's values. */
    private final String[] keys;
    private final double[][] values;

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
     * The weights as arrays of rows, and their transposes, made by load(): v·W as a sum of W's rows scaled by v's
     * elements runs over contiguous memory at offset 0, which the JIT vectorises (DenseOps.addVecRows), and skips
     * the rows of zero elements (a ReLU controller's inactive units); the transposes do the same for W·d in the
     * backward pass. The gradient instances never load, so never have them.
     */
    /** Wc: [X+R*W][G]; Wcᵀ: [G][X+R*W]. */
    private double[][] wcRows, wcTRows;
    /** Rc: [H][4H]; Rcᵀ: [4H][H]; LSTM only. */
    private double[][] rcRows, rcTRows;
    /** Wh: [H][P]; Whᵀ: [P][H]. */
    private double[][] whRows, whTRows;
    private final int inputs, gates, hs, thetaWidth;

    FusedParams(NtmDimensions d) {
        Map<String, long[]> shapes = NtmParams.stepShapes(d);
        keys = shapes.keySet().toArray(new String[0]);
        values = new double[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            long[] shape = shapes.get(keys[i]);
            values[i] = new double[Math.toIntExact(shape[0] * shape[1])];
        }
        inputs = d.controllerInputSize();
        gates = d.controllerGateSize();
        hs = d.controllerSize;
        thetaWidth = d.thetaSize();
        wc = values(NtmParams.CONTROLLER_WEIGHTS);
        rc = values(NtmParams.CONTROLLER_RECURRENT_WEIGHTS);
        bc = values(NtmParams.CONTROLLER_BIAS);
        wh = values(NtmParams.HEAD_WEIGHTS);
        bh = values(NtmParams.HEAD_BIAS);
    }

    /** The values of parameter {@code key}, or null if this layer has no such parameter. */
    private double[] values(String key) {
        int i = Arrays.asList(keys).indexOf(key);
        return i < 0 ? null : values[i];
    }

    /** Copies the parameters in from their views. */
    void load(Map<String, INDArray> params) {
        for (int i = 0; i < keys.length; i++) {
            NdBridge.copyIn(params.get(keys[i]), values[i]);
        }
        wcRows = rows(wc, inputs, gates, wcRows);
        wcTRows = transpose(wc, inputs, gates, wcTRows);
        if (rc != null) {
            rcRows = rows(rc, hs, gates, rcRows);
            rcTRows = transpose(rc, hs, gates, rcTRows);
        }
        whRows = rows(wh, hs, thetaWidth, whRows);
        whTRows = transpose(wh, hs, thetaWidth, whTRows);
    }

    /** {@code out += u · Wc}: u [X+R*W] at uo, out [G] at 0. Only after {@link #load}. */
    void addTimesWc(double[] u, int uo, double[] out) {
        DenseOps.addVecRows(u, uo, inputs, wcRows, out, gates);
    }

    /** {@code out += h · Rc}: h [H] at ho, out [4H] at 0. Only after {@link #load}, LSTM only. */
    void addTimesRc(double[] h, int ho, double[] out) {
        DenseOps.addVecRows(h, ho, hs, rcRows, out, gates);
    }

    /** {@code out += h · Wh}: h [H] at ho, out [P] at 0. Only after {@link #load}. */
    void addTimesWh(double[] h, int ho, double[] out) {
        DenseOps.addVecRows(h, ho, hs, whRows, out, thetaWidth);
    }

    /** {@code out += Wc · dz}: dz [G], out [X+R*W]. Only after {@link #load}. */
    void addWcTimes(double[] dz, double[] out) {
        DenseOps.addVecRows(dz, 0, gates, wcTRows, out, inputs);
    }

    /** {@code out += Rc · dz}: dz [4H], out [H]. Only after {@link #load}, LSTM only. */
    void addRcTimes(double[] dz, double[] out) {
        DenseOps.addVecRows(dz, 0, gates, rcTRows, out, hs);
    }

    /** {@code out += Wh · dθ}: dθ [P], out [H]. Only after {@link #load}. */
    void addWhTimes(double[] dTheta, double[] out) {
        DenseOps.addVecRows(dTheta, 0, thetaWidth, whTRows, out, hs);
    }

    /** Row-major m [rows, cols] as an array of rows, into {@code out} when it is there already. */
    private static double[][] rows(double[] m, int rows, int cols, double[][] out) {
        double[][] r = out != null ? out : new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m, i * cols, r[i], 0, cols);
        }
        return r;
    }

    /** The transpose of row-major m [rows, cols] as an array of its cols rows, into {@code out} when it is there. */
    private static double[][] transpose(double[] m, int rows, int cols, double[][] out) {
        double[][] t = out != null ? out : new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** Overwrites the gradient view of every step parameter with these values. */
    void store(Map<String, INDArray> views) {
        for (int i = 0; i < keys.length; i++) {
            NdBridge.write(values[i], views.get(keys[i]));
        }
    }

    void clear() {
        for (double[] v : values) {
            Arrays.fill(v, 0);
        }
    }

    /** this += other (summing per-thread gradients); both made for the same dimensions. */
    void add(FusedParams other) {
        for (int i = 0; i < values.length; i++) {
            DenseOps.add(other.values[i], 0, values[i], 0, values[i].length);
        }
    }
}
