package io.github.ntm4j.layer;

import io.github.ntm4j.layer.inspect.NtmTrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What must hold at every step of every forward pass, read from an {@link NtmTrace}: each head's weighting
 * non-negative and summing to 1 within 1e-6, its g in [0, 1], its s a distribution, β ≥ 0, γ ≥ 1, and
 * the memory finite (and, if {@code memoryBound} is finite, within it: {@code |M_t| <= memoryBound(t)}).
 */
final class NtmTraceInvariants {
    static final double SUM_TOLERANCE = 1e-6;

    private NtmTraceInvariants() {
    }

    interface Bound {
        double at(long step);
    }

    static void check(NtmTrace trace, String what) {
        check(trace, what, t -> Double.POSITIVE_INFINITY);
    }

    static void check(NtmTrace trace, String what, Bound memoryBound) {
        long[] ws = trace.weightings.shape();              // [B, heads, N, T]
        long batch = ws[0], heads = ws[1], rows = ws[2], steps = ws[3];
        double[] w = trace.weightings.dup('c').data().asDouble();
        double[] g = trace.gate.dup('c').data().asDouble();
        double[] beta = trace.keyStrength.dup('c').data().asDouble();
        double[] gamma = trace.sharpening.dup('c').data().asDouble();
        double[] s = trace.shift.dup('c').data().asDouble();
        long shifts = trace.shift.size(2);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int bh = b * (int) heads + h;
                for (int t = 0; t < steps; t++) {
                    String at = what + ": example " + b + ", head " + h + ", step " + t;
                    double sum = 0;
                    for (int n = 0; n < rows; n++) {
                        double v = w[(int) (((long) bh * rows + n) * steps + t)];
                        assertTrue(v >= 0 && v <= 1 + SUM_TOLERANCE, at + ": weight " + v);
                        sum += v;
                    }
                    assertEquals(1.0, sum, SUM_TOLERANCE, at + ": weights sum");
                    double gt = g[(int) (bh * steps + t)];
                    assertTrue(gt >= 0 && gt <= 1, at + ": g = " + gt);
                    assertTrue(beta[(int) (bh * steps + t)] >= 0, at + ": β < 0");
                    assertTrue(gamma[(int) (bh * steps + t)] >= 1, at + ": γ < 1");
                    double ssum = 0;
                    for (int j = 0; j < shifts; j++) {
                        double sj = s[(int) (((long) bh * shifts + j) * steps + t)];
                        assertTrue(sj >= 0, at + ": s < 0");
                        ssum += sj;
                    }
                    assertEquals(1.0, ssum, SUM_TOLERANCE, at + ": s sums");
                }
            }
        }
        long[] ms = trace.memory.shape();                  // [B, N, W, T]
        double[] m = trace.memory.dup('c').data().asDouble();
        long cells = ms[1] * ms[2];
        for (int b = 0; b < ms[0]; b++) {
            for (long c = 0; c < cells; c++) {
                for (int t = 0; t < steps; t++) {
                    double v = m[(int) ((b * cells + c) * steps + t)];
                    assertTrue(Double.isFinite(v), what + ": memory not finite at example " + b + ", step " + t);
                    assertTrue(Math.abs(v) <= memoryBound.at(t), what + ": |M| = " + Math.abs(v) + " at step " + t
                            + " exceeds " + memoryBound.at(t));
                }
            }
        }
    }
}
