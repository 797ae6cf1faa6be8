package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.HeadLayout;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.internal.step.NtmSpec;

import java.util.Arrays;

/**
 * Runs the NTM over whole sequences of a range of examples, forward ({@code NTM-MATH.md} steps 1-6
 * per time step, then the mask) and backward through time. Each instance owns its scratch and its
 * parameter-gradient accumulators, so two instances can work on disjoint examples of one
 * {@link FusedTape} in parallel.
 *
 * <p>All sequence buffers are laid out as the ND4J arrays they come from or go to, 'c' order:
 * x [B, X, T], mask [B, T], y and dL/dy [B, H+R*W, T], dL/dx [B, X, T].
 */
final class FusedSequence {
    private final NtmDimensions d;
    private final FusedController controller;
    private final FusedHeadParams headParams;
    private final FusedAddressing addressing;
    private final FusedMemory memory;
    final FusedParams gradients;

    private final int n, width, heads, reads, hs, inputs, outputs, theta;
    private final int memorySize, weightingsSize, readsSize;

    // write heads' offsets for the current step record: w_v in tape.addressing, e_v and a_v in tape.theta
    private final int[] writeW, writeE, writeA;
    // the same for the gradients: dw_v in dWeights, de_v and da_v in dTheta
    private final int[] dWriteW, dWriteE, dWriteA;

    // backward scratch: carried state gradients (dL/d state after the step) and the ones being built
    // (memory's by columns, [W][N], as in the tape)
    private double[][] cMemory, pMemory;
    private double[] cWeights, cReads, cH, cC;
    private double[] pWeights, pReads, pH, pC;
    private final double[] memoryFlat;   // [N*W]: the initial-state gradient of memory, row-major
    private final double[] dTheta, dh, dz, du, dk, dWeights, dw, dws, dwg, dwc, dRow, dr;

    FusedSequence(NtmSpec spec) {
        NtmDimensions d = spec.dims();
        this.d = d;
        this.controller = new FusedController(d, spec.controllerActivation());
        this.headParams = new FusedHeadParams(d, spec.keyActivation(), spec.addActivation());
        this.memory = new FusedMemory(d.memoryRows, d.memoryWidth, d.writeHeads);
        this.addressing = new FusedAddressing(d.memoryRows, d.memoryWidth, d.shiftRange, memory);
        this.gradients = new FusedParams(d);
        n = d.memoryRows;
        width = d.memoryWidth;
        heads = d.headCount();
        reads = d.readHeads;
        hs = d.controllerSize;
        inputs = d.inputSize;
        outputs = d.outputSize();
        theta = d.thetaSize();
        memorySize = n * width;
        weightingsSize = heads * n;
        readsSize = reads * width;
        writeW = new int[d.writeHeads];
        writeE = new int[d.writeHeads];
        writeA = new int[d.writeHeads];
        dWriteW = new int[d.writeHeads];
        dWriteE = new int[d.writeHeads];
        dWriteA = new int[d.writeHeads];
        for (int v = 0; v < d.writeHeads; v++) {
            HeadLayout head = d.head(reads + v);
            dWriteW[v] = (reads + v) * n;
            dWriteE[v] = head.offset() + head.erase();
            dWriteA[v] = head.offset() + head.add();
        }
        cMemory = new double[width][n];
        pMemory = new double[width][n];
        memoryFlat = new double[memorySize];
        cWeights = new double[weightingsSize];
        pWeights = new double[weightingsSize];
        cReads = new double[readsSize];
        pReads = new double[readsSize];
        cH = new double[hs];
        pH = new double[hs];
        cC = new double[hs];
        pC = new double[hs];
        dTheta = new double[theta];
        dh = new double[hs];
        dz = new double[d.controllerGateSize()];
        du = new double[d.controllerInputSize()];
        dk = new double[width];
        dWeights = new double[weightingsSize];
        dw = new double[n];
        dws = new double[n];
        dwg = new double[n];
        dwc = new double[n];
        dRow = new double[n];
        dr = new double[readsSize];
    }

    // ================================================================== forward

    /**
     * Forward over examples [from, to): every step, the mask, and the trace when {@code trace} is not null.
     * The initial state must be in the tape's state record 0 of every example.
     *
     * @param y receives y [B, H+R*W, T]
     */
    void forward(FusedTape tape, FusedParams p, double[] x, double[] mask, double[] y, FusedTraceBuffers trace,
                 int from, int to) {
        int steps = tape.steps;
        for (int b = from; b < to; b++) {
            for (int t = 0; t < steps; t++) {
                int in = tape.state(b, t);
                int out = tape.state(b, t + 1);
                double m = mask[b * steps + t];
                if (m == 0 && trace == null) {
                    // A padding step: the state passes through and the output is zero. Nothing to compute.
                    copyState(tape, in, out);
                    for (int o = 0; o < outputs; o++) {
                        y[(b * outputs + o) * steps + t] = 0;
                    }
                    continue;
                }
                int s = tape.step(b, t);
                step(tape, p, x, b, t, s, in, out);
                output(tape, s, out, m, y, b, t);
                if (m != 1) {
                    keep(tape, in, out, m);
                }
                if (trace != null) {
                    trace.record(tape, b, t, s, out);
                }
            }
        }
    }

    /** One NTM step of example b ({@code NTM-MATH.md} steps 1-5), from state record in to state record out. */
    private void step(FusedTape tape, FusedParams p, double[] x, int b, int t, int s, int in, int out) {
        int steps = tape.steps;
        // 1. u = [x_t ; r_1 ; ... ; r_R]
        int uo = s * d.controllerInputSize();
        for (int i = 0; i < inputs; i++) {
            tape.u[uo + i] = x[(b * inputs + i) * steps + t];
        }
        System.arraycopy(tape.reads, in * readsSize, tape.u, uo + inputs, readsSize);
        // 2. controller
        controller.forward(tape, s, in, p);
        // 3. heads: θ, then addressing from M_{t-1}
        headParams.forward(tape, s, p);
        int mo = tape.memory(in);
        memory.rowNorms2(tape.memory, mo, tape.rowNorm2, s * n);
        double[] th = tape.theta;
        double[] a = tape.addressing;
        for (int i = 0; i < heads; i++) {
            HeadLayout head = d.head(i);
            int o = s * theta + head.offset();
            int prev = in * weightingsSize + i * n;
            addressing.contentWeights(tape.memory, mo, tape.rowNorm2, s * n, th, o + head.key(), th[o + head.beta()],
                    a, tape.addressing(s, i, FusedTape.DOT), a, tape.addressing(s, i, FusedTape.RNORM),
                    a, tape.addressing(s, i, FusedTape.WC));
            addressing.interpolate(th[o + head.gate()], a, tape.addressing(s, i, FusedTape.WC), tape.weightings, prev,
                    a, tape.addressing(s, i, FusedTape.WG));
            addressing.shift(a, tape.addressing(s, i, FusedTape.WG), th, o + head.shift(),
                    a, tape.addressing(s, i, FusedTape.WS));
            addressing.sharpen(a, tape.addressing(s, i, FusedTape.WS), th[o + head.gamma()],
                    a, tape.addressing(s, i, FusedTape.W), a, tape.addressing(s, i, FusedTape.LOG_WS));
            System.arraycopy(a, tape.addressing(s, i, FusedTape.W), tape.weightings, out * weightingsSize + i * n, n);
        }
        // 4. reads from M_{t-1}
        for (int j = 0; j < reads; j++) {
            memory.read(tape.memory, mo, a, tape.addressing(s, j, FusedTape.W), tape.reads, out * readsSize + j * width);
        }
        // 5. all write heads together on M_{t-1}
        writeOffsets(tape, s);
        memory.write(tape.memory, mo, a, writeW, th, writeE, writeA, tape.memory, tape.memory(out));
        if (tape.lstm) {
            System.arraycopy(tape.h, s * hs, tape.ctrlH, out * hs, hs);
            System.arraycopy(tape.c, s * hs, tape.ctrlC, out * hs, hs);
        }
    }

    private void writeOffsets(FusedTape tape, int s) {
        for (int v = 0; v < writeW.length; v++) {
            HeadLayout head = d.head(reads + v);
            writeW[v] = tape.addressing(s, reads + v, FusedTape.W);
            writeE[v] = s * theta + head.offset() + head.erase();
            writeA[v] = s * theta + head.offset() + head.add();
        }
    }

    /** 6. y_t = m [h ; r_1 ; ... ; r_R] (a padding step outputs zero). */
    private void output(FusedTape tape, int s, int out, double m, double[] y, int b, int t) {
        int steps = tape.steps;
        int base = b * outputs * steps + t;
        for (int j = 0; j < hs; j++) {
            y[base + j * steps] = tape.h[s * hs + j] * m;
        }
        for (int j = 0; j < readsSize; j++) {
            y[base + (hs + j) * steps] = tape.reads[out * readsSize + j] * m;
        }
    }

    /** Masking: state out = in + m (out - in), so m = 0 keeps the old state and m = 1 the new one. */
    private void keep(FusedTape tape, int in, int out, double m) {
        for (int i = 0; i < width; i++) {
            blend(tape.memory[tape.memory(in) + i], tape.memory[tape.memory(out) + i], n, m);
        }
        blend(tape.weightings, in * weightingsSize, out * weightingsSize, weightingsSize, m);
        blend(tape.reads, in * readsSize, out * readsSize, readsSize, m);
        if (tape.lstm) {
            blend(tape.ctrlH, in * hs, out * hs, hs, m);
            blend(tape.ctrlC, in * hs, out * hs, hs, m);
        }
    }

    private static void blend(double[] a, int in, int out, int len, double m) {
        for (int i = 0; i < len; i++) {
            a[out + i] = a[in + i] + (a[out + i] - a[in + i]) * m;
        }
    }

    /** {@link #blend} of two separate arrays: out = in + (out - in) m. */
    private static void blend(double[] in, double[] out, int len, double m) {
        for (int i = 0; i < len; i++) {
            out[i] = in[i] + (out[i] - in[i]) * m;
        }
    }

    private void copyState(FusedTape tape, int in, int out) {
        for (int i = 0; i < width; i++) {
            System.arraycopy(tape.memory[tape.memory(in) + i], 0, tape.memory[tape.memory(out) + i], 0, n);
        }
        System.arraycopy(tape.weightings, in * weightingsSize, tape.weightings, out * weightingsSize, weightingsSize);
        System.arraycopy(tape.reads, in * readsSize, tape.reads, out * readsSize, readsSize);
        if (tape.lstm) {
            System.arraycopy(tape.ctrlH, in * hs, tape.ctrlH, out * hs, hs);
            System.arraycopy(tape.ctrlC, in * hs, tape.ctrlC, out * hs, hs);
        }
    }

    // ================================================================== backward

    /**
     * Backpropagation through time over examples [from, to), from the last step down to {@code firstStep};
     * adds the parameter gradients to {@link #gradients}.
     *
     * @param dy      dL/dy [B, H+R*W, T]
     * @param dx      receives dL/dx [B, X, T] at steps >= firstStep (the rest is left as it is)
     * @param initial receives dL/d(state before firstStep) per example
     */
    void backward(FusedTape tape, FusedParams p, double[] mask, double[] dy, double[] dx, int firstStep,
                  FusedStateBuffers initial, int from, int to) {
        int steps = tape.steps;
        headParams.begin(gradients);
        controller.begin(gradients);
        for (int b = from; b < to; b++) {
            for (double[] c : cMemory) {
                Arrays.fill(c, 0);         // nothing after the last step reads its state
            }
            Arrays.fill(cWeights, 0);
            Arrays.fill(cReads, 0);
            Arrays.fill(cH, 0);
            Arrays.fill(cC, 0);
            for (int t = steps - 1; t >= firstStep; t--) {
                double m = mask[b * steps + t];
                if (m == 0) {
                    continue;              // a padding step: the state gradient passes through unchanged
                }
                stepBackward(tape, p, dy, dx, b, t, m);
                swapCarried();
            }
            headParams.flush();
            controller.flush();
            tape.columnsOut(cMemory, 0, memoryFlat, 0);
            initial.store(b, memoryFlat, cWeights, cReads, cH, cC);
        }
        headParams.end(gradients);
        controller.end(gradients);
    }

    /**
     * Backward of one step of example b: reads dL/d(state after) from the c* arrays, builds dL/d(state
     * before) in the p* arrays.
     */
    private void stepBackward(FusedTape tape, FusedParams p, double[] dy, double[] dx, int b, int t, double m) {
        int steps = tape.steps;
        int s = tape.step(b, t);
        int in = tape.state(b, t);
        int mo = tape.memory(in);
        // The mask: state out = in + m (new - in), y = m y_new.
        for (int i = 0; i < width; i++) {
            splitCarried(cMemory[i], pMemory[i], m);
        }
        splitCarried(cWeights, pWeights, m);
        splitCarried(cReads, pReads, m);
        splitCarried(cH, pH, m);
        splitCarried(cC, pC, m);
        int base = b * outputs * steps + t;
        for (int j = 0; j < hs; j++) {
            dh[j] = dy[base + j * steps] * m + cH[j];
        }
        for (int j = 0; j < readsSize; j++) {
            dr[j] = dy[base + (hs + j) * steps] * m + cReads[j];
        }
        System.arraycopy(cWeights, 0, dWeights, 0, weightingsSize);
        Arrays.fill(dTheta, 0);

        double[] a = tape.addressing;
        double[] th = tape.theta;
        // 4. reads
        for (int j = 0; j < reads; j++) {
            memory.readBackward(tape.memory, mo, a, tape.addressing(s, j, FusedTape.W), dr, j * width, dWeights, j * n,
                    pMemory);
        }
        // 5. writes
        writeOffsets(tape, s);
        memory.writeBackward(tape.memory, mo, a, writeW, th, writeE, writeA, cMemory, pMemory, dWeights, dWriteW,
                dTheta, dWriteE, dWriteA);
        // 3. addressing of every head, in reverse: sharpen, shift, interpolate, content
        for (int i = 0; i < heads; i++) {
            HeadLayout head = d.head(i);
            int o = s * theta + head.offset();
            int od = head.offset();
            System.arraycopy(dWeights, i * n, dw, 0, n);
            dTheta[od + head.gamma()] = addressing.sharpenBackward(a, tape.addressing(s, i, FusedTape.WS),
                    th[o + head.gamma()], a, tape.addressing(s, i, FusedTape.W), a,
                    tape.addressing(s, i, FusedTape.LOG_WS), dw, dws);
            addressing.shiftBackward(a, tape.addressing(s, i, FusedTape.WG), th, o + head.shift(), dws, dwg,
                    dTheta, od + head.shift());
            dTheta[od + head.gate()] = addressing.interpolateBackward(th[o + head.gate()], a,
                    tape.addressing(s, i, FusedTape.WC), tape.weightings, in * weightingsSize + i * n, dwg, dwc,
                    pWeights, i * n);
            dTheta[od + head.beta()] = addressing.contentWeightsBackward(tape.memory, mo, tape.rowNorm2, s * n,
                    th, o + head.key(), th[o + head.beta()],
                    a, tape.addressing(s, i, FusedTape.DOT), a, tape.addressing(s, i, FusedTape.RNORM),
                    a, tape.addressing(s, i, FusedTape.WC), dwc, dRow, dk, pMemory);
            System.arraycopy(dk, 0, dTheta, od + head.key(), width);
        }
        headParams.backward(tape, s, p, dTheta, dh, gradients);
        // 2. controller, 1. u = [x ; r]
        controller.backward(tape, s, in, p, dh, cC, dz, du, pH, pC, gradients);
        for (int i = 0; i < inputs; i++) {
            dx[(b * inputs + i) * steps + t] = du[i];
        }
        DenseOps.add(du, inputs, pReads, 0, readsSize);
    }

    /** prev = (1 - m) carried (what passes the mask), carried = m carried (what reaches the step). */
    private static void splitCarried(double[] carried, double[] prev, double m) {
        if (m == 1) {
            Arrays.fill(prev, 0);
            return;
        }
        for (int i = 0; i < carried.length; i++) {
            prev[i] = (1 - m) * carried[i];
            carried[i] *= m;
        }
    }

    private void swapCarried() {
        double[][] columns = cMemory;
        cMemory = pMemory;
        pMemory = columns;
        double[] tmp;
        tmp = cWeights; cWeights = pWeights; pWeights = tmp;
        tmp = cReads; cReads = pReads; pReads = tmp;
        tmp = cH; cH = pH; pH = tmp;
        tmp = cC; cC = pC; pC = tmp;
    }
}
