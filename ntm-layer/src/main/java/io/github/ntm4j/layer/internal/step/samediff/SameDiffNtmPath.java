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
     * example until its backward pass: each step's input x [X] and a 1 (the controller input u = [x ; r ; 1]), and
     * the state before every step and after the last, T+1 states of {@link NtmDimensions#stateSize()}. Not counted: the output and the input's
     * gradient (DL4J counts them as the layer's activations and activation gradients) and SameDiff's arrays for
     * one step, which do not grow with T.
     */
    public static long trainingElementsPerExample(NtmDimensions d, long steps) {
        return steps * (d.inputSize + 1L) + (steps + 1) * d.stateSize();
    }

    /** Per example, what inference holds at once besides the output: one step's input and a 1, two states. */
    public static long inferenceElementsPerExample(NtmDimensions d) {
        return d.inputSize + 1L + 2 * d.stateSize();
    }

    /**
     * The SameDiff ops of one step of {@code spec}'s layer: {@code [in the step graph, run per forward step, in its
     * gradient function, run per backward step]} (a forward step with inspection runs a few more). Builds the
     * graphs, which costs about as much as a few steps; SameDiff prints a line per differentiated op.
     */
    public static int[] opCounts(NtmSpec spec, DataType dataType) {
        return new NtmCellGraph(spec, dataType).opCounts();
    }

    /** One step's graph inputs, kept for its backward pass. */
    private static final class StepInputs {
        /** u = [x ; r (; h_prev) ; 1], the weightings [B, R+V, N], the memory [B, N, W], the LSTM's c [B, H]. */
        final INDArray u;
        final INDArray weightings;
        final INDArray memory;
        final INDArray controllerC;

        StepInputs(INDArray u, INDArray weightings, INDArray memory, INDArray controllerC) {
            this.u = u;
            this.weightings = weightings;
            this.memory = memory;
            this.controllerC = controllerC;
        }

        List<INDArray> arrays() {
            List<INDArray> a = new ArrayList<>();
            for (INDArray v : new INDArray[]{u, weightings, memory, controllerC}) {
                if (v != null) {
                    a.add(v);
                }
            }
            return a;
        }
    }

    /** What the backward pass needs: the parameters, each step's inputs (null where the graph did not run), the mask. */
    private static final class Saved {
        final Map<String, INDArray> params;
        final List<StepInputs> steps = new ArrayList<>();
        /** The mask [B][T] (1 = real step), or null for none. */
        final double[][] mask;

        Saved(Map<String, INDArray> params, double[][] mask) {
            this.params = params;
            this.mask = mask;
        }
    }

    /**
     * The elements of the distinct arrays a forward pass for backprop keeps for its backward pass (each step's
     * inputs and starting state), to check {@link #trainingElementsPerExample} against.
     */
    static long savedElements(NtmForwardPass fwd) {
        java.util.Set<INDArray> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (StepInputs step : fwd.saved(Saved.class).steps) {
            if (step != null) {
                distinct.addAll(step.arrays());
            }
        }
        return distinct.stream().mapToLong(INDArray::length).sum();
    }

    /** The graph, its variables loaded from the step parameters {@code params} (they change between passes). */
    private NtmCellGraph graph(Map<String, INDArray> params) {
        if (graph == null) {
            graph = new NtmCellGraph(spec, dataType);
        }
        graph.load(params);
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
            g.createGradientFunction();
        }
        return g;
    }

    @Override
    public NtmForwardPass forward(Map<String, INDArray> params, INDArray x, INDArray mask, NtmState initial,
                                  boolean forBackprop, boolean inspect) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            NtmCellGraph g = graph(params);
            int batch = (int) x.size(0);
            long steps = x.size(2);
            int inputs = dims.inputSize;
            int hs = dims.controllerSize;
            boolean lstm = dims.controller == ControllerType.LSTM;
            INDArray output = Nd4j.create(dataType, batch, dims.outputSize(), steps);
            NtmTrace trace = inspect ? new NtmTrace(dims, batch, steps) : null;
            double[][] m = mask == null ? null : mask.castTo(DataType.DOUBLE).toDoubleMatrix();
            Saved saved = forBackprop ? new Saved(params, m) : null;
            // The state as the graph takes it: reads [B, R W] and the LSTM's h go into u; weightings, memory, c.
            INDArray reads = c(initial.reads).reshape(batch, readsSize());
            INDArray weightings = c(initial.weightings);
            INDArray memory = c(initial.memory);
            INDArray hPrev = lstm ? c(initial.controllerH) : null;
            INDArray cPrev = lstm ? c(initial.controllerC) : null;
            Map<String, INDArray> in = new HashMap<>();
            for (int t = 0; t < steps; t++) {
                List<Integer> padded = padded(m, batch, t);
                if (padded.size() == batch && !inspect) {
                    // Every example pads this step: y stays zero and the state passes through.
                    if (saved != null) {
                        saved.steps.add(null);
                    }
                    continue;
                }
                // u = [x ; r_1 ; ... ; r_R (; h_prev) ; 1]
                INDArray u = Nd4j.create(dataType, batch, g.inputWidth());
                u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputs))
                        .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)));
                u.get(NDArrayIndex.all(), NDArrayIndex.interval(inputs, inputs + readsSize())).assign(reads);
                if (lstm) {
                    u.get(NDArrayIndex.all(), NDArrayIndex.interval(inputs + readsSize(), inputs + readsSize() + hs))
                            .assign(hPrev);
                }
                u.getColumn(g.inputWidth() - 1).assign(1);
                in.put(NtmCellGraph.U, u);
                in.put(NtmCellGraph.WEIGHTINGS, weightings);
                in.put(NtmCellGraph.MEMORY, memory);
                if (lstm) {
                    in.put(NtmCellGraph.CONTROLLER_C, cPrev);
                }
                Map<String, INDArray> res = g.output(in, inspect);
                if (saved != null) {
                    saved.steps.add(new StepInputs(u, weightings, memory, cPrev));
                }
                // SameDiff reuses its output arrays between calls: keep copies.
                INDArray h = res.get(NtmCellGraph.H_OUT);
                INDArray newReads = readHeadRows(res.get(NtmCellGraph.READS_OUT), batch);
                INDArray newWeightings = res.get(NtmCellGraph.WEIGHTINGS_OUT).dup('c');
                INDArray newMemory = res.get(NtmCellGraph.MEMORY_OUT).dup('c');
                INDArray newH = lstm ? h.dup('c') : null;
                INDArray newC = lstm ? res.get(NtmCellGraph.CONTROLLER_C_OUT).dup('c') : null;
                // y = [h ; r_1 ; ... ; r_R]
                INDArray y = output.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
                y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hs)).assign(h);
                y.get(NDArrayIndex.all(), NDArrayIndex.interval(hs, dims.outputSize())).assign(newReads);
                // A padded step outputs zero and keeps the whole state.
                for (int b : padded) {
                    y.getRow(b).assign(0);
                    keepRow(newReads, reads, b);
                    keepRow(newWeightings, weightings, b);
                    keepRow(newMemory, memory, b);
                    if (lstm) {
                        keepRow(newH, hPrev, b);
                        keepRow(newC, cPrev, b);
                    }
                }
                reads = newReads;
                weightings = newWeightings;
                memory = newMemory;
                hPrev = newH;
                cPrev = newC;
                if (trace != null) {
                    trace.record(t, weightings, res.get(NtmCellGraph.BETA), res.get(NtmCellGraph.GATE),
                            res.get(NtmCellGraph.SHIFT), res.get(NtmCellGraph.GAMMA), memory);
                }
            }
            NtmState last = new NtmState(memory, weightings, reads.reshape(batch, dims.readHeads, dims.memoryWidth),
                    hPrev, cPrev);
            return new NtmForwardPass(output, last, trace, saved);
        }
    }

    @Override
    public NtmBackwardPass backward(NtmForwardPass fwd, INDArray dLdy, int firstStep, Map<String, INDArray> gradViews) {
        Saved saved = fwd.saved(Saved.class);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            NtmCellGraph g = graphForBackprop(saved.params);
            int steps = saved.steps.size();
            int batch = (int) dLdy.size(0);
            int inputs = dims.inputSize;
            int hs = dims.controllerSize;
            int reads = readsSize();
            boolean lstm = dims.controller == ControllerType.LSTM;
            INDArray dLdx = Nd4j.zeros(dataType, batch, inputs, steps);
            Map<String, INDArray> dVariables = new HashMap<>();
            for (Map.Entry<String, INDArray> e : g.variables.entrySet()) {
                dVariables.put(e.getKey(), Nd4j.zeros(dataType, e.getValue().shape()));
            }
            double scale = g.upstreamScale();

            // dL/d(state after the last step) is zero: nothing after it reads the state.
            INDArray dReads = Nd4j.zeros(dataType, batch, reads);
            INDArray dWeightings = Nd4j.zeros(dataType, batch, dims.headCount(), dims.memoryRows);
            INDArray dMemory = Nd4j.zeros(dataType, batch, dims.memoryRows, dims.memoryWidth);
            INDArray dH = lstm ? Nd4j.zeros(dataType, batch, hs) : null;
            INDArray dC = lstm ? Nd4j.zeros(dataType, batch, hs) : null;
            Map<String, INDArray> in = new HashMap<>();
            for (int t = steps - 1; t >= firstStep; t--) {
                StepInputs step = saved.steps.get(t);
                List<Integer> padded = padded(saved.mask, batch, t);
                if (step == null || padded.size() == batch) {
                    continue;              // every example pads: the state's gradient passes through, x gets none
                }
                INDArray dy = dLdy.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
                // dL/dh: from y, and for an LSTM from the next step's h.
                INDArray dh = dy.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hs)).dup('c');
                if (lstm) {
                    dh.addi(dH);
                }
                dh.muli(scale);
                // dL/dr: from y and from the next step's u; zero for the rows that are not reads.
                INDArray dAllReads = Nd4j.zeros(dataType, batch, dims.headCount(), dims.memoryWidth);
                dAllReads.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dims.readHeads), NDArrayIndex.all())
                        .assign(dy.get(NDArrayIndex.all(), NDArrayIndex.interval(hs, dims.outputSize())).add(dReads)
                                .reshape(batch, dims.readHeads, dims.memoryWidth).muli(scale));
                INDArray dW = dWeightings.mul(scale);
                INDArray dM = dMemory.mul(scale);
                INDArray dCOut = lstm ? dC.mul(scale) : null;
                // A padded example's step has no effect: no gradient reaches it.
                for (int b : padded) {
                    for (INDArray a : new INDArray[]{dh, dAllReads, dW, dM, dCOut}) {
                        if (a != null) {
                            a.slice(b).assign(0);
                        }
                    }
                }
                in.put(NtmCellGraph.U, step.u);
                in.put(NtmCellGraph.WEIGHTINGS, step.weightings);
                in.put(NtmCellGraph.MEMORY, step.memory);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.H_OUT), dh);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.READS_OUT), dAllReads);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.WEIGHTINGS_OUT), dW);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.MEMORY_OUT), dM);
                if (lstm) {
                    in.put(NtmCellGraph.CONTROLLER_C, step.controllerC);
                    in.put(NtmCellGraph.gradientName(NtmCellGraph.CONTROLLER_C_OUT), dCOut);
                }
                Map<String, INDArray> grads = g.gradients(in);
                for (Map.Entry<String, INDArray> e : dVariables.entrySet()) {
                    e.getValue().addi(grads.get(e.getKey()));
                }
                // u = [x ; r (; h_prev) ; 1]: dL/dx is this step's input gradient, the rest goes to the step before.
                INDArray du = grads.get(NtmCellGraph.U);
                INDArray dx = dLdx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
                dx.assign(du.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputs)));
                INDArray newDReads = du.get(NDArrayIndex.all(), NDArrayIndex.interval(inputs, inputs + reads)).dup('c');
                INDArray newDH = lstm ? du.get(NDArrayIndex.all(),
                        NDArrayIndex.interval(inputs + reads, inputs + reads + hs)).dup('c') : null;
                INDArray newDWeightings = grads.get(NtmCellGraph.WEIGHTINGS).dup('c');
                INDArray newDMemory = grads.get(NtmCellGraph.MEMORY).dup('c');
                INDArray newDC = lstm ? grads.get(NtmCellGraph.CONTROLLER_C).dup('c') : null;
                // A padded example: the state's gradient passes through unchanged and x gets none.
                for (int b : padded) {
                    dx.getRow(b).assign(0);
                    keepRow(newDReads, dReads, b);
                    keepRow(newDWeightings, dWeightings, b);
                    keepRow(newDMemory, dMemory, b);
                    if (lstm) {
                        keepRow(newDH, dH, b);
                        keepRow(newDC, dC, b);
                    }
                }
                dReads = newDReads;
                dWeightings = newDWeightings;
                dMemory = newDMemory;
                dH = newDH;
                dC = newDC;
            }
            for (INDArray v : gradViews.values()) {
                v.assign(0);
            }
            g.parameterGradients(dVariables, gradViews);
            return new NtmBackwardPass(dLdx, new NtmState(dMemory, dWeightings,
                    dReads.reshape(batch, dims.readHeads, dims.memoryWidth), dH, dC));
        }
    }

    private int readsSize() {
        return dims.readHeads * dims.memoryWidth;
    }

    /** {@code a} in the data type, in 'c' order, as a new array. */
    private INDArray c(INDArray a) {
        return a.castTo(dataType).dup('c');
    }

    /** The read heads' rows of the graph's reads [B, R+V, W], as [B, R W]. */
    private INDArray readHeadRows(INDArray allReads, long batch) {
        return allReads.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dims.readHeads), NDArrayIndex.all())
                .dup('c').reshape(batch, readsSize());
    }

    /** Example b of {@code updated} becomes example b of {@code old}. */
    private static void keepRow(INDArray updated, INDArray old, int b) {
        updated.slice(b).assign(old.slice(b));
    }

    /** The examples that pad step t. */
    private static List<Integer> padded(double[][] mask, int batch, int t) {
        if (mask == null) {
            return List.of();
        }
        List<Integer> p = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            if (mask[b][t] == 0) {
                p.add(b);
            }
        }
        return p;
    }

}
