package io.github.ntm4j.layer.runtime;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** The checks every input of an {@code NtmLayer} passes, each failing with a message that names the fix. */
final class NtmInputChecks {
    private NtmInputChecks() {
    }

    /** Input must be [B, nIn, T] (NCW) or [B, T, nIn] (NWC). */
    static void checkInput(INDArray input, long nIn, RNNFormat format, String layerId) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("NtmLayer " + layerId + ": expected rank-3 input "
                    + (format == RNNFormat.NWC ? "[minibatch, timeSteps, nIn=" + nIn + "]" : "[minibatch, nIn=" + nIn + ", timeSteps]")
                    + " (" + format + "), got rank " + input.rank() + " with shape " + Arrays.toString(input.shape())
                    + ". For a single step use rnnTimeStep with shape [minibatch, nIn]; for feed-forward data add a time axis.");
        }
        long size = format == RNNFormat.NWC ? input.size(2) : input.size(1);
        if (size != nIn) {
            throw new IllegalArgumentException("NtmLayer " + layerId + ": input has " + size + " features per step ("
                    + format + " shape " + Arrays.toString(input.shape()) + ") but the layer was configured with nIn="
                    + nIn + ". Fix nIn, or the data format (dataFormat(RNNFormat.NWC) for [minibatch, timeSteps, features]).");
        }
        long steps = format == RNNFormat.NWC ? input.size(1) : input.size(2);
        if (input.size(0) == 0 || steps == 0) {
            throw new IllegalArgumentException("NtmLayer " + layerId + ": empty input " + Arrays.toString(input.shape()));
        }
    }

    /** The feature mask must be [B, T] with B and T those of the (NCW) input. */
    static void checkMask(INDArray mask, long batch, long steps, String layerId) {
        if (mask == null) {
            return;
        }
        if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != steps) {
            throw new IllegalArgumentException("NtmLayer " + layerId + ": feature mask has shape "
                    + Arrays.toString(mask.shape()) + " but the input needs [minibatch=" + batch + ", timeSteps=" + steps
                    + "] (1 for a real step, 0 for padding).");
        }
    }

    /** With {@code checkInputFinite}: fails at the first NaN or infinity, naming its position. */
    static void checkFinite(INDArray ncwInput, String layerId) {
        if (!ncwInput.isInfinite().any() && !ncwInput.isNaN().any()) {
            return;
        }
        double[] values = ncwInput.dup('c').data().asDouble();
        long[] shape = ncwInput.shape();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                long t = i % shape[2];
                long f = (i / shape[2]) % shape[1];
                long b = i / (shape[1] * shape[2]);
                throw new IllegalArgumentException("NtmLayer " + layerId + ": input contains " + values[i]
                        + " at example " + b + ", feature " + f + ", time step " + t
                        + ". Clean the data (or switch off checkInputFinite to skip this check).");
            }
        }
    }
}
