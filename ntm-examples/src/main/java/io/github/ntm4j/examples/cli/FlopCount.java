package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;

/**
 * Counted floating-point operations of one NTM step for one example, the floor the benchmark's
 * GFLOP/s are measured against (a multiply-add counts 2). Element-wise transcendental functions
 * (exp, log, tanh) count 1 each, which flatters no one: they cost far more than one cycle.
 * See docs/performance.md for the derivation.
 */
final class FlopCount {
    private FlopCount() {
    }

    /** Forward: controller, θ projection, addressing and reads/writes of every head, output. */
    static double forwardFlopsPerExampleStep(NtmDimensions d) {
        double n = d.memoryRows;
        double w = d.memoryWidth;
        double h = d.controllerSize;
        double flops = 2.0 * d.controllerInputSize() * d.controllerGateSize();      // u · Wc
        if (d.controller == ControllerType.LSTM) {
            flops += 2.0 * h * d.controllerGateSize() + 10 * h;                      // h_prev · Rc, gates
        }
        flops += 2.0 * h * d.thetaSize();                                           // h · Wθ
        for (int i = 0; i < d.headCount(); i++) {
            flops += 4 * n * w + 6 * n;                                             // k·M[n], |M[n]|², cosine, β K
            flops += 3 * n;                                                         // softmax
            flops += 3 * n;                                                         // interpolation
            flops += 2 * n * d.shiftCount();                                        // circular shift
            flops += 5 * n;                                                         // sharpening, normalisation
        }
        flops += d.readHeads * 2 * n * w;                                           // reads
        flops += d.writeHeads * 5 * n * w;                                          // erase and add
        return flops;
    }

    /** Forward + backward: the backward pass costs about twice the forward. */
    static double trainingFlopsPerExampleStep(NtmDimensions d) {
        return 3 * forwardFlopsPerExampleStep(d);
    }
}
