package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmParams;
import io.github.ntm4j.layer.NtmState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Random parameters, inputs and states for the step paths' tests, and an element-wise comparison. */
public final class FusedTestSupport {
    private FusedTestSupport() {
    }

    /** Uniform in [-scale, scale], from a seeded Java RNG (independent of ND4J's RNG state). */
    public static INDArray uniform(Random rnd, DataType dt, double scale, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = (2 * rnd.nextDouble() - 1) * scale;
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dt);
    }

    /** Random parameter views (Wc, Rc, bc, Wh, bh) over one flat array, as DL4J lays them out. */
    public static Map<String, INDArray> randomParams(NtmLayer layer, Random rnd, DataType dt) {
        long n = NtmParams.getInstance().numParams(layer);
        return NtmParams.views(layer, uniform(rnd, dt, 0.8, 1, n));
    }

    /** Zero gradient views over one flat array. */
    public static Map<String, INDArray> gradientViews(NtmLayer layer, DataType dt, double fill) {
        long n = NtmParams.getInstance().numParams(layer);
        return NtmParams.views(layer, Nd4j.valueArrayOf(new long[]{1, n}, fill, dt));
    }

    /** A random non-one-hot state: non-constant memory, weightings that are softmaxes (rows sum to 1). */
    public static NtmState randomState(NtmLayer layer, Random rnd, DataType dt, int batch) {
        NtmDimensions d = NtmDimensions.of(layer);
        INDArray memory = uniform(rnd, dt, 1.0, batch, d.memoryRows, d.memoryWidth);
        INDArray logits = uniform(rnd, DataType.DOUBLE, 2.0, (long) batch * d.headCount(), d.memoryRows);
        INDArray weightings = Transforms.softmax(logits, true).reshape(batch, d.headCount(), d.memoryRows).castTo(dt);
        INDArray reads = uniform(rnd, dt, 0.5, batch, d.readHeads, d.memoryWidth);
        INDArray h = null;
        INDArray c = null;
        if (d.controller == ControllerType.LSTM) {
            h = uniform(rnd, dt, 0.5, batch, d.controllerSize);
            c = uniform(rnd, dt, 1.0, batch, d.controllerSize);
        }
        return new NtmState(memory, weightings, reads, h, c);
    }

    /**
     * Asserts |expected - actual| <= abs + rel |expected| element-wise, reporting the worst element.
     */
    public static void assertClose(String what, INDArray expected, INDArray actual, double abs, double rel) {
        if (expected == null || actual == null) {
            assertEquals(expected == null, actual == null, what + ": one of the two is null");
            return;
        }
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape " + Arrays.toString(actual.shape()));
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            double allowed = abs + rel * Math.abs(e[i]);
            double diff = Math.abs(e[i] - a[i]);
            if (!(diff <= allowed) && (worst < 0 || diff - allowed > worstExcess)) {
                worst = i;
                worstExcess = diff - allowed;
            }
        }
        if (worst >= 0) {
            fail(what + ": element " + worst + " expected " + e[worst] + " but was " + a[worst] + " (|diff| "
                    + Math.abs(e[worst] - a[worst]) + ")");
        }
    }

    static void assertStateClose(String what, NtmState expected, NtmState actual, double abs, double rel) {
        assertClose(what + " memory", expected.memory, actual.memory, abs, rel);
        assertClose(what + " weightings", expected.weightings, actual.weightings, abs, rel);
        assertClose(what + " reads", expected.reads, actual.reads, abs, rel);
        assertClose(what + " controllerH", expected.controllerH, actual.controllerH, abs, rel);
        assertClose(what + " controllerC", expected.controllerC, actual.controllerC, abs, rel);
    }
}
