package io.github.ntm4j.layer.internal.step.fused;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java port of fdlibm's tanh and expm1 gives the same doubles as {@link StrictMath} (fdlibm itself), bit for
 * bit: the fused kernel's results, and every recipe and shipped model trained with it, must not move.
 */
class FdlibmTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1.0, -1.0, 22.0, -22.0, 0.5 * Math.log(2), 1.5 * Math.log(2), 56 * Math.log(2),
            -56 * Math.log(2), 709.782712893384, 709.79, -709.79, 0x1p-54, 0x1p-55, -0x1p-55, 0x1p-56, 20.0, 19.99,
            Math.nextUp(1.0), Math.nextDown(1.0), Math.nextDown(22.0), Math.nextUp(22.0)};

    @Test
    void specialValuesAndTheBranchesEdgesAreStrictMaths() {
        for (double x : SPECIAL) {
            for (double v : new double[]{x, Math.nextUp(x), Math.nextDown(x)}) {
                assertSame(StrictMath.tanh(v), Fdlibm.tanh(v), "tanh", v);
                assertSame(StrictMath.expm1(v), Fdlibm.expm1(v), "expm1", v);
            }
        }
    }

    /** Every binary exponent from 2^-60 to 2^10, both signs, random mantissas: 4,000 values per exponent. */
    @Test
    void randomValuesAtEveryExponentAreStrictMaths() {
        SplittableRandom random = new SplittableRandom(20261130);
        for (int exponent = -60; exponent <= 10; exponent++) {
            for (int i = 0; i < 4000; i++) {
                double x = Math.scalb(1.0 + random.nextDouble(), exponent) * (random.nextBoolean() ? 1 : -1);
                assertSame(StrictMath.tanh(x), Fdlibm.tanh(x), "tanh", x);
                assertSame(StrictMath.expm1(x), Fdlibm.expm1(x), "expm1", x);
            }
        }
    }

    /** Uniform over the range pre-activations take in training, where the kernel spends its calls. */
    @Test
    void uniformValuesOverThePreActivationRangeAreStrictMaths() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            double x = random.nextDouble(-30, 30);
            assertSame(StrictMath.tanh(x), Fdlibm.tanh(x), "tanh", x);
        }
    }

    private static void assertSame(double expected, double actual, String function, double x) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> function + "(" + x + " = " + Double.toHexString(x) + "): StrictMath " + expected + ", port " + actual);
    }
}
