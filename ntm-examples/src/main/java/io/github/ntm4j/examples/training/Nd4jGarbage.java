package io.github.ntm4j.examples.training;

import java.util.concurrent.TimeUnit;

/**
 * A garbage collection now and then in a long training run, so that the native memory of dead ND4J arrays is
 * freed. ND4J frees an array's native memory only after the JVM's collector has found the array unreachable,
 * and each training step leaves dead arrays behind; ND4J's CPU backend has no periodic collection of its own
 * ({@code CpuMemoryManager.isPeriodicGcActive()} is always false). With a large heap (Java's default is a quarter
 * of the machine) the collector rarely looks at the old generation, where many of them end up, so they pile up with
 * their native memory and ND4J's objects that track them: docs/reliability.md, "Memory", has the measurements.
 *
 * <p>{@link #collectIfDue()} calls {@code System.gc()} when {@code -Dntm4j.gcWindowMillis} (default
 * {@value #DEFAULT_WINDOW_MILLIS}; 0 switches it off) have passed since the last. A collection changes no number
 * the run computes.
 */
final class Nd4jGarbage {
    static final String WINDOW_PROPERTY = "ntm4j.gcWindowMillis";
    static final long DEFAULT_WINDOW_MILLIS = 30_000;

    private final long windowNanos;
    private long last = System.nanoTime();
    private int collections;

    Nd4jGarbage(long windowMillis) {
        if (windowMillis < 0) {
            throw new IllegalArgumentException("-D" + WINDOW_PROPERTY + " must be 0 (off) or a number of "
                    + "milliseconds, not " + windowMillis);
        }
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);   // saturates: no overflow
    }

    /** The window {@code -Dntm4j.gcWindowMillis} gives, or the default. */
    static Nd4jGarbage fromProperty() {
        String value = System.getProperty(WINDOW_PROPERTY);
        if (value == null) {
            return new Nd4jGarbage(DEFAULT_WINDOW_MILLIS);
        }
        try {
            return new Nd4jGarbage(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + WINDOW_PROPERTY + " must be 0 (off) or a number of "
                    + "milliseconds, not '" + value + "'");
        }
    }

    /** Collects if the window has passed since the last collection (or since this object was made). */
    void collectIfDue() {
        if (windowNanos > 0 && System.nanoTime() - last >= windowNanos) {
            System.gc();
            collections++;
            last = System.nanoTime();
        }
    }

    /** The collections made so far. */
    int collections() {
        return collections;
    }
}
