package io.github.ntm4j.tasks.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Wilson intervals against values computed by hand from the formula (and in textbooks: 80/100, 0/10). */
class IntervalsTest {
    @Test
    void wilsonMatchesHandComputedValues() {
        assertArrayEquals(new double[]{0.71117, 0.86663}, Intervals.wilson(80, 100, Intervals.Z95), 1e-5);
        // 0 of 10: [0, z²/(n+z²)] = [0, 0.2775]; 10 of 10 mirrors it.
        assertArrayEquals(new double[]{0, 0.27754}, Intervals.wilson(0, 10, Intervals.Z95), 1e-5);
        assertArrayEquals(new double[]{0.72246, 1}, Intervals.wilson(10, 10, Intervals.Z95), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(3, 0, Intervals.Z95));
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(11, 10, Intervals.Z95));
    }

    @Test
    void aMeanIntervalIsCutAtItsFloor() {
        assertArrayEquals(new double[]{0, 1.48}, Intervals.mean(0.5, 5.0, 100, 1.96, 0), 1e-3);
    }
}
