/*
 * tanh and expm1 ported to Java from fdlibm 5.3 (s_tanh.c, s_expm1.c), whose notice follows.
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
package io.github.ntm4j.layer.internal.step.fused;

/**
 * {@code tanh} bit for bit as {@link StrictMath#tanh} (which is fdlibm's), in Java. On JDK 17,
 * {@code Math.tanh} is {@code StrictMath.tanh}, a native call (about 19 ns here, against 5 for the
 * intrinsic {@code Math.exp}); this port is compiled by the JIT like the rest of the kernel. The
 * algorithms and constants are fdlibm's unchanged, so the results are the same doubles; {@code FdlibmTest}
 * compares them with {@code StrictMath.tanh} over every exponent and the special values.
 */
public final class Fdlibm {
    private static final double TINY = 1.0e-300;
    private static final double HUGE = 1.0e+300;
    private static final double O_THRESHOLD = 7.09782712893383973096e+02;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double Q1 = -3.33333333333331316428e-02;
    private static final double Q2 = 1.58730158725481460165e-03;
    private static final double Q3 = -7.93650757867487942473e-05;
    private static final double Q4 = 4.00821782732936239552e-06;
    private static final double Q5 = -2.01099218183624371326e-07;

    private Fdlibm() {
    }

    /** The high 32 bits of x's IEEE 754 representation (fdlibm's {@code __HI}). */
    private static int hi(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    /** x with its exponent field raised by k (fdlibm's {@code __HI(x) += k << 20}). */
    private static double addToExponent(double x, int k) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) + ((long) k << 52));
    }

    /** The double whose high 32 bits are {@code high} and low 32 bits 0. */
    private static double fromHigh(int high) {
        return Double.longBitsToDouble((long) high << 32);
    }

    /** The hyperbolic tangent of x, equal to {@code StrictMath.tanh(x)} for every x. */
    public static double tanh(double x) {
        int jx = hi(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) {                       // tanh(+-inf) = +-1, tanh(NaN) = NaN
            return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
        }
        double z;
        if (ix < 0x40360000) {                        // |x| < 22
            if (ix < 0x3c800000) {                    // |x| < 2^-55: tanh(x) = x
                return x * (1.0 + x);
            }
            if (ix >= 0x3ff00000) {                   // |x| >= 1
                double t = expm1(2.0 * Math.abs(x));
                z = 1.0 - 2.0 / (t + 2.0);
            } else {
                double t = expm1(-2.0 * Math.abs(x));
                z = -t / (t + 2.0);
            }
        } else {                                      // |x| >= 22: +-1
            z = 1.0 - TINY;
        }
        return jx >= 0 ? z : -z;
    }

    /** e^x - 1, equal to {@code StrictMath.expm1(x)} for every x. */
    public static double expm1(double x) {
        int hx = hi(x);
        boolean negative = hx < 0;
        hx &= 0x7fffffff;

        if (hx >= 0x4043687A) {                       // |x| >= 56 ln2
            if (hx >= 0x40862E42) {                   // |x| >= 709.78...
                if (hx >= 0x7ff00000) {
                    if (((hx & 0xfffff) | (int) Double.doubleToRawLongBits(x)) != 0) {
                        return x + x;                 // NaN
                    }
                    return negative ? -1.0 : x;       // expm1(+-inf) = {inf, -1}
                }
                if (x > O_THRESHOLD) {
                    return HUGE * HUGE;               // overflow
                }
            }
            if (negative && x + TINY < 0.0) {         // x < -56 ln2: -1 (inexact)
                return TINY - 1.0;
            }
        }

        int k;
        double c = 0;
        if (hx > 0x3fd62e42) {                        // |x| > 0.5 ln2: reduce the argument
            double hi;
            double lo;
            if (hx < 0x3FF0A2B2) {                    // and |x| < 1.5 ln2
                if (!negative) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * LN2_HI;                  // t * ln2_hi is exact here
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x3c900000) {                 // |x| < 2^-54: x
            double t = HUGE + x;
            return x - (t - (HUGE + x));
        } else {
            k = 0;
        }

        double hfx = 0.5 * x;                         // x is now in the primary range
        double hxs = x * hfx;
        double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        double e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) {
            return x - (x * e - hxs);
        }
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1) {
            return 0.5 * (x - e) - 0.5;
        }
        if (k == 1) {
            return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) {                      // exp(x) - 1 suffices
            double y = 1.0 - (e - x);
            return addToExponent(y, k) - 1.0;
        }
        double y;
        if (k < 20) {
            y = fromHigh(0x3ff00000 - (0x200000 >> k)) - (e - x);       // (1 - 2^-k) - (e - x)
        } else {
            y = x - (e + fromHigh((0x3ff - k) << 20));                  // x - (e + 2^-k)
            y += 1.0;
        }
        return addToExponent(y, k);
    }
}
