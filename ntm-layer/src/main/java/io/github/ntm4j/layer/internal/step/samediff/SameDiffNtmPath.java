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
    /** The system property that sets the budget of {@link #keepsStepValues}, in bytes. */
    public static final String STEP_VALUES_BUDGET_PROPERTY = "ntm4j.samediff.stepValuesBytes";
    /** 1 GiB. */
    public static final long DEFAULT_STEP_VALUES_BUDGET = 1L << 30;
    private final long stepValuesBudgetBytes;
    private NtmCellGraph graph;
    /** Forward passes for backprop so far: a backward pass reuses its forward pass's values only if it was the last. */
    private long backpropPasses;
    /** Per-example elements a step's values take in a bank ({@link #stepValuesPerExample}), by step specification. */
    private static final Map<NtmSpec, Long> STEP_VALUES = new java.util.concurrent.ConcurrentHashMap<>();

    public SameDiffNtmPath(NtmSpec spec, DataType dataType) {
        this(spec, dataType, Long.getLong(STEP_VALUES_BUDGET_PROPERTY, DEFAULT_STEP_VALUES_BUDGET));
    }

    /** With a budget of {@code stepValuesBudgetBytes} for the step values a pass keeps ({@link #keepsStepValues}). */
    SameDiffNtmPath(NtmSpec spec, DataType dataType, long stepValuesBudgetBytes) {
        this.spec = spec;
        this.dims = spec.dims();
        this.dataType = dataType;
        this.stepValuesBudgetBytes = stepValuesBudgetBytes;
    }

    /**
     * Whether a forward pass for backprop over {@code batch} examples of {@code steps} steps keeps every step's values
     * for its backward pass: when they take at most the budget, {@value #DEFAULT_STEP_VALUES_BUDGET} bytes unless the
     * system property {@value #STEP_VALUES_BUDGET_PROPERTY} says otherwise. Beyond it the backward pass computes them
     * again, step by step, as it did before they were kept: slower, with no memory per step beyond the step's inputs.
     */
    boolean keepsStepValues(long batch, long steps) {
        return batch * steps * stepValuesPerExample(spec) * dataType.width() <= stepValuesBudgetBytes;
    }

    /**
     * The elements of the network's data type (ND4J arrays, off-heap) a forward pass for backprop keeps per
     * example until its backward pass: each step's input x [X] and a 1 (the controller input u = [x ; r ; 1]), the
     * state before every step and after the last, T+1 states of {@link NtmDimensions#stateSize()}, and every value
     * each step's graph computed ({@link #stepValuesPerExample}), which the backward pass reads instead of computing
     * it again. The step values stay allocated after the pass, for the next one. A pass whose step values exceed the
     * budget of {@link #keepsStepValues} does not keep them, and then holds less than this. Not counted: the output and the
     * input's gradient (DL4J counts them as the layer's activations and activation gradients) and SameDiff's arrays
     * for one step, which do not grow with T.
     */
    public static long trainingElementsPerExample(NtmSpec spec, long steps) {
        NtmDimensions d = spec.dims();
        return steps * (d.inputSize + 1L) + (steps + 1) * d.stateSize() + steps * stepValuesPerExample(spec);
    }

    /**
     * The elements per example of everything one step's graph computes (every op's outputs), which a forward pass
     * for backprop keeps per step. Measured once per specification on a step of one example, which builds the step's
     * graph.
     */
    public static long stepValuesPerExample(NtmSpec spec) {
        return STEP_VALUES.computeIfAbsent(spec, s -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                NtmCellGraph g = new NtmCellGraph(s, DataType.FLOAT);
                NtmDimensions d = s.dims();
                Map<String, INDArray> in = new HashMap<>();
                in.put(NtmCellGraph.U, Nd4j.zeros(DataType.FLOAT, 1, g.inputWidth()));
                in.put(NtmCellGraph.WEIGHTINGS, Nd4j.zeros(DataType.FLOAT, 1, d.headCount(), d.memoryRows));
                in.put(NtmCellGraph.MEMORY, Nd4j.zeros(DataType.FLOAT, 1, d.memoryRows, d.memoryWidth));
                if (d.controller == ControllerType.LSTM) {
                    in.put(NtmCellGraph.CONTROLLER_C, Nd4j.zeros(DataType.FLOAT, 1, d.controllerSize));
                }
                g.outputForBackprop(in, 0);
                return g.bankElements(0);
            }
        });
    }

    /** Per example, what inference holds at once besides the output: one step's input and a 1, two states. */
    public static long inferenceElementsPerExample(NtmDimensions d) {
        return d.inputSize + 1L + 2 * d.stateSize();
    }

    /**
     * The SameDiff ops of one step of {@code spec}'s layer: {@code [in the step graph, run per forward step, in its
     * gradient function, run per backward step, run per backward step after an inspected forward pass]} (a backward
     * step reads the values its forward step computed; after a pass with inspection, which does not keep them, it
     * computes them again; a forward step with inspection runs a few more). Builds the
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
        /**
         * Which forward pass for backprop this was ({@link #backpropPasses}), or -1 if its steps' values were not
         * kept (an inspected pass, or one over the budget of {@link #keepsStepValues}: its state is kept in copies);
         * each step t's values, and the state step t + 1 reads, are in the graph's bank t until the next such pass.
         */
        final long pass;
        /** The elements of the banks that hold this pass's step values. */
        long bankElements;

        Saved(Map<String, INDArray> params, double[][] mask, long pass) {
            this.params = params;
            this.mask = mask;
            this.pass = pass;
        }
    }

    /**
     * The elements of the distinct arrays a forward pass for backprop keeps for its backward pass (each step's
     * inputs and starting state), to check {@link #trainingElementsPerExample} against.
     */
    static long savedElements(NtmForwardPass fwd) {
        java.util.Set<INDArray> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Saved saved = fwd.saved(Saved.class);
        for (StepInputs step : saved.steps) {
            if (step != null) {
                distinct.addAll(step.arrays());
            }
        }
        return distinct.stream().mapToLong(INDArray::length).sum() + saved.bankElements;
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
            // Each step's values go into a bank of their own for the backward pass; not with inspection, whose graph
            // runs more ops, nor beyond the budget (the backward pass then computes them again).
            boolean banked = forBackprop && !inspect && keepsStepValues(batch, steps);
            Saved saved = forBackprop ? new Saved(params, m, banked ? ++backpropPasses : -1) : null;
            // Every step's u = [x ; r_1 ; ... ; r_R (; h_prev) ; 1] in one array [T, B, ·], x and the 1s set at once;
            // a step fills in its reads (and h_prev).
            INDArray allU = Nd4j.create(dataType, steps, batch, g.inputWidth());
            allU.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, inputs))
                    .assign(x.permute(2, 0, 1));
            allU.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(g.inputWidth() - 1)).assign(1);
            // The state as the graph takes it: reads [B, R W] and the LSTM's h go into u; weightings, memory, c.
            INDArray reads = c(initial.reads).reshape(batch, readsSize());
            INDArray weightings = c(initial.weightings);
            INDArray memory = c(initial.memory);
            INDArray hPrev = lstm ? c(initial.controllerH) : null;
            INDArray cPrev = lstm ? c(initial.controllerC) : null;
            Map<String, INDArray> in = new HashMap<>();
            int runs = 0;
            int lastRun = -1;
            for (int t = 0; t < steps; t++) {
                List<Integer> padded = padded(m, batch, t);
                if (padded.size() == batch && !inspect) {
                    // Every example pads this step: y stays zero and the state passes through.
                    if (saved != null) {
                        saved.steps.add(null);
                    }
                    continue;
                }
                INDArray u = allU.slice(t);
                u.get(NDArrayIndex.all(), NDArrayIndex.interval(inputs, inputs + readsSize())).assign(reads);
                if (lstm) {
                    u.get(NDArrayIndex.all(), NDArrayIndex.interval(inputs + readsSize(), inputs + readsSize() + hs))
                            .assign(hPrev);
                }
                in.put(NtmCellGraph.U, u);
                in.put(NtmCellGraph.WEIGHTINGS, weightings);
                in.put(NtmCellGraph.MEMORY, memory);
                if (lstm) {
                    in.put(NtmCellGraph.CONTROLLER_C, cPrev);
                }
                // Banked, step t's outputs stay in bank t for the whole pass; otherwise two banks alternate run by run
                // (not step by step: a step every example pads does not run), so that a step's outputs are intact
                // while the next step that runs reads them.
                Map<String, INDArray> res = banked ? g.outputForBackprop(in, t)
                        : g.output(in, inspect, inspect ? 0 : runs % 2);
                runs++;
                lastRun = t;
                if (saved != null) {
                    saved.steps.add(new StepInputs(u, weightings, memory, cPrev));
                }
                // With inspection (one bank), padded examples (whose rows are overwritten below) or for a backward
                // pass that computes the step values again (from inputs it keeps), the state is carried in copies.
                boolean copy = inspect || !padded.isEmpty() || (forBackprop && !banked);
                INDArray h = res.get(NtmCellGraph.H_OUT);
                INDArray newReads = readHeadRows(res.get(NtmCellGraph.READS_OUT), batch);
                INDArray newWeightings = carried(res.get(NtmCellGraph.WEIGHTINGS_OUT), copy);
                INDArray newMemory = carried(res.get(NtmCellGraph.MEMORY_OUT), copy);
                INDArray newH = lstm ? carried(h, copy) : null;
                INDArray newC = lstm ? carried(res.get(NtmCellGraph.CONTROLLER_C_OUT), copy) : null;
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
            if (banked && runs > 0) {
                // Each step that ran filled its bank with arrays of the same sizes: one step's values.
                saved.bankElements = runs * g.bankElements(lastRun);
            }
            // The final state outlives the graph's banks.
            NtmState last = new NtmState(memory.dup('c'), weightings.dup('c'),
                    reads.reshape(batch, dims.readHeads, dims.memoryWidth), lstm ? hPrev.dup('c') : null,
                    lstm ? cPrev.dup('c') : null);
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
            // The steps' values and the state they read are in the graph's banks until the next forward pass for
            // backprop; a pass with inspection keeps copies of the state and is computed again.
            if (saved.pass >= 0 && saved.pass != backpropPasses) {
                throw new IllegalStateException("SameDiffNtmPath.backward: the forward pass it was given is not this "
                        + "path's latest; run forward(..., forBackprop = true, ...) again right before backward");
            }
            boolean reuse = saved.pass >= 0;
            INDArray dLdx = Nd4j.zeros(dataType, batch, inputs, steps);
            Map<String, INDArray> dVariables = new HashMap<>();
            for (Map.Entry<String, INDArray> e : g.variables.entrySet()) {
                dVariables.put(e.getKey(), Nd4j.zeros(dataType, e.getValue().shape()));
            }

            // dL/d(state after the last step) is zero: nothing after it reads the state.
            INDArray dReads = Nd4j.zeros(dataType, batch, reads);
            INDArray dWeightings = Nd4j.zeros(dataType, batch, dims.headCount(), dims.memoryRows);
            INDArray dMemory = Nd4j.zeros(dataType, batch, dims.memoryRows, dims.memoryWidth);
            INDArray dH = lstm ? Nd4j.zeros(dataType, batch, hs) : null;
            INDArray dC = lstm ? Nd4j.zeros(dataType, batch, hs) : null;
            // dL/d(every head's read) [B, R+V, W]: the rows of the write heads are not reads and stay zero.
            INDArray dAllReads = Nd4j.zeros(dataType, batch, dims.headCount(), dims.memoryWidth);
            INDArray dReadRows = dAllReads.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dims.readHeads),
                    NDArrayIndex.all());
            Map<String, INDArray> in = new HashMap<>();
            int bank = 0;
            for (int t = steps - 1; t >= firstStep; t--) {
                StepInputs step = saved.steps.get(t);
                List<Integer> padded = padded(saved.mask, batch, t);
                if (step == null || padded.size() == batch) {
                    continue;              // every example pads: the state's gradient passes through, x gets none
                }
                INDArray dy = dLdy.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
                // dL/dh: from y, and for an LSTM from the next step's h.
                INDArray dyH = dy.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hs));
                INDArray dh = lstm ? dyH.add(dH) : dyH.dup('c');
                // dL/dr: from y and from the next step's u.
                dReadRows.assign(dy.get(NDArrayIndex.all(), NDArrayIndex.interval(hs, dims.outputSize())).add(dReads)
                        .reshape(batch, dims.readHeads, dims.memoryWidth));
                INDArray dAllReadsIn = dAllReads;
                INDArray dW = dWeightings;
                INDArray dM = dMemory;
                INDArray dCOut = dC;
                // A padded example's step has no effect: no gradient reaches it (in copies: the state's gradient
                // passes through it below).
                if (!padded.isEmpty()) {
                    dAllReadsIn = dAllReads.dup('c');
                    dW = dWeightings.dup('c');
                    dM = dMemory.dup('c');
                    dCOut = lstm ? dC.dup('c') : null;
                    for (int b : padded) {
                        for (INDArray a : new INDArray[]{dh, dAllReadsIn, dW, dM, dCOut}) {
                            if (a != null) {
                                row(a, b).assign(0);
                            }
                        }
                    }
                }
                in.put(NtmCellGraph.U, step.u);
                in.put(NtmCellGraph.WEIGHTINGS, step.weightings);
                in.put(NtmCellGraph.MEMORY, step.memory);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.H_OUT), dh);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.READS_OUT), dAllReadsIn);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.WEIGHTINGS_OUT), dW);
                in.put(NtmCellGraph.gradientName(NtmCellGraph.MEMORY_OUT), dM);
                if (lstm) {
                    in.put(NtmCellGraph.CONTROLLER_C, step.controllerC);
                    in.put(NtmCellGraph.gradientName(NtmCellGraph.CONTROLLER_C_OUT), dCOut);
                }
                // Two banks alternate: this step's gradients are intact while the step before reads them.
                bank = 1 - bank;
                Map<String, INDArray> grads = reuse ? g.gradients(in, t, bank) : g.gradients(in, bank);
                for (Map.Entry<String, INDArray> e : dVariables.entrySet()) {
                    e.getValue().addi(grads.get(e.getKey()));
                }
                // u = [x ; r (; h_prev) ; 1]: dL/dx is this step's input gradient, the rest goes to the step before.
                INDArray du = grads.get(NtmCellGraph.U);
                INDArray dx = dLdx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
                dx.assign(du.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputs)));
                INDArray newDReads = du.get(NDArrayIndex.all(), NDArrayIndex.interval(inputs, inputs + reads));
                INDArray newDH = lstm ? du.get(NDArrayIndex.all(),
                        NDArrayIndex.interval(inputs + reads, inputs + reads + hs)) : null;
                INDArray newDWeightings = grads.get(NtmCellGraph.WEIGHTINGS);
                INDArray newDMemory = grads.get(NtmCellGraph.MEMORY);
                INDArray newDC = lstm ? grads.get(NtmCellGraph.CONTROLLER_C) : null;
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
            // dL/d(initial state) outlives the graph's banks.
            return new NtmBackwardPass(dLdx, new NtmState(dMemory.dup('c'), dWeightings.dup('c'),
                    dReads.dup('c').reshape(batch, dims.readHeads, dims.memoryWidth), lstm ? dH.dup('c') : null,
                    lstm ? dC.dup('c') : null));
        }
    }

    /** A step's output carried to the next step: itself, or a copy if {@code copy}. */
    private static INDArray carried(INDArray a, boolean copy) {
        return copy ? a.dup('c') : a;
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
        row(updated, b).assign(row(old, b));
    }

    /** Example b of {@code a}, a view. */
    private static INDArray row(INDArray a, int b) {
        // getRow for a matrix: in ND4J M2.1, slice(b) and get(point(b), all()) of a column range of a matrix (a view at
        // an offset, such as dL/dr inside dL/du) give an empty array.
        return a.rank() == 2 ? a.getRow(b) : a.slice(b);
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
