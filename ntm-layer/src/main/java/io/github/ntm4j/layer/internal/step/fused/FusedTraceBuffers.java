package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.HeadLayout;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.inspect.NtmTrace;

/**
 * The per-step trace of {@link NtmTrace} while it is being recorded, as flat {@code double[]} in
 * NtmTrace's layouts (time innermost). As the SameDiff path records it: each head's β, g, γ and s as
 * computed at the step, and the weightings and memory of the state after the step (so a padding step
 * repeats the state before it).
 */
final class FusedTraceBuffers {
    private final NtmDimensions d;
    private final int heads, n, width, shifts;
    private int steps;
    double[] weightings = new double[0];  // [B, R+V, N, T]
    double[] beta = new double[0];        // [B, R+V, T]
    double[] gate = new double[0];        // [B, R+V, T]
    double[] shift = new double[0];       // [B, R+V, 2S+1, T]
    double[] gamma = new double[0];       // [B, R+V, T]
    double[] memory = new double[0];      // [B, N, W, T]

    FusedTraceBuffers(NtmDimensions d) {
        this.d = d;
        this.heads = d.headCount();
        this.n = d.memoryRows;
        this.width = d.memoryWidth;
        this.shifts = d.shiftCount();
    }

    void prepare(int batch, int steps) {
        this.steps = steps;
        int bt = batch * steps;
        if (beta.length < bt * heads) {
            weightings = new double[bt * heads * n];
            beta = new double[bt * heads];
            gate = new double[bt * heads];
            shift = new double[bt * heads * shifts];
            gamma = new double[bt * heads];
            memory = new double[bt * n * width];
        }
    }

    /** Records example b's step t from step record s and the state record after the step. */
    void record(FusedTape tape, int b, int t, int s, int after) {
        int theta = d.thetaSize();
        for (int i = 0; i < heads; i++) {
            HeadLayout head = d.head(i);
            int o = s * theta + head.offset();
            int bh = b * heads + i;
            beta[bh * steps + t] = tape.theta[o + head.beta()];
            gate[bh * steps + t] = tape.theta[o + head.gate()];
            gamma[bh * steps + t] = tape.theta[o + head.gamma()];
            for (int j = 0; j < shifts; j++) {
                shift[(bh * shifts + j) * steps + t] = tape.theta[o + head.shift() + j];
            }
            int wo = after * tape.weightingsSize + i * n;
            for (int k = 0; k < n; k++) {
                weightings[(bh * n + k) * steps + t] = tape.weightings[wo + k];
            }
        }
        int mo = tape.memory(after);
        int base = b * n * width;
        for (int i = 0; i < width; i++) {
            double[] column = tape.memory[mo + i];
            for (int k = 0; k < n; k++) {
                memory[(base + k * width + i) * steps + t] = column[k];
            }
        }
    }

    /** Copies the recording into {@code trace} (made for the same B and T). */
    void writeTo(NtmTrace trace) {
        NdBridge.write(weightings, trace.weightings);
        NdBridge.write(beta, trace.keyStrength);
        NdBridge.write(gate, trace.gate);
        NdBridge.write(shift, trace.shift);
        NdBridge.write(gamma, trace.sharpening);
        NdBridge.write(memory, trace.memory);
    }
}
