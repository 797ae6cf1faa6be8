package io.github.ntm4j.layer.internal.step.fused;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the fused path's time goes, for {@code bench}: nanoseconds spent in each part of
 * {@link FusedNtmPath#forward} and {@link FusedNtmPath#backward}, summed over calls while enabled.
 * Off by default, when it costs one volatile read per call (not per time step).
 *
 * <p>Process-wide: with several fused layers or threads at once the parts add up over all of them.
 */
public final class FusedTimings {
    /** A part of a forward or backward call. */
    public enum Part {
        /** Copying the parameters from ND4J into the kernel's arrays. */
        PARAMETERS_IN,
        /** Copying x, the mask (forward) and dL/dy (backward) from ND4J. */
        INPUTS_IN,
        /** The forward kernel over every step and example. */
        KERNEL_FORWARD,
        /** The backward kernel over every step and example. */
        KERNEL_BACKWARD,
        /** Copying y (forward), the parameter gradients and dL/dx (backward) out to ND4J. */
        RESULTS_OUT
    }

    private static volatile boolean enabled;
    private static final AtomicLongArray NANOS = new AtomicLongArray(Part.values().length);

    private FusedTimings() {
    }

    /** Starts counting (from zero). */
    public static void start() {
        reset();
        enabled = true;
    }

    /** Stops counting; the counts stay readable. */
    public static void stop() {
        enabled = false;
    }

    public static void reset() {
        for (int i = 0; i < NANOS.length(); i++) {
            NANOS.set(i, 0);
        }
    }

    /** Nanoseconds per part since {@link #start}, in {@link Part} order. */
    public static Map<Part, Long> nanos() {
        Map<Part, Long> m = new LinkedHashMap<>();
        for (Part p : Part.values()) {
            m.put(p, NANOS.get(p.ordinal()));
        }
        return m;
    }

    /** {@code System.nanoTime()} if counting, else 0 (no clock read). */
    static long now() {
        return enabled ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code since} to {@code part} and returns the time now (0 if not counting). */
    static long lap(Part part, long since) {
        if (since == 0 || !enabled) {
            return 0;
        }
        long t = System.nanoTime();
        NANOS.addAndGet(part.ordinal(), t - since);
        return t;
    }
}
