package io.github.ntm4j.examples.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nd4jGarbageTest {

    @Test
    void collectsOnlyOnceTheWindowHasPassed() throws InterruptedException {
        Nd4jGarbage garbage = new Nd4jGarbage(60_000);
        garbage.collectIfDue();
        assertEquals(0, garbage.collections(), "not within the window");

        // A window far longer than the gap between two calls, so that a loaded machine cannot make this flaky
        Nd4jGarbage soon = new Nd4jGarbage(200);
        Thread.sleep(250);
        soon.collectIfDue();
        soon.collectIfDue();
        assertEquals(1, soon.collections(), "once, then the window starts again");
        Thread.sleep(250);
        soon.collectIfDue();
        assertEquals(2, soon.collections());
    }

    @Test
    void zeroSwitchesItOff() throws InterruptedException {
        Nd4jGarbage off = new Nd4jGarbage(0);
        Thread.sleep(2);
        off.collectIfDue();
        assertEquals(0, off.collections());
    }

    @Test
    void aBadWindowIsNamed() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new Nd4jGarbage(-1));
        assertTrue(negative.getMessage().contains("-Dntm4j.gcWindowMillis must be 0 (off) or a number of milliseconds"),
                negative.getMessage());
        String before = System.getProperty(Nd4jGarbage.WINDOW_PROPERTY);
        try {
            System.setProperty(Nd4jGarbage.WINDOW_PROPERTY, "30s");
            IllegalArgumentException text = assertThrows(IllegalArgumentException.class, Nd4jGarbage::fromProperty);
            assertTrue(text.getMessage().contains("not '30s'"), text.getMessage());
            System.setProperty(Nd4jGarbage.WINDOW_PROPERTY, "0");
            assertEquals(0, Nd4jGarbage.fromProperty().collections());
        } finally {
            if (before == null) {
                System.clearProperty(Nd4jGarbage.WINDOW_PROPERTY);
            } else {
                System.setProperty(Nd4jGarbage.WINDOW_PROPERTY, before);
            }
        }
    }
}
