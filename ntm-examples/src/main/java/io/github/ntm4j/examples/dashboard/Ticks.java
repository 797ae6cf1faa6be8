package io.github.ntm4j.examples.dashboard;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Tick spacing and tick-label formats for the pictures in this package ({@link Dashboard},
 * {@link LearningCurves}), kept in one place so that the two pictures do not grow their own versions.
 */
final class Ticks {
    private Ticks() {
    }

    /**
     * The smallest of 1, 2, 5, 10, 20, 50, ... whose multiple of {@code cell} pixels is at least
     * {@code min}: a tick every that many cells keeps labels {@code min} pixels apart.
     */
    static int niceStep(int cell, int min) {
        int[] steps = {1, 2, 5};
        int k = 1;
        for (int i = 0; k * cell < min; i++) {
            k = steps[i % 3] * (int) Math.pow(10, i / 3);
        }
        return k;
    }

    /**
     * A line strip's end label ({@link Dashboard}): whole numbers as such, others to 3 significant digits
     * with trailing zeros kept (1.50, 0.213). Differs from {@link #number} on purpose: the dashboard's
     * pixel tests and pictures show this form.
     */
    static String rangeLabel(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** A number to three significant digits, without trailing zeros: 0.001, 2.5, 100, 1E+6. */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        return Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4 ? d.toString() : d.toPlainString();
    }

    /** A count of sequences on a linear axis: 0, 500, 200k, 1.5M. */
    static String sequences(double s) {
        if (s >= 1e6) {
            return number(s / 1e6) + "M";
        }
        if (s >= 1e3) {
            return number(s / 1e3) + "k";
        }
        return number(s);
    }
}
