package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmState;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A whole minibatch's {@link NtmState} as flat {@code double[]} in NtmState's layout: memory [B, N, W],
 * weightings [B, R+V, N], reads [B, R, W], LSTM h and c [B, H]. Stages the initial state in, the final
 * state out, and the initial-state gradient out.
 */
final class FusedStateBuffers {
    private final NtmDimensions d;
    private final boolean lstm;
    private final int memorySize, weightingsSize, readsSize, hs;
    private int batch;
    double[] memory = new double[0];
    double[] weightings = new double[0];
    double[] reads = new double[0];
    double[] ctrlH = new double[0];
    double[] ctrlC = new double[0];

    FusedStateBuffers(NtmDimensions d) {
        this.d = d;
        this.lstm = d.controller == ControllerType.LSTM;
        this.memorySize = d.memoryRows * d.memoryWidth;
        this.weightingsSize = d.headCount() * d.memoryRows;
        this.readsSize = d.readHeads * d.memoryWidth;
        this.hs = d.controllerSize;
    }

    void prepare(int batch) {
        this.batch = batch;
        if (memory.length < batch * memorySize) {
            memory = new double[batch * memorySize];
            weightings = new double[batch * weightingsSize];
            reads = new double[batch * readsSize];
            if (lstm) {
                ctrlH = new double[batch * hs];
                ctrlC = new double[batch * hs];
            }
        }
    }

    /** Copies {@code s} in. */
    void load(NtmState s) {
        NdBridge.copyIn(s.memory, memory);
        NdBridge.copyIn(s.weightings, weightings);
        NdBridge.copyIn(s.reads, reads);
        if (lstm) {
            NdBridge.copyIn(s.controllerH, ctrlH);
            NdBridge.copyIn(s.controllerC, ctrlC);
        }
    }

    /** Writes every example's state into the tape's state record before step t. */
    void toTape(FusedTape tape, int t) {
        for (int b = 0; b < batch; b++) {
            int r = tape.state(b, t);
            tape.memoryIn(memory, b * memorySize, r);
            System.arraycopy(weightings, b * weightingsSize, tape.weightings, r * weightingsSize, weightingsSize);
            System.arraycopy(reads, b * readsSize, tape.reads, r * readsSize, readsSize);
            if (lstm) {
                System.arraycopy(ctrlH, b * hs, tape.ctrlH, r * hs, hs);
                System.arraycopy(ctrlC, b * hs, tape.ctrlC, r * hs, hs);
            }
        }
    }

    /** Gathers every example's state record before step t (t = T: the final state) from the tape. */
    void fromTape(FusedTape tape, int t) {
        for (int b = 0; b < batch; b++) {
            int r = tape.state(b, t);
            tape.memoryOut(r, memory, b * memorySize);
            storeRest(b, tape.weightings, r * weightingsSize, tape.reads, r * readsSize, tape.ctrlH, tape.ctrlC, r * hs);
        }
    }

    /** Stores example b's state from arrays that hold only that example. */
    void store(int b, double[] m, double[] w, double[] r, double[] h, double[] c) {
        System.arraycopy(m, 0, memory, b * memorySize, memorySize);
        storeRest(b, w, 0, r, 0, h, c, 0);
    }

    /** Stores example b's state besides memory. */
    private void storeRest(int b, double[] w, int wo, double[] r, int ro, double[] h, double[] c, int ho) {
        System.arraycopy(w, wo, weightings, b * weightingsSize, weightingsSize);
        System.arraycopy(r, ro, reads, b * readsSize, readsSize);
        if (lstm) {
            System.arraycopy(h, ho, ctrlH, b * hs, hs);
            System.arraycopy(c, ho, ctrlC, b * hs, hs);
        }
    }

    /** The staged state as an {@link NtmState} of new arrays in {@code dt}. */
    NtmState toState(DataType dt) {
        long bb = batch;
        return new NtmState(
                NdBridge.copyOut(memory, dt, bb, d.memoryRows, d.memoryWidth),
                NdBridge.copyOut(weightings, dt, bb, d.headCount(), d.memoryRows),
                NdBridge.copyOut(reads, dt, bb, d.readHeads, d.memoryWidth),
                lstm ? NdBridge.copyOut(ctrlH, dt, bb, hs) : null,
                lstm ? NdBridge.copyOut(ctrlC, dt, bb, hs) : null);
    }
}
