package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.HeadLayout;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmParams;
import io.github.ntm4j.layer.internal.step.NtmSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NTM step ({@code NTM-MATH.md} steps 1-6) as a SameDiff graph, with the mask applied and a loss
 * for backpropagation through time.
 *
 * <p>Placeholders: the input {@value #X} [B, X], the mask {@value #MASK} [B, 1], the carried state
 * {@value #MEMORY} [B, N, W], {@value #WEIGHTINGS} [B, (R+V) N], {@value #READS} [B, R W], and for an LSTM
 * {@value #CONTROLLER_H}, {@value #CONTROLLER_C} [B, H]. Outputs: {@value #Y} [B, H+R W], the next state
 * under the same names with {@value #OUT} appended, and {@value #INSPECT} [B, (R+V)(2S+4)] (per head β,
 * g, γ, s). A masked step (mask 0) outputs zero and passes the state through unchanged.
 *
 * <p>Backward: every output o has a placeholder {@code d_o} for dL/do from upstream, and the loss is
 * {@code Σ_o sum(o ∘ d_o)}, whose gradient with respect to any input is exactly the chain rule's.
 */
final class NtmCellGraph {
    static final String X = "x";
    static final String MASK = "mask";
    static final String MEMORY = "M";
    static final String WEIGHTINGS = "w";
    static final String READS = "r";
    static final String CONTROLLER_H = "hc";
    static final String CONTROLLER_C = "cc";
    static final String OUT = "_out";
    static final String Y = "y";
    static final String INSPECT = "inspect";
    static final String GRAD = "d_";
    static final String LOSS = "loss";

    final SameDiff sd;
    /** State placeholder names, in the order of {@link #stateOutputs}. */
    final List<String> stateInputs = new ArrayList<>();
    final List<String> stateOutputs = new ArrayList<>();

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
        SDVariable x = sd.placeHolder(X, dt, -1, d.inputSize);
        SDVariable mask = sd.placeHolder(MASK, dt, -1, 1);
        SDVariable memory = state(sd.placeHolder(MEMORY, dt, -1, n, width));
        SDVariable weightings = state(sd.placeHolder(WEIGHTINGS, dt, -1, (long) heads * n));
        SDVariable reads = state(sd.placeHolder(READS, dt, -1, (long) d.readHeads * width));
        SDVariable hPrev = null;
        SDVariable cPrev = null;
        if (d.controller == ControllerType.LSTM) {
            hPrev = state(sd.placeHolder(CONTROLLER_H, dt, -1, d.controllerSize));
            cPrev = state(sd.placeHolder(CONTROLLER_C, dt, -1, d.controllerSize));
        }

        // 1-2. Controller on u = [x ; r_1 ; ... ; r_R].
        ControllerGraph controller = ControllerGraph.build(sd, d, spec.controllerActivation(), p,
                sd.concat(1, x, reads), hPrev, cPrev);
        // 3. Every head's parameters, then its weighting, from h and M_{t-1}.
        SDVariable theta = controller.h.mmul(p.get(NtmParams.HEAD_WEIGHTS))
                .add(p.get(NtmParams.HEAD_BIAS));
        List<SDVariable> newWeightings = new ArrayList<>();
        List<SDVariable> inspect = new ArrayList<>();
        List<SDVariable> writeW = new ArrayList<>();
        List<SDVariable> erase = new ArrayList<>();
        List<SDVariable> add = new ArrayList<>();
        for (int i = 0; i < heads; i++) {
            HeadLayout layout = d.head(i);
            HeadParamsGraph hp = HeadParamsGraph.split(sd, layout, width, d.shiftCount(), theta,
                    spec.keyActivation(), spec.addActivation());
            SDVariable previous = sd.slice(weightings, new int[]{0, i * n}, -1, n);
            SDVariable wc = AddressingGraph.contentWeights(sd, memory, hp.key, hp.beta, n, width);
            SDVariable wg = AddressingGraph.interpolate(hp.gate, wc, previous);
            SDVariable ws = AddressingGraph.shift(sd, wg, hp.shift, n, d.shiftRange, dt);
            SDVariable w = AddressingGraph.sharpen(sd, ws, hp.gamma, n);
            newWeightings.add(w);
            inspect.add(hp.beta);
            inspect.add(hp.gate);
            inspect.add(hp.gamma);
            inspect.add(hp.shift);
            if (layout.isWrite()) {
                writeW.add(w);
                erase.add(hp.erase);
                add.add(hp.add);
            }
        }
        // 4. Reads from M_{t-1}.
        List<SDVariable> outputParts = new ArrayList<>();
        outputParts.add(controller.h);
        for (int j = 0; j < d.readHeads; j++) {
            outputParts.add(MemoryGraph.read(memory, newWeightings.get(j), n));
        }
        SDVariable newReads = d.readHeads == 1 ? outputParts.get(1)
                : sd.concat(1, outputParts.subList(1, outputParts.size()).toArray(new SDVariable[0]));
        // 5. Writes, all write heads together on M_{t-1}.
        SDVariable newMemory = MemoryGraph.write(memory, writeW, erase, add, n, width);
        // 6. y = [h ; r_1 ; ... ; r_R].
        SDVariable y = sd.concat(1, outputParts.toArray(new SDVariable[0]));

        // Masking: a padded step outputs zero and keeps the state; its inputs then get no gradient.
        SDVariable mask3 = mask.reshape(-1, 1, 1);
        List<SDVariable> terms = new ArrayList<>();
        terms.add(output(Y, y.mul(mask), dt, -1, d.outputSize()));
        terms.add(output(MEMORY + OUT, keep(memory, newMemory, mask3), dt, -1, n, width));
        terms.add(output(WEIGHTINGS + OUT, keep(weightings, sd.concat(1, newWeightings.toArray(new SDVariable[0])), mask),
                dt, -1, (long) heads * n));
        terms.add(output(READS + OUT, keep(reads, newReads, mask), dt, -1, (long) d.readHeads * width));
        if (d.controller == ControllerType.LSTM) {
            terms.add(output(CONTROLLER_H + OUT, keep(hPrev, controller.h, mask), dt, -1, d.controllerSize));
            terms.add(output(CONTROLLER_C + OUT, keep(cPrev, controller.c, mask), dt, -1, d.controllerSize));
        }
        sd.concat(1, inspect.toArray(new SDVariable[0])).rename(INSPECT);

        SDVariable loss = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            loss = loss.add(terms.get(i));
        }
        loss.rename(LOSS);
        sd.setLossVariables(LOSS);
    }

    /** Names {@code value} as an output and returns its loss term {@code sum(value ∘ d_name)}. */
    private SDVariable output(String name, SDVariable value, DataType dt, long... shape) {
        value.rename(name);
        return value.mul(sd.placeHolder(GRAD + name, dt, shape)).sum();
    }

    private SDVariable state(SDVariable placeholder) {
        stateInputs.add(placeholder.name());
        stateOutputs.add(placeholder.name() + OUT);
        return placeholder;
    }

    /** {@code old + m (new - old)}: the new state where m = 1, the old one where m = 0. */
    private static SDVariable keep(SDVariable old, SDVariable updated, SDVariable mask) {
        return old.add(updated.sub(old).mul(mask));
    }
}
