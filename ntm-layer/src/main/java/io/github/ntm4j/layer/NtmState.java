package io.github.ntm4j.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state an NTM carries from step t-1 to step t, per example ({@code NTM-MATH.md}, "State"):
 * the memory, every head's last weighting, every read head's last read vector, and for an LSTM
 * controller its {@code h} and {@code c}.
 *
 * <p>These are also the keys of {@code rnnGetPreviousState()} / {@code rnnSetPreviousState()}:
 * <ul>
 *   <li>{@value #STATE_KEY_MEMORY}: M [B, N, W];</li>
 *   <li>{@value #STATE_KEY_WEIGHTINGS}: w [B, R+V, N], read heads first;</li>
 *   <li>{@value #STATE_KEY_READS}: r [B, R, W];</li>
 *   <li>{@value #STATE_KEY_CONTROLLER_H}, {@value #STATE_KEY_CONTROLLER_C}: [B, H], LSTM controller only.</li>
 * </ul>
 * Instances are immutable holders; the arrays are 'c'-ordered and owned by whoever made them.
 */
public final class NtmState {
    public static final String STATE_KEY_MEMORY = "memory";
    public static final String STATE_KEY_WEIGHTINGS = "weightings";
    public static final String STATE_KEY_READS = "reads";
    public static final String STATE_KEY_CONTROLLER_H = "controllerH";
    public static final String STATE_KEY_CONTROLLER_C = "controllerC";

    private static final String ALL_KEYS = "[" + STATE_KEY_MEMORY + ", " + STATE_KEY_WEIGHTINGS + ", " + STATE_KEY_READS
            + ", " + STATE_KEY_CONTROLLER_H + " (LSTM only), " + STATE_KEY_CONTROLLER_C + " (LSTM only)]";

    /** The constant every memory cell starts at (Collier &amp; Beel 2018: constant initialisation converges fastest). */
    public static final double DEFAULT_INITIAL_MEMORY = 1e-6;

    /** M: [B, N, W]. */
    public final INDArray memory;
    /** w: [B, R+V, N]. */
    public final INDArray weightings;
    /** r: [B, R, W]. */
    public final INDArray reads;
    /** LSTM h: [B, H], or null for a feed-forward controller. */
    public final INDArray controllerH;
    /** LSTM c: [B, H], or null for a feed-forward controller. */
    public final INDArray controllerC;

    public NtmState(INDArray memory, INDArray weightings, INDArray reads, INDArray controllerH, INDArray controllerC) {
        this.memory = memory;
        this.weightings = weightings;
        this.reads = reads;
        this.controllerH = controllerH;
        this.controllerC = controllerC;
    }

    /** The minibatch size B. */
    public long batchSize() {
        return memory.size(0);
    }

    /**
     * The state before step 1: the learned one when the layer learns it, otherwise memory at
     * {@code initialMemoryValue}, every head's weight on row 0 (NTM-Lasagne's one-hot default), zero reads
     * and a zero LSTM state.
     */
    public static NtmState initial(NtmLayer conf, Map<String, INDArray> params, long batch, DataType dataType) {
        NtmDimensions d = NtmDimensions.of(conf);
        INDArray memory;
        INDArray weightings;
        INDArray reads;
        if (conf.isLearnInitialState()) {
            INDArray m0 = params.get(NtmParams.INITIAL_MEMORY).castTo(dataType);               // [N, W]
            INDArray w0 = Transforms.softmax(params.get(NtmParams.INITIAL_WEIGHTING_LOGITS).castTo(dataType), true); // [R+V, N]
            INDArray r0 = params.get(NtmParams.INITIAL_READS).castTo(dataType);                // [R, W]
            memory = broadcastBatch(m0, batch);
            weightings = broadcastBatch(w0, batch);
            reads = broadcastBatch(r0, batch);
        } else {
            memory = Nd4j.valueArrayOf(new long[]{batch, d.memoryRows, d.memoryWidth}, conf.getInitialMemoryValue(), dataType);
            // One-hot on row 0, written in Java: a strided assign on a [B, R+V, N] view is slow in ND4J.
            double[] oneHot = new double[(int) (batch * d.headCount() * d.memoryRows)];
            for (int i = 0; i < oneHot.length; i += d.memoryRows) {
                oneHot[i] = 1.0;
            }
            weightings = Nd4j.create(oneHot, new long[]{batch, d.headCount(), d.memoryRows}, DataType.DOUBLE).castTo(dataType);
            reads = Nd4j.zeros(dataType, batch, d.readHeads, d.memoryWidth);
        }
        INDArray h = null;
        INDArray c = null;
        if (d.controller == ControllerType.LSTM) {
            h = Nd4j.zeros(dataType, batch, d.controllerSize);
            c = Nd4j.zeros(dataType, batch, d.controllerSize);
        }
        return new NtmState(memory, weightings, reads, h, c);
    }

    private static INDArray broadcastBatch(INDArray perExample, long batch) {
        long[] shape = new long[perExample.rank() + 1];
        shape[0] = batch;
        System.arraycopy(perExample.shape(), 0, shape, 1, perExample.rank());
        INDArray out = Nd4j.create(perExample.dataType(), shape);
        for (long b = 0; b < batch; b++) {
            out.get(NDArrayIndex.point(b)).assign(perExample);
        }
        return out;
    }

    /**
     * Writes the learned initial state's parameter gradients (overwriting them, as every gradient view
     * is written per backward pass) from the gradient of the loss with respect to the initial state.
     * Does nothing when the layer does not learn its initial state.
     *
     * @param gradInitial dL/d(initial state), in this class's layout; null when this pass did not start
     *                    from the initial state (a later TBPTT segment, or a stored rnnTimeStep state),
     *                    which gives zero gradients
     * @param params      the layer's parameters (the logits are needed for the softmax's backward pass)
     * @param gradViews   the layer's gradient views, by parameter key
     */
    public static void backpropInitial(NtmLayer conf, Map<String, INDArray> params, NtmState gradInitial,
                                       Map<String, INDArray> gradViews) {
        if (!conf.isLearnInitialState()) {
            return;
        }
        INDArray dM0 = gradViews.get(NtmParams.INITIAL_MEMORY);
        INDArray dLogits = gradViews.get(NtmParams.INITIAL_WEIGHTING_LOGITS);
        INDArray dR0 = gradViews.get(NtmParams.INITIAL_READS);
        if (gradInitial == null) {
            dM0.assign(0);
            dLogits.assign(0);
            dR0.assign(0);
            return;
        }
        DataType dt = dM0.dataType();
        dM0.assign(gradInitial.memory.sum(0).castTo(dt));
        dR0.assign(gradInitial.reads.sum(0).castTo(dt));
        // Softmax over each row: dL/dlogit = w ∘ (dL/dw - Σ_n w dL/dw).
        INDArray w0 = Transforms.softmax(params.get(NtmParams.INITIAL_WEIGHTING_LOGITS).castTo(dt), true); // [R+V, N]
        INDArray dw = gradInitial.weightings.sum(0).castTo(dt);                                           // [R+V, N]
        INDArray dot = dw.mul(w0).sum(true, 1);                                                         // [R+V, 1]
        dLogits.assign(w0.mul(dw.subColumnVector(dot)));
    }

    /** The state as a map under the public {@code STATE_KEY_*} keys. */
    public Map<String, INDArray> toMap() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(STATE_KEY_MEMORY, memory);
        m.put(STATE_KEY_WEIGHTINGS, weightings);
        m.put(STATE_KEY_READS, reads);
        if (controllerH != null) {
            m.put(STATE_KEY_CONTROLLER_H, controllerH);
            m.put(STATE_KEY_CONTROLLER_C, controllerC);
        }
        return m;
    }

    /** This state with every array detached from workspaces and duplicated. */
    public NtmState detachedCopy() {
        return new NtmState(memory.detach().dup('c'), weightings.detach().dup('c'), reads.detach().dup('c'),
                controllerH == null ? null : controllerH.detach().dup('c'),
                controllerC == null ? null : controllerC.detach().dup('c'));
    }

    /**
     * Reads a state map as set by {@code rnnSetPreviousState}, checking every key and shape.
     *
     * @throws IllegalArgumentException naming the first missing key or wrong shape, with the expected one
     */
    public static NtmState fromMap(Map<String, INDArray> map, NtmDimensions d, long batch, DataType dataType) {
        INDArray memory = require(map, STATE_KEY_MEMORY, new long[]{batch, d.memoryRows, d.memoryWidth}, dataType);
        INDArray weightings = require(map, STATE_KEY_WEIGHTINGS, new long[]{batch, d.headCount(), d.memoryRows}, dataType);
        INDArray reads = require(map, STATE_KEY_READS, new long[]{batch, d.readHeads, d.memoryWidth}, dataType);
        INDArray h = null;
        INDArray c = null;
        if (d.controller == ControllerType.LSTM) {
            h = require(map, STATE_KEY_CONTROLLER_H, new long[]{batch, d.controllerSize}, dataType);
            c = require(map, STATE_KEY_CONTROLLER_C, new long[]{batch, d.controllerSize}, dataType);
        }
        return new NtmState(memory, weightings, reads, h, c);
    }

    private static INDArray require(Map<String, INDArray> map, String key, long[] shape, DataType dataType) {
        INDArray a = map.get(key);
        if (a == null) {
            throw new IllegalArgumentException("NtmLayer state: missing key \"" + key + "\" (expected an array of shape "
                    + Arrays.toString(shape) + "); the state keys are " + ALL_KEYS + ", got "
                    + map.keySet());
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("NtmLayer state: \"" + key + "\" has shape " + Arrays.toString(a.shape())
                    + " but the layer expects " + Arrays.toString(shape) + " for a minibatch of " + shape[0]);
        }
        return a.dataType() == dataType ? a : a.castTo(dataType);
    }

}
