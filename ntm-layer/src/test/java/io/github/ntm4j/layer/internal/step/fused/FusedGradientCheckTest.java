package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmParams;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmBackwardPass;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused backward pass against central finite differences of the fused forward pass alone, in
 * double: loss = sum(y ∘ R) for a random R, differentiated with respect to every parameter, every
 * input element and every element of the initial state.
 */
class FusedGradientCheckTest {
    private static final double STEP = 1e-5;
    private static final double RELATIVE = 1e-6;
    private static final double ABSOLUTE = 1e-8;

    @AfterAll
    static void restoreDefaults() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void feedForwardWithMask() {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(5, 3).controllerSize(4)
                .controllerActivation(NtmActivation.TANH).readHeads(1).writeHeads(1).shiftRange(1).build();
        check(layer, new double[][]{{1, 1, 0, 1}, {1, 1, 1, 0}}, 11);
    }

    @Test
    void lstmWithTwoReadAndTwoWriteHeads() {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(5, 3).controllerSize(4).controller(ControllerType.LSTM)
                .keyActivation(NtmActivation.SIGMOID).addActivation(NtmActivation.IDENTITY)
                .readHeads(2).writeHeads(2).shiftRange(2).build();
        check(layer, null, 12);
    }

    private static void check(NtmLayer layer, double[][] maskValues, long seed) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        DataType dt = DataType.DOUBLE;
        Random rnd = new Random(seed);
        int batch = 2;
        int steps = 4;
        INDArray flat = FusedTestSupport.uniform(rnd, dt, 0.8, 1, NtmParams.getInstance().numParams(layer));
        Map<String, INDArray> params = NtmParams.views(layer, flat);
        INDArray x = FusedTestSupport.uniform(rnd, dt, 1.0, batch, layer.getNIn(), steps);
        NtmState initial = FusedTestSupport.randomState(layer, rnd, dt, batch);
        INDArray mask = maskValues == null ? null : Nd4j.createFromArray(maskValues);
        INDArray r = FusedTestSupport.uniform(rnd, dt, 1.0, batch, layer.getNOut(), steps);

        FusedNtmPath path = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), dt);
        NtmForwardPass fwd = path.forward(params, x, mask, initial, true, false);
        Map<String, INDArray> grads = FusedTestSupport.gradientViews(layer, dt, 0);
        NtmBackwardPass back = path.backward(fwd, r, 0, grads);
        INDArray flatGrad = Nd4j.zeros(dt, 1, flat.length());
        Map<String, INDArray> gradOut = NtmParams.views(layer, flatGrad);
        for (String k : grads.keySet()) gradOut.get(k).assign(grads.get(k));

        compare("parameters", flat, flatGrad, () -> loss(path, params, x, mask, initial, r));
        compare("input", x, back.inputGradient(), () -> loss(path, params, x, mask, initial, r));
        compare("initial memory", initial.memory, back.initialStateGradient().memory,
                () -> loss(path, params, x, mask, initial, r));
        compare("initial weightings", initial.weightings, back.initialStateGradient().weightings,
                () -> loss(path, params, x, mask, initial, r));
        compare("initial reads", initial.reads, back.initialStateGradient().reads,
                () -> loss(path, params, x, mask, initial, r));
        if (initial.controllerH != null) {
            compare("initial h", initial.controllerH, back.initialStateGradient().controllerH,
                    () -> loss(path, params, x, mask, initial, r));
            compare("initial c", initial.controllerC, back.initialStateGradient().controllerC,
                    () -> loss(path, params, x, mask, initial, r));
        }
    }

    private static double loss(FusedNtmPath path, Map<String, INDArray> params, INDArray x, INDArray mask,
                               NtmState initial, INDArray r) {
        return path.forward(params, x, mask, initial, false, false).output().mul(r).sumNumber().doubleValue();
    }

    /** Perturbs every element of {@code values} in place and compares the central difference with {@code grad}. */
    private static void compare(String what, INDArray values, INDArray grad, java.util.function.DoubleSupplier loss) {
        INDArray v = values.reshape(values.length());   // a view: writes go through
        INDArray g = grad.reshape(grad.length());
        int checked = 0;
        for (long i = 0; i < v.length(); i++) {
            double orig = v.getDouble(i);
            v.putScalar(i, orig + STEP);
            double up = loss.getAsDouble();
            v.putScalar(i, orig - STEP);
            double down = loss.getAsDouble();
            v.putScalar(i, orig);
            double numeric = (up - down) / (2 * STEP);
            double analytic = g.getDouble(i);
            double allowed = ABSOLUTE + RELATIVE * Math.max(Math.abs(numeric), Math.abs(analytic));
            assertTrue(Math.abs(numeric - analytic) <= allowed, what + " element " + i + ": analytic " + analytic
                    + " vs numeric " + numeric + " (|diff| " + Math.abs(numeric - analytic) + ")");
            checked++;
        }
        assertTrue(checked > 0, what + ": nothing checked");
    }
}
