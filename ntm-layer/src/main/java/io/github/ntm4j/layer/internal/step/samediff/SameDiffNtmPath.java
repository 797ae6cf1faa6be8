package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.inspect.NtmTrace;
import io.github.ntm4j.layer.internal.step.NtmBackwardPass;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import io.github.ntm4j.layer.internal.step.NtmPath;
import io.github.ntm4j.layer.internal.step.NtmSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The portable path: one step of the NTM is a SameDiff graph ({@link NtmCellGraph}), run once per
 * time step forward and once per step in reverse for backpropagation through time. It runs on any
 * ND4J backend (CPU or CUDA). It is slow on small minibatches, since every SameDiff op costs tens of
 * microseconds of dispatch, but it is the reference the fused path is tested against.
 */
public final class SameDiffNtmPath implements NtmPath {
    private final NtmSpec spec;
    private final NtmDimensions dims;
    private final DataType dataType;
    private NtmCellGraph graph;

    public SameDiffNtmPath(NtmSpec spec, DataType dataType) {
        this.spec = spec;
        this.dims = spec.dims();
        this.dataType = dataType;
    }

    /**
     * The elements of the network's data type (ND4J arrays, off-heap) a forward pass for backprop keeps per
     * example until its backward pass: each step's input x [X] and mask [1], and the state before every step and
     * after the last, T+1 states of {@link NtmDimensions#stateSize()}. Not counted: the output and the input's
     * gradient (DL4J counts them as the layer's activations and activation gradients) and SameDiff's arrays for
     * one step, which do not grow with T.
     */
    public static long trainingElementsPerExample(NtmDimensions d, long steps) {
        return steps * (d.inputSize + 1L) + (steps + 1) * d.stateSize();
    }

    /** Per example, what inference holds at once besides the output: one step's input and mask, two states. */
    public static long inferenceElementsPerExample(NtmDimensions d) {
        return d.inputSize + 1L + 2 * d.stateSize();
    }

    /** What the backward pass needs: each step's input and mask, and the state it started from. */
    private static final class Saved {
        final Map<String, INDArray> params;
        final List<Map<String, INDArray>> stepInputs = new ArrayList<>();

        Saved(Map<String, INDArray> params) {
            this.params = params;
        }
    }

    /**
     * The elements of the distinct arrays a forward pass for backprop keeps for its backward pass (each step's
     * inputs and starting state), to check {@link #trainingElementsPerExample} against.
     */
    static long savedElements(NtmForwardPass fwd) {
        java.util.Set<INDArray> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map<String, INDArray> step : fwd.saved(Saved.class).stepInputs) {
            distinct.addAll(step.values());
        }
        return distinct.stream().mapToLong(INDArray::length).sum();
    }

    private NtmCellGraph graph(Map<String, INDArray> params) {
        if (graph == null) {
            graph = new NtmCellGraph(spec, params, dataType);
        }
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            // The views can be replaced (setParamsViewArray); re-link them every pass, it costs nothing.
            graph.sd.associateArrayWithVariable(e.getValue(), graph.sd.getVariable(e.getKey()));
        }
        return graph;
    }

    /**
     * The graph with its gradient function, which is made on the first backward pass: besides x's and
     * the state's gradients, which SameDiff makes only when asked, it is what {@code calculateGradients}
     * would make.
     *
     * <p>SameDiff M2.1's {@code createGradFunction} prints one line per differentiated op ("Added
     * differentiated op ...", hundreds for this graph) with {@code System.out.println}: always, with
     * no logger or verbosity setting to turn it off. The only way to hold the lines back is to replace
     * {@code System.out} for the whole process, which loses every other thread's output meanwhile; so
     * they are printed, once per layer, on its first backward pass on this path. Inference on this path
     * never makes the gradient function and prints nothing.
     */
    private NtmCellGraph graphForBackprop(Map<String, INDArray> params) {
        NtmCellGraph g = graph(params);
        if (!g.sd.hasGradientFunction()) {
            List<String> needGradients = new ArrayList<>();
            needGradients.add(NtmCellGraph.X);
            needGradients.addAll(g.stateInputs);
            g.sd.createGradFunction(needGradients.toArray(new String[0]));
        }
        return g;
    }

    @Override
    public NtmForwardPass forward(Map<String, INDArray> params, INDArray x, INDArray mask, NtmState initial,
                                  boolean forBackprop, boolean inspect) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            NtmCellGraph g = graph(params);
            long batch = x.size(0);
            long steps = x.size(2);
            INDArray output = Nd4j.create(dataType, batch, dims.outputSize(), steps);
            NtmTrace trace = inspect ? new NtmTrace(dims, batch, steps) : null;
            Saved saved = forBackprop ? new Saved(params) : null;
            List<String> outputs = new ArrayList<>(g.stateOutputs);
            outputs.add(NtmCellGraph.Y);
            if (inspect) {
                outputs.add(NtmCellGraph.INSPECT);
            }
            Map<String, INDArray> state = toPlaceholders(initial);
            for (long t = 0; t < steps; t++) {
                Map<String, INDArray> in = new HashMap<>(state);
                in.put(NtmCellGraph.X, x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).dup('c'));
                in.put(NtmCellGraph.MASK, maskColumn(mask, batch, t));
                Map<String, INDArray> res = g.sd.output(in, outputs);
                output.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(res.get(NtmCellGraph.Y));
                if (saved != null) {
                    saved.stepInputs.add(in);
                }
                Map<String, INDArray> next = new HashMap<>();
                for (int i = 0; i < g.stateInputs.size(); i++) {
                    // SameDiff reuses its output arrays between calls: keep copies.
                    next.put(g.stateInputs.get(i), res.get(g.stateOutputs.get(i)).dup('c'));
                }
                state = next;
                if (trace != null) {
                    record(trace, t, state, res.get(NtmCellGraph.INSPECT), batch);
                }
            }
            g.sd.clearPlaceholders(true);
            g.sd.clearOpInputs();
            return new NtmForwardPass(output, fromPlaceholders(state, batch), trace, saved);
        }
    }

    @Override
    public NtmBackwardPass backward(NtmForwardPass fwd, INDArray dLdy, int firstStep, Map<String, INDArray> gradViews) {
        Saved saved = fwd.saved(Saved.class);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            NtmCellGraph g = graphForBackprop(saved.params);
            int steps = saved.stepInputs.size();
            long batch = dLdy.size(0);
            INDArray dLdx = Nd4j.zeros(dataType, batch, dims.inputSize, steps);
            for (INDArray v : gradViews.values()) {
                v.assign(0);
            }
            List<String> wanted = new ArrayList<>(saved.params.keySet());
            wanted.add(NtmCellGraph.X);
            wanted.addAll(g.stateInputs);

            // dL/d(state out) of the last step is zero: nothing after it reads the state.
            Map<String, INDArray> carried = new HashMap<>();
            for (Map.Entry<String, INDArray> e : saved.stepInputs.get(steps - 1).entrySet()) {
                if (g.stateInputs.contains(e.getKey())) {
                    carried.put(e.getKey(), Nd4j.zeros(dataType, e.getValue().shape()));
                }
            }
            for (int t = steps - 1; t >= firstStep; t--) {
                Map<String, INDArray> in = new HashMap<>(saved.stepInputs.get(t));
                in.put(NtmCellGraph.GRAD + NtmCellGraph.Y,
                        dLdy.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).dup('c'));
                for (int i = 0; i < g.stateInputs.size(); i++) {
                    in.put(NtmCellGraph.GRAD + g.stateOutputs.get(i), carried.get(g.stateInputs.get(i)));
                }
                Map<String, INDArray> grads = g.sd.calculateGradients(in, wanted);
                for (String key : saved.params.keySet()) {
                    INDArray gk = grads.get(key);
                    if (gk != null) {
                        gradViews.get(key).addi(gk.reshape(gradViews.get(key).shape()));
                    }
                }
                dLdx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(grads.get(NtmCellGraph.X));
                Map<String, INDArray> next = new HashMap<>();
                for (String s : g.stateInputs) {
                    INDArray gs = grads.get(s);
                    next.put(s, gs == null ? Nd4j.zeros(dataType, carried.get(s).shape()) : gs.dup('c'));
                }
                carried = next;
            }
            g.sd.clearPlaceholders(true);
            g.sd.clearOpInputs();
            return new NtmBackwardPass(dLdx, fromPlaceholders(carried, batch));
        }
    }

    private Map<String, INDArray> toPlaceholders(NtmState s) {
        long batch = s.batchSize();
        Map<String, INDArray> m = new HashMap<>();
        m.put(NtmCellGraph.MEMORY, s.memory.castTo(dataType).dup('c'));
        m.put(NtmCellGraph.WEIGHTINGS, s.weightings.castTo(dataType).dup('c').reshape(batch, (long) dims.headCount() * dims.memoryRows));
        m.put(NtmCellGraph.READS, s.reads.castTo(dataType).dup('c').reshape(batch, (long) dims.readHeads * dims.memoryWidth));
        if (dims.controller == ControllerType.LSTM) {
            m.put(NtmCellGraph.CONTROLLER_H, s.controllerH.castTo(dataType).dup('c'));
            m.put(NtmCellGraph.CONTROLLER_C, s.controllerC.castTo(dataType).dup('c'));
        }
        return m;
    }

    private NtmState fromPlaceholders(Map<String, INDArray> m, long batch) {
        return new NtmState(m.get(NtmCellGraph.MEMORY),
                m.get(NtmCellGraph.WEIGHTINGS).reshape(batch, dims.headCount(), dims.memoryRows),
                m.get(NtmCellGraph.READS).reshape(batch, dims.readHeads, dims.memoryWidth),
                m.get(NtmCellGraph.CONTROLLER_H), m.get(NtmCellGraph.CONTROLLER_C));
    }

    private INDArray maskColumn(INDArray mask, long batch, long t) {
        if (mask == null) {
            return Nd4j.ones(dataType, batch, 1);
        }
        return mask.get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)).castTo(dataType).dup('c');
    }

    /** Unpacks the per-head [β, g, γ, s] of {@link NtmCellGraph#INSPECT} into the trace. */
    private void record(NtmTrace trace, long t, Map<String, INDArray> state, INDArray packed, long batch) {
        int heads = dims.headCount();
        int shifts = dims.shiftCount();
        INDArray p = packed.reshape(batch, heads, shifts + 3);
        INDArrayIndex all = NDArrayIndex.all();
        trace.record(t,
                state.get(NtmCellGraph.WEIGHTINGS).reshape(batch, heads, dims.memoryRows),
                p.get(all, all, NDArrayIndex.point(0)),
                p.get(all, all, NDArrayIndex.point(1)),
                p.get(all, all, NDArrayIndex.interval(3, 3 + shifts)),
                p.get(all, all, NDArrayIndex.point(2)),
                state.get(NtmCellGraph.MEMORY));
    }
}
