package io.github.ntm4j.layer.internal.runtime;

import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.inspect.NtmTrace;
import io.github.ntm4j.layer.internal.step.NtmBackwardPass;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import io.github.ntm4j.layer.internal.step.NtmPath;
import io.github.ntm4j.layer.internal.step.NtmPaths;
import io.github.ntm4j.layer.internal.step.NtmSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.deeplearning4j.nn.api.MaskState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime of an {@link NtmLayer}: a DL4J {@code RecurrentLayer} that loops over time in Java and
 * delegates each sequence to an {@link NtmPath}. It supports full and truncated BPTT, variable
 * sequence lengths, feature masks, {@code rnnTimeStep} with the state keys of {@link NtmState},
 * NCW and NWC data, and an optional per-step trace of the heads for dashboards.
 */
public class NtmRecurrentLayer extends BaseRecurrentLayer<NtmLayer> {
    private final NtmSpec spec;
    private final NtmDimensions dims;
    private transient NtmPath path;
    private boolean inspection = false;
    private NtmTrace lastTrace;
    /**
     * The last training forward pass, reused by the backward pass that follows it in {@code fit}
     * (DL4J calls activate(training) and then backpropGradient on the same input). Any other forward
     * pass replaces or clears it.
     */
    private NtmForwardPass trainingPass;
    private INDArray trainingPassInput;
    private INDArray trainingPassMask;
    private boolean trainingPassFromStoredState;
    private transient NtmState fixedInitialState;

    public NtmRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.spec = specOf((NtmLayer) conf.getLayer());
        this.dims = spec.dims();
    }

    /** What the step reads of {@code conf}: the one place a configuration becomes an {@link NtmSpec}. */
    public static NtmSpec specOf(NtmLayer conf) {
        return new NtmSpec(NtmDimensions.of(conf), conf.getControllerActivation(), conf.getKeyActivation(),
                conf.getAddActivation());
    }

    private NtmPath path() {
        if (path == null) {
            path = NtmPaths.choose(spec, layerConf().isUseFusedCpuPath(), dataType, layerId());
        }
        return path;
    }

    /** The implementation in use: its simple class name. */
    public String pathName() {
        return path().getClass().getSimpleName();
    }

    /**
     * Switches the per-step trace on or off (off by default; when off nothing is recorded). When on,
     * every forward pass keeps a trace, read with {@link #getLastTrace()}.
     */
    public void setInspection(boolean on) {
        this.inspection = on;
        if (!on) {
            lastTrace = null;
        }
    }

    public boolean isInspection() {
        return inspection;
    }

    /** The trace of the last forward pass, or null if inspection was off. */
    public NtmTrace getLastTrace() {
        return lastTrace;
    }

    // ------------------------------------------------------------------ forward

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, false, workspaceMgr).getFirst();
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pair<INDArray, NtmForwardPass> r = forward(false, stateMap, false, workspaceMgr);
        storeState(stateMap, r.getSecond().finalState());
        return r.getFirst();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pair<INDArray, NtmForwardPass> r = forward(training, tBpttStateMap, false, workspaceMgr);
        if (storeLastForTBPTT) {
            storeState(tBpttStateMap, r.getSecond().finalState());
        }
        return r.getFirst();
    }

    /**
     * Validates and runs the path on the current input.
     *
     * @param startFrom a state map to start from when not empty, or null for the initial state
     */
    private Pair<INDArray, NtmForwardPass> forward(boolean training, Map<String, INDArray> startFrom,
                                                   boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        trainingPass = null;
        applyDropOutIfNecessary(training, workspaceMgr);
        NtmForwardPass fwd;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray x = validatedInput();
            NtmState start = startState(startFrom, x.size(0));
            fwd = path().forward(params(training, workspaceMgr), x, mask(x), start, forBackprop || training, inspection);
        }
        if (training) {
            trainingPass = fwd;
            trainingPassInput = input;
            trainingPassMask = maskArray;
            trainingPassFromStoredState = startFrom != null && !startFrom.isEmpty();
        }
        if (inspection) {
            lastTrace = fwd.trace;
        }
        // Written straight into DL4J's activations workspace: a detached array first would cost an allocation of
        // native memory per pass.
        INDArray out = fwd.output((dt, shape) -> workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dt, shape));
        return new Pair<>(permuteIfNWC(out), fwd);
    }

    private INDArray validatedInput() {
        NtmInputChecks.checkInput(input, layerConf().getNIn(), getDataFormat(), layerId());
        INDArray x = permuteIfNWC(input).castTo(dataType);
        if (layerConf().isCheckInputFinite()) {
            NtmInputChecks.checkFinite(x, layerId());
        }
        return x;
    }

    private INDArray mask(INDArray x) {
        NtmInputChecks.checkMask(maskArray, x.size(0), x.size(2), layerId());
        return maskArray == null ? null : maskArray.castTo(dataType);
    }

    private NtmState startState(Map<String, INDArray> stored, long batch) {
        if (stored == null || stored.isEmpty()) {
            // backpropInitial does nothing for a fixed initial state; asking first keeps the fused path from copying
            // dL/d(initial state) out for nothing.
            if (layerConf().isLearnInitialState()) {
                return NtmState.initial(layerConf(), params, batch, dataType);
            }
            // The fixed initial state is a constant: make it once per minibatch size. Paths only read it.
            if (fixedInitialState == null || fixedInitialState.batchSize() != batch) {
                fixedInitialState = NtmState.initial(layerConf(), params, batch, dataType);
            }
            return fixedInitialState;
        }
        NtmState s = NtmState.fromMap(stored, dims, stored.get(NtmState.STATE_KEY_MEMORY).size(0), dataType);
        if (s.batchSize() != batch) {
            throw new IllegalStateException("NtmLayer " + layerId() + ": the stored state is for a minibatch of "
                    + s.batchSize() + " but the input has " + batch + " examples. Call rnnClearPreviousState() "
                    + "before feeding a minibatch of another size.");
        }
        return s;
    }

    private Map<String, INDArray> params(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String key : params.keySet()) {
            p.put(key, getParamWithNoise(key, training, workspaceMgr));
        }
        return p;
    }

    private static void storeState(Map<String, INDArray> into, NtmState state) {
        NtmState copy;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copy = state.detachedCopy();
        }
        into.clear();
        into.putAll(copy.toMap());
    }

    // ------------------------------------------------------------------ backward

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, false, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, true, tbpttBackLength, workspaceMgr);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int backLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        // In truncated BPTT the segment starts from the state the last segment ended in (stateMap, as
        // DL4J's LSTM does); its own end state goes to tBpttStateMap for the next segment.
        boolean fromStoredState = truncated && !stateMap.isEmpty();
        NtmForwardPass fwd;
        if (trainingPass != null && trainingPassInput == input && trainingPassMask == maskArray
                && trainingPassFromStoredState == fromStoredState) {
            fwd = trainingPass;
        } else {
            fwd = forward(true, truncated ? stateMap : null, true, workspaceMgr).getSecond();
        }
        trainingPass = null;
        if (truncated) {
            storeState(tBpttStateMap, fwd.finalState());
        }
        boolean fromInitialState = !fromStoredState;
        NtmBackwardPass back;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray dLdy = permuteIfNWC(epsilon).castTo(dataType);
            long steps = dLdy.size(2);
            int firstStep = backLength > 0 ? (int) Math.max(0, steps - backLength) : 0;
            back = path().backward(fwd, dLdy, firstStep, gradientViews);
            // backpropInitial does nothing for a fixed initial state; asking first keeps the fused path from copying
            // dL/d(initial state) out for nothing.
            if (layerConf().isLearnInitialState()) {
                NtmState.backpropInitial(layerConf(), params,
                        fromInitialState && firstStep == 0 ? back.initialStateGradient() : null, gradientViews);
            }
        }
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (Map.Entry<String, INDArray> e : gradientViews.entrySet()) {
            g.gradientForVariable().put(e.getKey(), e.getValue());
        }
        weightNoiseParams.clear();
        // dL/dx written straight into DL4J's activation-gradients workspace, in the layer's data type and then the
        // input's (rounded to the layer's type first, whatever the input's).
        INDArray eps = back.inputGradient((dt, shape) -> workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD,
                dt, shape));
        if (eps.dataType() != input.dataType()) {
            eps = workspaceMgr.castTo(ArrayType.ACTIVATION_GRAD, input.dataType(), eps, false);
        }
        eps = backpropDropOutIfPresent(eps);
        return new Pair<>(g, permuteIfNWC(eps));
    }

    // ------------------------------------------------------------------ state

    /** Sets the state the next {@code rnnTimeStep} starts from; the keys and shapes are checked here. */
    @Override
    public void rnnSetPreviousState(Map<String, INDArray> state) {
        validateState(state);
        super.rnnSetPreviousState(state);
    }

    @Override
    public void rnnSetTBPTTState(Map<String, INDArray> state) {
        validateState(state);
        super.rnnSetTBPTTState(state);
    }

    private void validateState(Map<String, INDArray> state) {
        if (state == null || state.isEmpty()) {
            return;
        }
        INDArray memory = state.get(NtmState.STATE_KEY_MEMORY);
        if (memory == null || memory.rank() != 3) {
            throw new IllegalArgumentException("NtmLayer " + layerId() + ": state key \"" + NtmState.STATE_KEY_MEMORY
                    + "\" must hold the memory [minibatch, " + dims.memoryRows + ", " + dims.memoryWidth + "], got "
                    + (memory == null ? "nothing (keys " + state.keySet() + ")" : java.util.Arrays.toString(memory.shape())));
        }
        NtmState.fromMap(state, dims, memory.size(0), dataType);
    }

    // ------------------------------------------------------------------ DL4J plumbing

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        // Kept for the time loop, and passed on unchanged (as DL4J's LSTM does).
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Gradient gradient() {
        throw new UnsupportedOperationException("NtmLayer has no layer-wise pretraining gradient " + layerId());
    }

    /** The data format of input and output: NCW (default) or NWC. */
    @Override
    public RNNFormat getDataFormat() {
        RNNFormat f = layerConf().getRnnDataFormat();
        return f == null ? RNNFormat.NCW : f;
    }
}
