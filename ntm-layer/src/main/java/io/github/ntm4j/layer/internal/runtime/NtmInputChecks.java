package io.github.ntm4j.layer.internal.runtime;

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
        checkBinary(mask, layerId);
    }

    /**
     * A feature mask holds 0 (padding) or 1 (a real step), nothing else. A fractional value has no meaning
     * for an NTM step (half a write?) and DL4J's own recurrent layers treat masks as 0/1 as well, so rather
     * than give 0.5 an invented meaning the layer refuses it, naming the first such entry. (A label mask is
     * the output layer's: DL4J's losses weight each step by it, which is defined, and the NTM never sees it.)
     */
    static void checkBinary(INDArray mask, String layerId) {
        if (mask.isEmpty()) {
            return;
        }
        double[] values = mask.dup('c').data().asDouble();   // [B, T]: small next to the input
        long steps = mask.size(1);
        for (int i = 0; i < values.length; i++) {
            double m = values[i];
            if (m != 0 && m != 1) {
                throw new IllegalArgumentException("NtmLayer " + layerId + ": feature mask holds " + m + " at example "
                        + i / steps + ", time step " + i % steps + "; a feature mask must be 0 (padding) or 1 (a real "
                        + "step). To weight steps in the loss, use a label mask instead.");
            }
        }
    }

    /**
     * With {@code checkInputFinite} (the default): fails at the first NaN or infinity, naming its position
     * (example, feature, time step; in that order whatever the data format). Padding steps are scanned too:
     * a NaN there is a data bug as well, and the portable path would carry it into the state (NaN · 0 = NaN).
     */
    static void checkFinite(INDArray ncwInput, String layerId) {
        // One reduction: a NaN or ±∞ anywhere makes the sum non-finite. A finite sum proves every value finite;
        // a non-finite one (a bad value, or finite values overflowing the sum) is settled by the scan below.
        if (Double.isFinite(ncwInput.sumNumber().doubleValue())) {
            return;
        }
        // The first bad value the network would meet: by example, then time step, then feature.
        double[] values = ncwInput.dup('c').data().asDouble();   // [B, X, T]
        long[] shape = ncwInput.shape();
        int features = (int) shape[1], steps = (int) shape[2];
        for (int b = 0; b < shape[0]; b++) {
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    double v = values[(b * features + f) * steps + t];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("NtmLayer " + layerId + ": input contains " + v
                                + " at example " + b + ", feature " + f + ", time step " + t
                                + " (counting from 0). Clean or impute the data; if the values are known to be "
                                + "finite, NtmLayer.Builder.checkInputFinite(false) skips this scan.");
                    }
                }
            }
        }
        // Only finite values whose sum overflowed: nothing to refuse.
    }
}
