package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExampleTest {

    private static Example tiny(float last) {
        return new Example(
                new float[][] {{1, 0}, {0, 1}, {0, 0}},
                new float[][] {{0}, {0}, {last}},
                new boolean[] {false, false, true});
    }

    @Test
    void rendersOneRowPerChannelAndMarksAnswers() {
        assertEquals(""
                + "x0   #..\n"
                + "x1   .#.\n"
                + "y0   ..#\n"
                + "ans    ^\n", tiny(1).render());
        assertEquals(""
                + "x0   #..\n"
                + "x1   .#.\n"
                + "y0   ..*\n"
                + "     *: y0[t=2]=0.250\n"
                + "ans    ^\n", tiny(0.25f).render());
    }

    @Test
    void equalityIsByContentAndShapesAreChecked() {
        assertEquals(tiny(1), tiny(1));
        assertEquals(tiny(1).hashCode(), tiny(1).hashCode());
        assertNotEquals(tiny(1), tiny(0));
        assertEquals(1, tiny(1).answerSteps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Example(new float[2][1], new float[3][1], new boolean[3]));
        assertEquals("input, target and answer must have the same number of steps T, got 2, 3, 3", e.getMessage());
    }
}
