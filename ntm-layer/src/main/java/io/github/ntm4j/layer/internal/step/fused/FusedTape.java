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
 *       addressing intermediates (k·M[n], the cosine's reciprocal norm, wc, wg, ws, w);</li>
 *   <li>per state {@code t = 0..T} ({@link #state}): the carried state before step t (memory, every
 *       head's weighting, the read vectors, the LSTM h and c); state T is the final one.</li>
 * </ul>
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
    static final int ADDRESSING_PARTS = 6;

    final NtmDimensions d;
    final int inputWidth;       // U = X + R*W
    final int gateWidth;        // G = H or 4H
    final int thetaWidth;       // P
    final int memorySize;       // N*W
    final int weightingsSize;   // (R+V)*N
    final int readsSize;        // R*W
    final int addressingSize;   // (R+V)*6*N
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
    double[] addressing; // per head [6][N], see DOT..W

    // ---- per state: [B*(T+1)][...] (or [B*2][...] without backprop)
    double[] memory;     // M: [N*W]
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

    /** Makes room for {@code batch} examples of {@code steps} steps; reuses the arrays when they are big enough. */
    void prepare(int batch, int steps, boolean forBackprop) {
        if (forBackprop) {
            requireFits(d, batch, steps, Runtime.getRuntime().maxMemory());
        }
        this.batch = batch;
        this.steps = steps;
        this.forBackprop = forBackprop;
        int stepRecords = forBackprop ? batch * steps : batch;
        int stateRecords = forBackprop ? batch * (steps + 1) : batch * 2;
        int hs = d.controllerSize;
        // The widths here are the ones stepRecordSize and stateRecordSize add up: change both together.
        u = grow(u, stepRecords, inputWidth);
        z = grow(z, stepRecords, gateWidth);
        h = grow(h, stepRecords, hs);
        thetaHat = grow(thetaHat, stepRecords, thetaWidth);
        theta = grow(theta, stepRecords, thetaWidth);
        rowNorm2 = grow(rowNorm2, stepRecords, d.memoryRows);
        addressing = grow(addressing, stepRecords, addressingSize);
        memory = grow(memory, stateRecords, memorySize);
        weightings = grow(weightings, stateRecords, weightingsSize);
        reads = grow(reads, stateRecords, readsSize);
        if (lstm) {
            gates = grow(gates, stepRecords, gateWidth);
            c = grow(c, stepRecords, hs);
            tanhC = grow(tanhC, stepRecords, hs);
            ctrlH = grow(ctrlH, stateRecords, hs);
            ctrlC = grow(ctrlC, stateRecords, hs);
        }
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
        long size = (long) d.memoryRows * d.memoryWidth + (long) d.headCount() * d.memoryRows
                + (long) d.readHeads * d.memoryWidth;
        return d.controller == ControllerType.LSTM ? size + 2L * d.controllerSize : size;
    }

    /**
     * Refuses, before anything is allocated, a backward pass whose tape could never fit in the heap: every
     * step of every example keeps a step record and a state record (8 bytes a double), so training on very
     * long sequences needs truncated BPTT. The message names the size and a segment length that fits.
     *
     * @param maxHeapBytes the heap's limit ({@code Runtime.maxMemory()})
     */
    static void requireFits(NtmDimensions d, int batch, int steps, long maxHeapBytes) {
        long perStep = (long) batch * (stepRecordSize(d) + stateRecordSize(d)) * Double.BYTES;
        long needed = perStep * steps + (long) batch * stateRecordSize(d) * Double.BYTES;
        if (needed <= maxHeapBytes) {
            return;
        }
        long fits = Math.max(0, maxHeapBytes / perStep - 1);
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "NtmLayer: training on %d "
                + "sequence%s of %d steps needs %.1f GB for backpropagation through time, more than the heap's "
                + "%.1f GB; give Java more heap (-Xmx) or train with truncated BPTT, segments of at most %d steps "
                + "(.backpropType(BackpropType.TruncatedBPTT).tBPTTLength(%d))", batch, batch == 1 ? "" : "s",
                steps, needed / 1e9, maxHeapBytes / 1e9, fits, fits));
    }

    private static double[] grow(double[] a, int records, int width) {
        long need = (long) records * width;
        if (need > Integer.MAX_VALUE) {
            throw new IllegalStateException("NtmLayer fused path: " + records + " records of " + width
                    + " doubles exceed a Java array; use a smaller minibatch or shorter segments (truncated BPTT)");
        }
        return a != null && a.length >= need ? a : new double[(int) need];
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
