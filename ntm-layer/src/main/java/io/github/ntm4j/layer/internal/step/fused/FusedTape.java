package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;

/**
 * What the fused forward pass keeps for backpropagation through time, in flat {@code double[]} grown
 * only when the minibatch or the sequence grows (so a training loop allocates nothing in steady state).
 *
 * <p>Two kinds of record, both per example {@code b}:
 * <ul>
 *   <li>per step {@code t} ({@link #step}): the controller input u, its pre-activations and outputs,
 *       θ before and after its activations, the memory row norms |M[n]|², and per head the
 *       addressing intermediates (k·M[n], the cosine's reciprocal norm, wc, wg, ws, w, log(ws + ε));</li>
 *   <li>per state {@code t = 0..T} ({@link #state}): the carried state before step t (memory, every
 *       head's weighting, the read vectors, the LSTM h and c); state T is the final one.</li>
 * </ul>
 * Memory is held by columns, each an array of its own ({@link #memory}), for {@link FusedMemory}'s loops.
 * Without backprop only one step record and two alternating state records per example are kept.
 */
final class FusedTape {
    /** Per-head addressing record, each of length N, at {@link #addressing}: */
    static final int DOT = 0;    // k · M[n]
    static final int RNORM = 1;  // 1 / sqrt(|k|² |M[n]|² + ε)
    static final int WC = 2;     // content weighting wc
    static final int WG = 3;     // interpolated wg
    static final int WS = 4;     // shifted ws
    static final int W = 5;      // sharpened w (the head's new weighting, before masking)
    static final int LOG_WS = 6; // log(ws + ε), kept so that the backward pass need not take N logarithms again
    static final int ADDRESSING_PARTS = 7;

    final NtmDimensions d;
    final int inputWidth;       // U = X + R*W
    final int gateWidth;        // G = H or 4H
    final int thetaWidth;       // P
    final int memorySize;       // N*W
    final int weightingsSize;   // (R+V)*N
    final int readsSize;        // R*W
    final int addressingSize;   // (R+V)*7*N
    final boolean lstm;

    int batch;
    int steps;
    boolean forBackprop;

    // ---- per step: [B*T][...] (or [B][...] without backprop)
    double[] u;          // u = [x ; r_1..r_R]: [U]
    double[] z;          // controller pre-activations: [G]
    double[] gates;      // LSTM only, activated gates i, f, o, g: [4H]
    double[] h;          // controller output h: [H]
    double[] c;          // LSTM only, cell c: [H]
    double[] tanhC;      // LSTM only, tanh(c): [H]
    double[] thetaHat;   // θ̂ = h·Wh + bh: [P]
    double[] theta;      // θ after the per-part activations: [P]
    double[] rowNorm2;   // |M_{t-1}[n]|²: [N]
    double[] addressing; // per head [7][N], see DOT..LOG_WS

    // ---- per state: [B*(T+1)][...] (or [B*2][...] without backprop)
    /** M by columns: column i of state record r is {@code memory[r * W + i]}, its N rows at offset 0. */
    double[][] memory;
    double[] weightings; // w of every head, read heads first: [(R+V)*N]
    double[] reads;      // r: [R*W]
    double[] ctrlH;      // LSTM only: [H]
    double[] ctrlC;      // LSTM only: [H]

    FusedTape(NtmDimensions d) {
        this.d = d;
        this.inputWidth = d.controllerInputSize();
        this.gateWidth = d.controllerGateSize();
        this.thetaWidth = d.thetaSize();
        this.memorySize = d.memoryRows * d.memoryWidth;
        this.weightingsSize = d.headCount() * d.memoryRows;
        this.readsSize = d.readHeads * d.memoryWidth;
        this.addressingSize = d.headCount() * ADDRESSING_PARTS * d.memoryRows;
        this.lstm = d.controller == ControllerType.LSTM;
    }

    /** Step and state records the arrays have room for (they grow, never shrink). */
    private long stepCapacity;
    private long stateCapacity;

    /** The step records a pass keeps: every step of every example for backprop, one per example otherwise. */
    static long stepRecords(int batch, int steps, boolean forBackprop) {
        return forBackprop ? (long) batch * steps : batch;
    }

    /** The state records a pass keeps: T+1 per example for backprop, two alternating ones otherwise. */
    static long stateRecords(int batch, int steps, boolean forBackprop) {
        return forBackprop ? (long) batch * (steps + 1) : 2L * batch;
    }

    /** The bytes of the arrays this tape holds now. */
    long heldBytes() {
        return bytes(stepCapacity, stateCapacity);
    }

    /** The bytes this tape will hold after {@link #prepare}{@code (batch, steps, forBackprop)}. */
    long bytesAfter(int batch, int steps, boolean forBackprop) {
        return bytes(Math.max(stepCapacity, stepRecords(batch, steps, forBackprop)),
                Math.max(stateCapacity, stateRecords(batch, steps, forBackprop)));
    }

    private long bytes(long stepRecords, long stateRecords) {
        return (stepRecords * stepRecordSize(d) + stateRecords * stateRecordSize(d)) * Double.BYTES;
    }

    /**
     * Makes room for {@code batch} examples of {@code steps} steps, reusing the arrays when they are big
     * enough. When any must grow, all are dropped first and allocated again at the larger size, so that the
     * old ones are garbage while the new ones are allocated (the heap needs the new size, not both).
     */
    void prepare(int batch, int steps, boolean forBackprop) {
        this.batch = batch;
        this.steps = steps;
        this.forBackprop = forBackprop;
        long stepRecords = Math.max(stepCapacity, stepRecords(batch, steps, forBackprop));
        long stateRecords = Math.max(stateCapacity, stateRecords(batch, steps, forBackprop));
        if (stepRecords == stepCapacity && stateRecords == stateCapacity) {
            return;
        }
        u = z = gates = h = c = tanhC = thetaHat = theta = rowNorm2 = addressing = null;
        memory = null;
        weightings = reads = ctrlH = ctrlC = null;
        int hs = d.controllerSize;
        // The widths here are the ones stepRecordSize and stateRecordSize add up: change both together.
        u = allocate(stepRecords, inputWidth);
        z = allocate(stepRecords, gateWidth);
        h = allocate(stepRecords, hs);
        thetaHat = allocate(stepRecords, thetaWidth);
        theta = allocate(stepRecords, thetaWidth);
        rowNorm2 = allocate(stepRecords, d.memoryRows);
        addressing = allocate(stepRecords, addressingSize);
        memory = allocateColumns(stateRecords, d.memoryWidth, d.memoryRows);
        weightings = allocate(stateRecords, weightingsSize);
        reads = allocate(stateRecords, readsSize);
        if (lstm) {
            gates = allocate(stepRecords, gateWidth);
            c = allocate(stepRecords, hs);
            tanhC = allocate(stepRecords, hs);
            ctrlH = allocate(stateRecords, hs);
            ctrlC = allocate(stateRecords, hs);
        }
        stepCapacity = stepRecords;
        stateCapacity = stateRecords;
    }

    /**
     * The doubles of one step record ({@link #step}): u, z, h, θ̂, θ, |M[n]|², the heads' addressing, and
     * for an LSTM its gates, c and tanh(c).
     */
    static long stepRecordSize(NtmDimensions d) {
        long size = d.controllerInputSize() + d.controllerGateSize() + d.controllerSize + 2L * d.thetaSize()
                + d.memoryRows + (long) d.headCount() * ADDRESSING_PARTS * d.memoryRows;
        return d.controller == ControllerType.LSTM ? size + d.controllerGateSize() + 2L * d.controllerSize : size;
    }

    /** The doubles of one state record ({@link #state}): M, every head's w, r, and the LSTM's h and c. */
    static long stateRecordSize(NtmDimensions d) {
        return d.stateSize();
    }

    private static double[] allocate(long records, int width) {
        long need = records * width;
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("NtmLayer fused path: " + records + " records of " + width
                    + " doubles exceed a Java array; use a smaller minibatch or shorter segments (truncated BPTT)");
        }
        return new double[(int) need];
    }

    private static double[][] allocateColumns(long records, int width, int rows) {
        long need = records * width;
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("NtmLayer fused path: " + records + " memory records exceed a Java"
                    + " array; use a smaller minibatch or shorter segments (truncated BPTT)");
        }
        return new double[(int) need][rows];
    }

    /** Where state record r's memory columns start in {@link #memory}. */
    int memory(int r) {
        return r * d.memoryWidth;
    }

    /** Copies memory [N, W] from {@code flat} at {@code fo}, row-major, into state record r's columns. */
    void memoryIn(double[] flat, int fo, int r) {
        int rows = d.memoryRows, width = d.memoryWidth;
        for (int i = 0; i < width; i++) {
            double[] c = memory[r * width + i];
            for (int n = 0; n < rows; n++) {
                c[n] = flat[fo + n * width + i];
            }
        }
    }

    /** Copies state record r's memory into {@code flat} at {@code fo}, row-major [N, W]. */
    void memoryOut(int r, double[] flat, int fo) {
        columnsOut(memory, r * d.memoryWidth, flat, fo);
    }

    /** Copies memory by columns ({@code columns[co + i]}) into {@code flat} at {@code fo}, row-major [N, W]. */
    void columnsOut(double[][] columns, int co, double[] flat, int fo) {
        int rows = d.memoryRows, width = d.memoryWidth;
        for (int i = 0; i < width; i++) {
            double[] c = columns[co + i];
            for (int n = 0; n < rows; n++) {
                flat[fo + n * width + i] = c[n];
            }
        }
    }

    /** The step record of example b at step t. */
    int step(int b, int t) {
        return forBackprop ? b * steps + t : b;
    }

    /** The state record of example b before step t (t = steps: the final state). */
    int state(int b, int t) {
        return forBackprop ? b * (steps + 1) + t : b * 2 + (t & 1);
    }

    /** Start of head i's addressing part in {@link #addressing} for step record s. */
    int addressing(int s, int head, int part) {
        return s * addressingSize + (head * ADDRESSING_PARTS + part) * d.memoryRows;
    }
}
