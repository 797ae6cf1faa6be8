package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.inspect.NtmTrace;
import io.github.ntm4j.layer.internal.step.ArrayAllocator;
import io.github.ntm4j.layer.internal.step.NtmBackwardPass;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import io.github.ntm4j.layer.internal.step.NtmPath;
import io.github.ntm4j.layer.internal.step.NtmSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The fused CPU path: the whole NTM sequence, forward and backward through time, in plain Java over
 * {@code double[]}, computing the same {@code NTM-MATH.md} step as the SameDiff path with the same
 * parameter layout ({@link io.github.ntm4j.layer.NtmParams}) and state layout ({@link NtmState}).
 *
 * <p>Each call copies its ND4J inputs in once, loops in Java with no ND4J call inside the time loop, and
 * copies the results out once. Internally everything is double, whatever the layer's data type. Work
 * buffers live in this instance and grow only when the minibatch or the sequence grows.
 *
 * <p>The mechanisms are in one class each, named as in the paper and mirroring the SameDiff graph
 * builders: {@link FusedController}, {@link FusedHeadParams}, {@link FusedAddressing} (contentWeights,
 * interpolate, shift, sharpen), {@link FusedMemory} (read, write = erase + add); {@link FusedSequence}
 * runs them over time, and {@link FusedTape} is what the forward pass keeps for the backward pass.
 *
 * <p>Not thread-safe: one instance per layer. A forward pass's saved data is valid until the next
 * forward pass of the same instance; {@link #backward} checks this.
 */
public final class FusedNtmPath implements NtmPath {
    private final NtmDimensions dims;
    private final DataType dataType;
    private final FusedParams params;
    private final FusedTape tape;
    private final FusedSequence sequence;
    /** A second worker for the upper half of large minibatches (its own scratch and gradients). */
    private final FusedSequence secondSequence;
    /** Minibatches at least this large are split across two threads. */
    private int parallelThreshold = DEFAULT_PARALLEL_THRESHOLD;
    static final int DEFAULT_PARALLEL_THRESHOLD = 8;
    private final FusedStateBuffers initialState;
    private final FusedStateBuffers finalStateBuffers;
    private final FusedStateBuffers initialGradient;
    private final FusedTraceBuffers trace;
    private double[] x = new double[0];      // [B, X, T]
    private double[] mask = new double[0];   // [B, T]
    private double[] y = new double[0];      // [B, H+R*W, T]
    private double[] dy = new double[0];     // [B, H+R*W, T]
    private double[] dx = new double[0];     // [B, X, T]
    private long generation;
    private long backwardGeneration;

    public FusedNtmPath(NtmSpec spec, DataType dataType) {
        this.dims = spec.dims();
        this.dataType = dataType;
        this.params = new FusedParams(dims);
        this.tape = new FusedTape(dims);
        this.sequence = new FusedSequence(spec);
        this.secondSequence = new FusedSequence(spec);
        this.initialState = new FusedStateBuffers(dims);
        this.finalStateBuffers = new FusedStateBuffers(dims);
        this.initialGradient = new FusedStateBuffers(dims);
        this.trace = new FusedTraceBuffers(dims);
    }

    /**
     * The Java heap, in bytes, the fused path holds for a training pass (forward for backprop, then backward)
     * on {@code batch} sequences of {@code steps} steps: its {@link FusedTape} (T step records and T+1 state
     * records per example), its sequence buffers (input, mask, output, output gradient and input gradient, as
     * doubles) and the staging for copies between ND4J and Java (per thread, up to a float and a double array as
     * large as the largest of input and output). The path keeps them between passes and reuses them, growing
     * them when a pass is larger. Not counted: the trace when inspection is on, and the JVM's own objects.
     */
    public static long trainingHeapBytes(NtmDimensions d, long batch, long steps) {
        long perExampleStep = FusedTape.stepRecordSize(d) + FusedTape.stateRecordSize(d) + bufferDoubles(d, true);
        return batch * (steps * perExampleStep + FusedTape.stateRecordSize(d)) * Double.BYTES
                + stagingBytes(d, batch, steps, true);
    }

    /**
     * The Java heap, in bytes, the fused path holds for inference on {@code batch} sequences of {@code steps}
     * steps: one step record and two state records per example, the input, mask and output buffers, and the
     * staging. With the exclusions of {@link #trainingHeapBytes}.
     */
    public static long inferenceHeapBytes(NtmDimensions d, long batch, long steps) {
        return batch * (FusedTape.stepRecordSize(d) + 2 * FusedTape.stateRecordSize(d)
                + steps * bufferDoubles(d, false)) * Double.BYTES + stagingBytes(d, batch, steps, false);
    }

    /** Per example and step: x [X], the mask [1], y [H+R*W], and for backprop dy [H+R*W] and dx [X]. */
    private static long bufferDoubles(NtmDimensions d, boolean forBackprop) {
        long forward = d.inputSize + 1L + d.outputSize();
        return forBackprop ? forward + d.outputSize() + d.inputSize : forward;
    }

    /**
     * The staging part of {@link #trainingHeapBytes} and {@link #inferenceHeapBytes}: floats for copying the
     * largest of input and output [B, max(X, H+R*W), T] (a float network's arrays), and doubles for gathering a
     * strided one: the output's gradient in training (DL4J passes it in 'f' order), the input in inference.
     */
    static long stagingBytes(NtmDimensions d, long batch, long steps, boolean forBackprop) {
        long largest = batch * steps * Math.max(d.inputSize, d.outputSize());
        long gathered = forBackprop ? largest : batch * steps * d.inputSize;
        return NdBridge.stagingBytes(largest, gathered);
    }

    /** The bytes of every array this path holds for its passes (tape and sequence buffers; not the staging). */
    long heldHeapBytes() {
        return tape.heldBytes() + ((long) x.length + mask.length + y.length + dy.length + dx.length) * Double.BYTES;
    }

    /**
     * Makes the tape and the sequence buffers big enough for this pass. When something must grow, a training
     * pass is first checked against the heap ({@link #requireFits}); the arrays that grow are dropped before
     * their replacements are allocated, so the heap needs the new size, not the old one as well.
     */
    private void reserve(int batch, int steps, boolean forBackprop) {
        long bt = (long) batch * steps;
        long nx = Math.max(x.length, bt * dims.inputSize);
        long nMask = Math.max(mask.length, bt);
        long ny = Math.max(y.length, bt * dims.outputSize());
        long nDy = forBackprop ? Math.max(dy.length, bt * dims.outputSize()) : dy.length;
        long nDx = forBackprop ? Math.max(dx.length, bt * dims.inputSize) : dx.length;
        long staging = NdBridge.stagingBytes();
        long held = heldHeapBytes() + staging;
        long after = tape.bytesAfter(batch, steps, forBackprop) + (nx + nMask + ny + nDy + nDx) * Double.BYTES
                + Math.max(staging, stagingBytes(dims, batch, steps, forBackprop));
        if (after > held && forBackprop) {
            requireFits(dims, batch, steps, after, held, HeapBudget.forAllocation(after - held));
        }
        x = nx > x.length ? EMPTY : x;
        mask = nMask > mask.length ? EMPTY : mask;
        y = ny > y.length ? EMPTY : y;
        dy = nDy > dy.length ? EMPTY : dy;
        dx = nDx > dx.length ? EMPTY : dx;
        tape.prepare(batch, steps, forBackprop);
        x = atLeast(x, nx);
        mask = atLeast(mask, nMask);
        y = atLeast(y, ny);
        dy = atLeast(dy, nDy);
        dx = atLeast(dx, nDx);
    }

    /**
     * Refuses, before anything is allocated, a training pass that would hold {@code afterBytes} of Java heap
     * when only {@code heap.freeBytes()} more can be allocated: every step of every example keeps a step record,
     * a state record and its buffers (8 bytes a double), so training on very long sequences needs truncated
     * BPTT. The path's own arrays ({@code heldBytes}) are replaced by the new ones, so they count as available.
     * The message names the size, the heap's limit and use, and a segment length that fits.
     */
    static void requireFits(NtmDimensions d, int batch, int steps, long afterBytes, long heldBytes, HeapBudget heap) {
        if (afterBytes - heldBytes <= heap.freeBytes()) {
            return;
        }
        long available = heap.freeBytes() + heldBytes;
        long perStep = trainingHeapBytes(d, batch, 2) - trainingHeapBytes(d, batch, 1);
        long fixed = trainingHeapBytes(d, batch, 0);
        long fits = available > fixed ? (available - fixed) / perStep : 0;
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "NtmLayer: training on %d sequence%s of %d "
                        + "steps needs %s of Java heap for backpropagation through time (the fused path's tape and "
                        + "buffers), more than the %s available: the heap's limit (-Xmx) is %s, of which %s %s in use%s",
                batch, batch == 1 ? "" : "s", steps, size(afterBytes), size(available), size(heap.maxBytes()),
                size(heap.usedBytes()), heap.collected() ? "was" : "is",
                heap.collected() ? " after a garbage collection" : ""));
        if (heldBytes > 0) {
            m.append(" (").append(size(heldBytes)).append(" of it this layer's buffers, which count as available)");
        }
        if (fits >= 1) {
            m.append(String.format(Locale.ROOT, ". Give Java more heap (-Xmx) or train with truncated "
                    + "BPTT, segments of at most %d steps (.backpropType(BackpropType.TruncatedBPTT).tBPTTLength(%d))",
                    fits, fits));
        } else {
            m.append(". Not even one step fits: give Java more heap (-Xmx) or use a smaller minibatch");
        }
        m.append(". ND4J's arrays are not on this heap and not counted here; JavaCPP's "
                + "org.bytedeco.javacpp.maxPhysicalBytes limits them.");
        throw new IllegalArgumentException(m.toString());
    }

    /** Bytes as MB or GB with one decimal (powers of 1000). */
    private static String size(long bytes) {
        return bytes >= 1_000_000_000L ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** Marks a forward pass made for backprop; valid while its generation is the path's current one. */
    private static final class Saved {
        final FusedNtmPath owner;
        final long generation;
        final int batch;
        final int steps;

        Saved(FusedNtmPath owner, long generation, int batch, int steps) {
            this.owner = owner;
            this.generation = generation;
            this.batch = batch;
            this.steps = steps;
        }
    }

    @Override
    public NtmForwardPass forward(Map<String, INDArray> paramViews, INDArray input, INDArray maskArray,
                                  NtmState initial, boolean forBackprop, boolean inspect) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int batch = (int) input.size(0);
            int steps = (int) input.size(2);
            generation++;
            long t = FusedTimings.now();
            params.load(paramViews);
            t = FusedTimings.lap(FusedTimings.Part.PARAMETERS_IN, t);
            reserve(batch, steps, forBackprop);
            NdBridge.copyIn(input, x);
            if (maskArray == null) {
                Arrays.fill(mask, 0, batch * steps, 1.0);
            } else {
                NdBridge.copyIn(maskArray, mask);
            }
            initialState.prepare(batch);
            initialState.load(initial);
            initialState.toTape(tape, 0);
            if (inspect) {
                trace.prepare(batch, steps);
            }

            FusedTraceBuffers tr = inspect ? trace : null;
            double[] xs = x, ms = mask, ys = y;
            t = FusedTimings.lap(FusedTimings.Part.INPUTS_IN, t);
            inParallel(batch, (seq, from, to) -> seq.forward(tape, params, xs, ms, ys, tr, from, to));
            t = FusedTimings.lap(FusedTimings.Part.KERNEL_FORWARD, t);

            NtmTrace nt = null;
            if (inspect) {
                nt = new NtmTrace(dims, batch, steps);
                trace.writeTo(nt);
            }
            Saved saved = forBackprop ? new Saved(this, generation, batch, steps) : null;
            FusedTimings.lap(FusedTimings.Part.RESULTS_OUT, t);
            long pass = generation;
            return new NtmForwardPass(allocator -> output(pass, allocator, batch, steps),
                    () -> finalState(pass, batch, steps), nt, saved);
        }
    }

    /** The output of forward pass {@code pass}, copied out of {@link #y} while it still holds that pass. */
    private INDArray output(long pass, ArrayAllocator allocator, int batch, int steps) {
        checkPass(pass, generation, "output", "forward");
        return resultOut(y, allocator, batch, dims.outputSize(), steps);
    }

    /** The final state of forward pass {@code pass}, copied out of the tape while it still holds that pass. */
    private NtmState finalState(long pass, int batch, int steps) {
        checkPass(pass, generation, "final state", "forward");
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            finalStateBuffers.prepare(batch);
            finalStateBuffers.fromTape(tape, steps);
            return finalStateBuffers.toState(dataType);
        }
    }

    @Override
    public NtmBackwardPass backward(NtmForwardPass fwd, INDArray dLdy, int firstStep, Map<String, INDArray> gradViews) {
        Saved saved = fwd.saved(Saved.class);
        if (saved.owner != this || saved.generation != generation) {
            throw new IllegalStateException("FusedNtmPath.backward: the forward pass it was given is not this path's "
                    + "latest; run forward(..., forBackprop = true, ...) again right before backward");
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int batch = saved.batch;
            int steps = saved.steps;
            int inputLength = batch * dims.inputSize * steps;
            long t = FusedTimings.now();
            dy = atLeast(dy, batch * dims.outputSize() * steps);
            NdBridge.copyIn(dLdy, dy);
            t = FusedTimings.lap(FusedTimings.Part.INPUTS_IN, t);
            dx = atLeast(dx, inputLength);
            Arrays.fill(dx, 0, inputLength, 0);   // steps before firstStep get no gradient
            initialGradient.prepare(batch);
            sequence.gradients.clear();
            secondSequence.gradients.clear();
            int first = Math.max(0, firstStep);
            double[] ms = mask, dys = dy, dxs = dx;
            inParallel(batch, (seq, from, to) -> seq.backward(tape, params, ms, dys, dxs, first, initialGradient, from, to));
            t = FusedTimings.lap(FusedTimings.Part.KERNEL_BACKWARD, t);
            sequence.gradients.add(secondSequence.gradients);
            sequence.gradients.store(gradViews);
            FusedTimings.lap(FusedTimings.Part.RESULTS_OUT, t);
            long pass = ++backwardGeneration;
            return new NtmBackwardPass(allocator -> inputGradient(pass, allocator, batch, steps),
                    () -> initialStateGradient(pass));
        }
    }

    /** dL/dx of backward pass {@code pass}, copied out of {@link #dx} while it still holds that pass. */
    private INDArray inputGradient(long pass, ArrayAllocator allocator, int batch, int steps) {
        checkPass(pass, backwardGeneration, "dL/dx", "backward");
        return resultOut(dx, allocator, batch, dims.inputSize, steps);
    }

    /** dL/d(initial state) of backward pass {@code pass}, copied out while the buffers still hold that pass. */
    private NtmState initialStateGradient(long pass) {
        checkPass(pass, backwardGeneration, "dL/d(initial state)", "backward");
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return initialGradient.toState(dataType);
        }
    }

    /** A result buffer copied into a new array of {@code shape} that {@code allocator} makes (timed as results out). */
    private INDArray resultOut(double[] src, ArrayAllocator allocator, long... shape) {
        long t = FusedTimings.now();
        INDArray out = allocator.create(dataType, shape);
        NdBridge.write(src, out);
        FusedTimings.lap(FusedTimings.Part.RESULTS_OUT, t);
        return out;
    }

    /** Refuses a result of pass {@code pass} once the path's {@code current} pass of that kind is a later one. */
    private static void checkPass(long pass, long current, String what, String kind) {
        if (pass != current) {
            throw new IllegalStateException("FusedNtmPath: the " + what + " of a " + kind + " pass must be read "
                    + "before the next " + kind + " pass of the same path");
        }
    }

    /** Work on examples [from, to) by one worker. */
    private interface ExampleRange {
        void run(FusedSequence sequence, int from, int to);
    }

    /**
     * Runs {@code work} over [0, batch): on this thread for small minibatches, otherwise the upper half on a
     * second thread with its own worker. Examples are independent, and each worker writes only its own
     * examples' records and its own gradient accumulators.
     */
    private void inParallel(int batch, ExampleRange work) {
        if (batch < parallelThreshold) {
            work.run(sequence, 0, batch);
            return;
        }
        int half = batch / 2;
        java.util.concurrent.Future<?> upper = WORKER.submit(() -> work.run(secondSequence, half, batch));
        work.run(sequence, 0, half);
        try {
            upper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("FusedNtmPath: interrupted while waiting for the second worker", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("FusedNtmPath: the second worker failed", e.getCause());
        }
    }

    /** Sets the minibatch size from which two threads are used (package-private, for tests and benchmarks). */
    void setParallelThreshold(int threshold) {
        this.parallelThreshold = Math.max(2, threshold);
    }

    /** One shared daemon thread for every path's second worker. */
    private static final java.util.concurrent.ExecutorService WORKER =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "ntm-fused-worker");
                t.setDaemon(true);
                return t;
            });

    private static final double[] EMPTY = new double[0];

    private static double[] atLeast(double[] a, long length) {
        if (a.length >= length) {
            return a;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("NtmLayer fused path: " + length + " doubles exceed a Java array; use a "
                    + "smaller minibatch or shorter segments (truncated BPTT)");
        }
        return new double[(int) length];
    }
}
