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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One NTM step ({@code NTM-MATH.md} steps 1-6) as a SameDiff graph, every head at once.
 *
 * <p>Placeholders: the controller input {@value #U} = [x ; r_1 ; ... ; r_R ; 1] [B, X+R W+1], for an LSTM
 * [x ; r_1 ; ... ; r_R ; h_prev ; 1] [B, X+R W+H+1] (the caller packs the last step's state behind the input;
 * the 1 multiplies the bias), the carried weightings {@value #WEIGHTINGS} [B, R+V, N] and memory
 * {@value #MEMORY} [B, N, W], and for an LSTM {@value #CONTROLLER_C} [B, H]. Outputs: {@value #H_OUT} h [B, H],
 * {@value #READS_OUT} [B, R+V, W] (rows 0..R-1 are the reads r_j; the others are not used),
 * {@value #WEIGHTINGS_OUT} [B, R+V, N], {@value #MEMORY_OUT} [B, N, W], for an LSTM {@value #CONTROLLER_C_OUT}
 * c [B, H], and for inspection {@value #BETA}, {@value #GATE}, {@value #GAMMA} [B, R+V, 1] and {@value #SHIFT}
 * [B, R+V, 2S+1]. The layer output y = [h ; r_1 ; ... ; r_R] and the masking are the caller's.
 *
 * <p>The graph's variables are the layer's step parameters rearranged ({@link #load}): the controller's
 * weights, recurrent weights and bias stacked into one matrix, and the heads' Wθ and bθ multiplied by the
 * regrouping matrix of {@link HeadParamsGraph}. Their gradients go back the same way
 * ({@link #parameterGradients}).
 *
 * <p>Backward: every output o but the inspection values feeds an {@link ExternalErrorsFunction}, whose
 * gradient is a placeholder ({@link #gradientName}) for dL/do from upstream; so the gradient function is the
 * chain rule with no loss ops of its own. The caller feeds dL/do.
 */
final class NtmCellGraph {
    static final String U = "u";
    static final String MEMORY = "M";
    static final String WEIGHTINGS = "w";
    static final String CONTROLLER_C = "cc";
    static final String H_OUT = "h_out";
    static final String READS_OUT = "r_out";
    static final String WEIGHTINGS_OUT = "w_out";
    static final String MEMORY_OUT = "M_out";
    static final String CONTROLLER_C_OUT = "cc_out";
    static final String BETA = "beta";
    static final String GATE = "gate";
    static final String GAMMA = "gamma";
    static final String SHIFT = "shift";
    /** [Wc ; bc], or for an LSTM [Wc ; Rc ; bc]: [X+R W(+H)+1, G]. */
    static final String CONTROLLER_WEIGHTS = "Wc_stacked";
    /** Wθ Π: [H, (R+V) L]. */
    static final String HEAD_WEIGHTS = "Wh_regrouped";
    /** bθ Π: [1, (R+V) L]. */
    static final String HEAD_BIAS = "bh_regrouped";

    final SameDiff sd;
    /** The placeholders, whose gradients the backward pass needs: {@value #U}, the state. */
    final List<String> inputs = new ArrayList<>();
    /** The outputs that carry a gradient, in the order of their placeholders' {@link #gradientName}. */
    final List<String> outputs = new ArrayList<>();
    /** The graph's variables by name: the rearranged parameters. */
    final Map<String, INDArray> variables = new LinkedHashMap<>();
    private final NtmDimensions d;
    /** Π of {@link HeadParamsGraph#regroupMatrix}. */
    private final INDArray regroup;
    private final List<String> losses = new ArrayList<>();
    /**
     * Per upstream gradient placeholder that the gradient function adds to itself, the sum's variable. SameDiff M2.1
     * does that to every one ({@code ExternalErrorsFunction.doDiff} sets the gradient it also returns, and
     * {@code DifferentialFunction.diff} adds the two): the runners are given dL/do as that sum, and the add is not
     * run.
     */
    private final Map<String, String> doubledUpstream = new HashMap<>();
    private GraphRunner forward;
    private GraphRunner forwardInspected;
    /** The forward step of backprop, each time step into a bank of its own ({@link #outputForBackprop}). */
    private GraphRunner forwardBanked;
    /** The gradient function, computing everything again from the step's inputs. */
    private GraphRunner gradient;
    /** The gradient function given what {@link #forwardBanked} computed ({@link #gradients(Map, int, int)}). */
    private GraphRunner gradientReusing;
    /** What the last gradient step was given (placeholders, upstream gradients, step values), reused per step. */
    private final Map<String, INDArray> runInputs = new HashMap<>();
    /** What the last gradient step returned, by variable name, reused per step. */
    private final Map<String, INDArray> gradientsByVariable = new HashMap<>();
    /** For each variable and input, the name of its gradient in the gradient function. */
    private final Map<String, String> gradientNames = new LinkedHashMap<>();

    NtmCellGraph(NtmSpec spec, DataType dt) {
        d = spec.dims();
        int n = d.memoryRows;
        int width = d.memoryWidth;
        int heads = d.headCount();
        boolean lstm = d.controller == ControllerType.LSTM;
        regroup = HeadParamsGraph.regroupMatrix(d, dt);
        sd = SameDiff.create();
        // The variables' arrays are refilled in place by load(): without single-thread holders SameDiff keeps
        // per-thread copies, which would not see that.
        sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);

        SDVariable controllerWeights = variable(CONTROLLER_WEIGHTS, dt, inputWidth(), d.controllerGateSize());
        SDVariable headWeights = variable(HEAD_WEIGHTS, dt, d.controllerSize, regroup.size(1));
        SDVariable headBias = variable(HEAD_BIAS, dt, 1, regroup.size(1));
        SDVariable u = input(sd.placeHolder(U, dt, -1, inputWidth()));
        SDVariable weightings = input(sd.placeHolder(WEIGHTINGS, dt, -1, heads, n));
        SDVariable memory = input(sd.placeHolder(MEMORY, dt, -1, n, width));
        SDVariable cPrev = lstm ? input(sd.placeHolder(CONTROLLER_C, dt, -1, d.controllerSize)) : null;

        // 1-2. Controller on u = [x ; r_1 ; ... ; r_R].
        ControllerGraph controller = ControllerGraph.build(sd, d, spec.controllerActivation(), controllerWeights, u,
                cPrev);
        // 3. Every head's parameters, then its weighting, from h and M_{t-1}.
        HeadParamsGraph hp = HeadParamsGraph.split(sd, d, controller.h, headWeights, headBias, spec.keyActivation(),
                spec.addActivation());
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
        if (lstm) {
            output(controller.c, CONTROLLER_C_OUT);
        }
        hp.beta.rename(BETA);
        hp.gate.rename(GATE);
        hp.gamma.rename(GAMMA);
        hp.shift.rename(SHIFT);
        // The external errors' outputs are the losses. Named through a training configuration: SameDiff accepts
        // only computed (ARRAY) variables as losses otherwise, and would guess an unread output (β) instead.
        sd.setTrainingConfig(TrainingConfig.builder().skipBuilderValidation(true)
                .minimize(losses.toArray(new String[0])).build());
    }

    /** The width of {@value #U}: X + R W, for an LSTM + H, + 1. */
    int inputWidth() {
        return d.controllerInputSize() + (d.controller == ControllerType.LSTM ? d.controllerSize : 0) + 1;
    }

    /** Fills the graph's variables from the layer's step parameters (by {@link NtmParams} key). */
    void load(Map<String, INDArray> params) {
        INDArray stacked = variables.get(CONTROLLER_WEIGHTS);
        int x = d.controllerInputSize();
        stacked.get(NDArrayIndex.interval(0, x), NDArrayIndex.all()).assign(params.get(NtmParams.CONTROLLER_WEIGHTS));
        if (d.controller == ControllerType.LSTM) {
            stacked.get(NDArrayIndex.interval(x, x + d.controllerSize), NDArrayIndex.all())
                    .assign(params.get(NtmParams.CONTROLLER_RECURRENT_WEIGHTS));
        }
        stacked.getRow(inputWidth() - 1).assign(params.get(NtmParams.CONTROLLER_BIAS));
        variables.get(HEAD_WEIGHTS).assign(params.get(NtmParams.HEAD_WEIGHTS).mmul(regroup));
        variables.get(HEAD_BIAS).assign(params.get(NtmParams.HEAD_BIAS).mmul(regroup));
    }

    /**
     * Writes dL/d(step parameters) into {@code views} (by {@link NtmParams} key) from dL/d(graph variables),
     * the inverse of {@link #load}: the stack split, and dL/dWθ = dL/d(Wθ Π) Πᵀ (Π's columns are distinct unit
     * vectors or zero, so this picks each column's gradient back out).
     */
    void parameterGradients(Map<String, INDArray> variableGradients, Map<String, INDArray> views) {
        INDArray stacked = variableGradients.get(CONTROLLER_WEIGHTS);
        int x = d.controllerInputSize();
        views.get(NtmParams.CONTROLLER_WEIGHTS).assign(stacked.get(NDArrayIndex.interval(0, x), NDArrayIndex.all()));
        if (d.controller == ControllerType.LSTM) {
            views.get(NtmParams.CONTROLLER_RECURRENT_WEIGHTS)
                    .assign(stacked.get(NDArrayIndex.interval(x, x + d.controllerSize), NDArrayIndex.all()));
        }
        views.get(NtmParams.CONTROLLER_BIAS).assign(stacked.getRow(inputWidth() - 1));
        views.get(NtmParams.HEAD_WEIGHTS).assign(variableGradients.get(HEAD_WEIGHTS).mmul(regroup.transpose()));
        views.get(NtmParams.HEAD_BIAS).assign(variableGradients.get(HEAD_BIAS).mmul(regroup.transpose()));
    }

    /**
     * Makes the gradient function, for the variables and the placeholders {@link #inputs}, and finds where it adds an
     * upstream gradient to itself ({@link #doubledUpstream}).
     */
    void createGradientFunction() {
        sd.createGradFunction(inputs.toArray(new String[0]));
        SameDiff gradient = sd.getFunction("grad");
        for (String o : outputs) {
            String placeholder = gradientName(o);
            for (SameDiffOp op : gradient.getOps().values()) {
                if (op.getOp().opName().equals("add") && op.getInputsToOp().equals(List.of(placeholder, placeholder))) {
                    doubledUpstream.put(placeholder, op.getOutputsOfOp().get(0));
                }
            }
        }
    }

    /**
     * Runs the step: {@link #outputs}, and with {@code inspect} also {@value #BETA}, {@value #GATE},
     * {@value #GAMMA} and {@value #SHIFT}, into {@code bank}'s arrays: they are overwritten by the next call into
     * the same bank, so a caller that alternates two banks may feed one step's outputs to the next.
     */
    Map<String, INDArray> output(Map<String, INDArray> placeholders, boolean inspect, int bank) {
        return forwardRunner(inspect).run(placeholders, bank);
    }

    private GraphRunner forwardRunner(boolean inspect) {
        if (inspect) {
            if (forwardInspected == null) {
                List<String> all = new ArrayList<>(outputs);
                all.addAll(List.of(BETA, GATE, GAMMA, SHIFT));
                forwardInspected = new GraphRunner(sd, all);
            }
            return forwardInspected;
        }
        if (forward == null) {
            forward = new GraphRunner(sd, outputs);
        }
        return forward;
    }

    /**
     * Runs the step for backprop into bank {@code bank}: the outputs of {@link #output} without inspection, and every
     * value the step computes on the way stays readable until the next run into the same bank, for
     * {@link #gradients(Map, int, int)}. The arrays of the banks are kept for the next pass.
     */
    Map<String, INDArray> outputForBackprop(Map<String, INDArray> placeholders, int bank) {
        if (forwardBanked == null) {
            forwardBanked = new GraphRunner(sd, outputs);
        }
        return forwardBanked.run(placeholders, bank);
    }

    /** The elements of the arrays that {@link #outputForBackprop} keeps in {@code bank}. */
    long bankElements(int bank) {
        return forwardBanked == null ? 0 : forwardBanked.bankElements(bank);
    }

    /**
     * The ops of the step: {@code [defined in the graph, run by a forward step (no inspection), defined in the
     * gradient function, run by a gradient step given the forward step's values ({@link #gradients(Map, int, int)}),
     * run by a gradient step from the inputs alone ({@link #gradients(Map, int)})]}. Makes the gradient function if
     * there is none yet.
     */
    int[] opCounts() {
        if (!sd.hasGradientFunction()) {
            createGradientFunction();
        }
        return new int[]{sd.getOps().size(), forwardRunner(false).opCount(), sd.getFunction("grad").getOps().size(),
                gradientReusingRunner().opCount(), gradientRunner().opCount()};
    }

    /**
     * Runs the gradient function: dL/d(every variable and every input) by variable name, from the inputs and the
     * upstream gradients dL/do ({@link #gradientName}), into {@code bank}'s arrays: they are overwritten by the next
     * call into the same bank, so a caller that alternates two banks may feed one step's gradients to the step before.
     */
    Map<String, INDArray> gradients(Map<String, INDArray> placeholders, int bank) {
        return byVariable(gradientRunner().run(withUpstream(placeholders), bank));
    }

    /**
     * As {@link #gradients(Map, int)}, for the step that {@link #outputForBackprop} ran into {@code valuesBank} with
     * the same placeholders, whose values it takes instead of computing them again: the gradient function's own
     * copies of the forward ops are not run. The values must still be that run's (no run into the bank since).
     */
    Map<String, INDArray> gradients(Map<String, INDArray> placeholders, int valuesBank, int bank) {
        GraphRunner r = gradientReusingRunner();
        Map<String, INDArray> in = withUpstream(placeholders);
        for (String v : r.givenRead()) {
            if (!in.containsKey(v)) {
                in.put(v, forwardBanked.value(v, valuesBank));
            }
        }
        return byVariable(r.run(in, bank));
    }

    /** {@code placeholders} in {@link #runInputs}, each upstream gradient under the name the runners read it by. */
    private Map<String, INDArray> withUpstream(Map<String, INDArray> placeholders) {
        runInputs.clear();
        for (Map.Entry<String, INDArray> e : placeholders.entrySet()) {
            runInputs.put(doubledUpstream.getOrDefault(e.getKey(), e.getKey()), e.getValue());
        }
        return runInputs;
    }

    private GraphRunner gradientReusingRunner() {
        if (gradientReusing == null) {
            gradientRunner();
            if (forwardBanked == null) {
                forwardBanked = new GraphRunner(sd, outputs);
            }
            Set<String> given = new HashSet<>(forwardBanked.computed());
            given.addAll(doubledUpstream.values());
            gradientReusing = new GraphRunner(sd.getFunction("grad"), new ArrayList<>(gradientNames.values()), given);
        }
        return gradientReusing;
    }

    /** The gradients by variable name, in {@link #gradientsByVariable}. */
    private Map<String, INDArray> byVariable(Map<String, INDArray> byGradientName) {
        for (Map.Entry<String, String> e : gradientNames.entrySet()) {
            gradientsByVariable.put(e.getKey(), byGradientName.get(e.getValue()));
        }
        return gradientsByVariable;
    }

    private GraphRunner gradientRunner() {
        if (gradient == null) {
            if (!sd.hasGradientFunction()) {
                throw new IllegalStateException("no gradient function yet");
            }
            List<String> wanted = new ArrayList<>(variables.keySet());
            wanted.addAll(inputs);
            for (String v : wanted) {
                gradientNames.put(v, sd.getVariable(v).getGradient().name());
            }
            gradient = new GraphRunner(sd.getFunction("grad"), new ArrayList<>(gradientNames.values()),
                    new HashSet<>(doubledUpstream.values()));
        }
        return gradient;
    }

    /** The name of the placeholder for dL/d{@code output} in the gradient function. */
    static String gradientName(String output) {
        return output + "-grad";
    }

    private SDVariable variable(String name, DataType dt, long rows, long columns) {
        INDArray a = Nd4j.create(dt, rows, columns);
        variables.put(name, a);
        return sd.var(name, a);
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
