package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmParams;
import io.github.ntm4j.layer.internal.step.NtmSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.util.SameDiffUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NTM step ({@code NTM-MATH.md} steps 1-6) as a SameDiff graph, every head at once.
 *
 * <p>Placeholders: the controller input {@value #U} = [x ; r_1 ; ... ; r_R] [B, X+R W] (the caller packs the
 * last step's reads behind the input), the carried weightings {@value #WEIGHTINGS} [B, R+V, N] and memory
 * {@value #MEMORY} [B, N, W], and for an LSTM {@value #CONTROLLER_H}, {@value #CONTROLLER_C} [B, H].
 * Outputs: {@value #H_OUT} h [B, H], {@value #READS_OUT} [B, R+V, W] (rows 0..R-1 are the reads r_j; the
 * others are not used), {@value #WEIGHTINGS_OUT} [B, R+V, N], {@value #MEMORY_OUT} [B, N, W], for an LSTM
 * {@value #CONTROLLER_C_OUT} c [B, H], and {@value #INSPECT} [B, R+V, 2S+4] (per head β, g, γ, s). The
 * layer output y = [h ; r_1 ; ... ; r_R] and the masking are the caller's.
 *
 * <p>Backward: every output o but {@value #INSPECT} feeds an {@link ExternalErrorsFunction}, whose gradient
 * is a placeholder ({@link #gradientName}) for dL/do from upstream; so the gradient function is the chain rule
 * with no loss ops of its own. The caller feeds dL/do times {@link #upstreamScale} (see there).
 */
final class NtmCellGraph {
    static final String U = "u";
    static final String MEMORY = "M";
    static final String WEIGHTINGS = "w";
    static final String CONTROLLER_H = "hc";
    static final String CONTROLLER_C = "cc";
    static final String H_OUT = "h_out";
    static final String READS_OUT = "r_out";
    static final String WEIGHTINGS_OUT = "w_out";
    static final String MEMORY_OUT = "M_out";
    static final String CONTROLLER_C_OUT = "cc_out";
    static final String INSPECT = "inspect";

    final SameDiff sd;
    /** The placeholders, whose gradients the backward pass needs: {@value #U}, the state. */
    final List<String> inputs = new ArrayList<>();
    /** The outputs that carry a gradient, in the order of their placeholders' {@link #gradientName}. */
    final List<String> outputs = new ArrayList<>();
    private final List<String> losses = new ArrayList<>();
    private double upstreamScale = 1;

    NtmCellGraph(NtmSpec spec, Map<String, INDArray> params, DataType dt) {
        NtmDimensions d = spec.dims();
        int n = d.memoryRows;
        int width = d.memoryWidth;
        int heads = d.headCount();
        sd = SameDiff.create();
        // Parameters are DL4J's views: without single-thread holders SameDiff keeps per-thread copies,
        // which stop seeing the updater's in-place changes.
        sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);

        Map<String, SDVariable> p = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            p.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        }
        SDVariable u = input(sd.placeHolder(U, dt, -1, d.controllerInputSize()));
        SDVariable weightings = input(sd.placeHolder(WEIGHTINGS, dt, -1, heads, n));
        SDVariable memory = input(sd.placeHolder(MEMORY, dt, -1, n, width));
        SDVariable hPrev = null;
        SDVariable cPrev = null;
        if (d.controller == ControllerType.LSTM) {
            hPrev = input(sd.placeHolder(CONTROLLER_H, dt, -1, d.controllerSize));
            cPrev = input(sd.placeHolder(CONTROLLER_C, dt, -1, d.controllerSize));
        }

        // 1-2. Controller on u = [x ; r_1 ; ... ; r_R].
        ControllerGraph controller = ControllerGraph.build(sd, d, spec.controllerActivation(), p, u, hPrev, cPrev);
        // 3. Every head's parameters, then its weighting, from h and M_{t-1}.
        SDVariable theta = controller.h.mmul(p.get(NtmParams.HEAD_WEIGHTS)).add(p.get(NtmParams.HEAD_BIAS));
        HeadParamsGraph hp = HeadParamsGraph.split(sd, d, theta, spec.keyActivation(), spec.addActivation(), dt);
        SDVariable wc = AddressingGraph.contentWeights(sd, memory, hp.key, hp.beta, n, width);
        SDVariable wg = AddressingGraph.interpolate(hp.gate, wc, weightings);
        SDVariable ws = AddressingGraph.shift(sd, wg, hp.shift, heads, n, d.shiftRange, dt);
        SDVariable w = AddressingGraph.sharpen(sd, ws, hp.gamma, n);
        // 4. Reads from M_{t-1}; 5. writes, all write heads together on M_{t-1}.
        SDVariable reads = MemoryGraph.read(sd, memory, w);
        SDVariable newMemory = MemoryGraph.write(sd, memory, w, hp.erase, hp.add, d.readHeads, d.writeHeads, n,
                width, dt);

        output(controller.h, H_OUT);
        output(reads, READS_OUT);
        output(w, WEIGHTINGS_OUT);
        output(newMemory, MEMORY_OUT);
        if (d.controller == ControllerType.LSTM) {
            output(controller.c, CONTROLLER_C_OUT);
        }
        sd.concat(INSPECT, 2, hp.beta, hp.gate, hp.gamma, hp.shift);
        // The external errors' outputs are the losses. Named through a training configuration: SameDiff accepts
        // only computed (ARRAY) variables as losses otherwise, and would guess INSPECT, the one unread output.
        sd.setTrainingConfig(TrainingConfig.builder().skipBuilderValidation(true)
                .minimize(losses.toArray(new String[0])).build());
    }

    /**
     * Makes the gradient function, for the parameters and the placeholders {@link #inputs}, and measures
     * {@link #upstreamScale} on it.
     */
    void createGradientFunction() {
        sd.createGradFunction(inputs.toArray(new String[0]));
        SameDiff gradient = sd.getFunction("grad");
        double scale = 1;
        for (String o : outputs) {
            String placeholder = gradientName(o);
            for (SameDiffOp op : gradient.getOps().values()) {
                if (op.getOp().opName().equals("add")
                        && op.getInputsToOp().equals(List.of(placeholder, placeholder))) {
                    scale = 0.5;
                }
            }
            if (o.equals(outputs.get(0))) {
                upstreamScale = scale;
            } else if (scale != upstreamScale) {
                throw new IllegalStateException("SameDiff treated the upstream gradients of " + outputs
                        + " differently: the gradient function would be wrong");
            }
            scale = 1;
        }
    }

    /**
     * What the upstream gradients fed to the gradient function are multiplied by: 1, or 0.5 where SameDiff adds
     * each external gradient to itself, as M2.1 does ({@code ExternalErrorsFunction.doDiff} sets the gradient
     * it also returns, and {@code DifferentialFunction.diff} adds the two), so that the sum is dL/do again.
     * Halving and doubling are exact in binary floating point. Measured on the gradient function itself, so a
     * SameDiff without that behaviour gets 1.
     */
    double upstreamScale() {
        if (!sd.hasGradientFunction()) {
            throw new IllegalStateException("no gradient function yet");
        }
        return upstreamScale;
    }

    /** The name of the placeholder for dL/d{@code output} in the gradient function. */
    static String gradientName(String output) {
        return output + "-grad";
    }

    private SDVariable input(SDVariable placeholder) {
        inputs.add(placeholder.name());
        return placeholder;
    }

    /** Names {@code value} as an output whose gradient comes from upstream. */
    private void output(SDVariable value, String name) {
        value.rename(name);
        ExternalErrorsFunction fn = SameDiffUtils.externalErrors(sd, null, value);
        losses.add(fn.outputVariable().name());
        outputs.add(name);
    }
}
