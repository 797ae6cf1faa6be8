package io.github.ntm4j.examples.dashboard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head-parameter panels (β, g, γ lines and the shift heat map) on hand-made data, headless. */
class HeadParamsPanelsTest {
    static final int T = DashboardTest.T;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * {@link DashboardTest#oneHot()} with its one head's parameters: g = 0 for steps 0-2 then 1,
     * β = 1..6, γ constant 1, and all shift weight on offset 0 at step 0, on offset +1 after.
     */
    static DashboardData withParams() {
        double[][] gate = {{0, 0, 0, 1, 1, 1}};
        double[][] beta = {{1, 2, 3, 4, 5, 6}};
        double[][] gamma = {{1, 1, 1, 1, 1, 1}};
        double[][][] shift = {{{0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0}, {0, 1, 1, 1, 1, 1}}};
        return DashboardTest.oneHot().withHeadParams(new DashboardData.HeadParams(beta, gate, shift, gamma));
    }

    static Dashboard withPanels() {
        return new Dashboard(withParams(), Dashboard.Config.DEFAULT.withHeadParams(true));
    }

    @Test
    void fourPanelsPerHeadBetweenItsWeightingAndTheMemory() {
        Dashboard d = withPanels();
        List<Dashboard.Panel> panels = d.panels();
        assertEquals(3 + 1 + 4 + 1, panels.size(), "input, target, prediction, head, its beta g gamma s, memory");
        assertTrue(panels.get(4).title.startsWith("write head 1: key strength"), panels.get(4).title);
        assertTrue(panels.get(5).title.startsWith("write head 1: gate g"), panels.get(5).title);
        assertTrue(panels.get(6).title.startsWith("write head 1: sharpening"), panels.get(6).title);
        assertTrue(panels.get(7).title.startsWith("write head 1: shift weights"), panels.get(7).title);
        assertTrue(panels.get(8).title.startsWith("memory"), panels.get(8).title);
        BufferedImage img = d.render();
        assertEquals(9, DashboardPixels.frames(img, DashboardPixels.frameColumn()), "a frame per panel");
        assertEquals(new Dashboard(withParams(), false).panels().size() + 4, panels.size());
        for (int i = 1; i < panels.size(); i++) {
            assertTrue(panels.get(i).plot.y > panels.get(i - 1).plot.y + panels.get(i - 1).plot.height, "no overlap");
            assertEquals(panels.get(3).plot.x, panels.get(i).plot.x);
        }
        for (int i = 3; i < 8; i++) {
            assertEquals(panels.get(3).cellWidth, panels.get(i).cellWidth, "the head's time axis");
            assertEquals(T, panels.get(i).columns);
        }
    }

    @Test
    void offByDefaultSoThePictureDoesNotChange() {
        BufferedImage without = new Dashboard(DashboardTest.oneHot(), false).render();
        BufferedImage with = new Dashboard(withParams(), false).render();
        assertEquals(without.getWidth(), with.getWidth());
        assertEquals(without.getHeight(), with.getHeight());
        for (int y = 0; y < with.getHeight(); y++) {
            for (int x = 0; x < with.getWidth(); x++) {
                assertEquals(without.getRGB(x, y), with.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Dashboard(DashboardTest.oneHot(), Dashboard.Config.DEFAULT.withHeadParams(true)),
                "no parameters recorded, none to draw");
    }

    @Test
    void gateLineSitsAtTheBottomThenTheTop() {
        Dashboard d = withPanels();
        BufferedImage img = d.render();
        Dashboard.Panel gate = d.panels().get(5);
        assertTrue(gate.isLine());
        assertArrayEquals(new double[]{0, 1}, gate.range(), "g is drawn on [0, 1]");
        int line = Dashboard.LINE.getRGB();
        int bottom = gate.plot.y + gate.plot.height - 1;
        int top = gate.plot.y;
        int middle = gate.plot.y + gate.plot.height / 2;
        assertEquals(bottom, gate.yOf(0));
        assertEquals(top, gate.yOf(1));
        for (int t = 0; t < T; t++) {
            int x = gate.cellCentre(0, t).x;
            boolean open = t >= 3;
            assertEquals(line, img.getRGB(x, open ? top : bottom), "g at step " + t);
            assertNotEquals(line, img.getRGB(x, open ? bottom : top), "nothing at the other edge, step " + t);
            if (t != 2 && t != 3) {
                assertNotEquals(line, img.getRGB(x, middle), "no line mid-height at step " + t);
            }
        }
        // the rise from step 2 to step 3 crosses mid-height between their centres
        boolean rises = false;
        for (int x = gate.cellCentre(0, 2).x; x <= gate.cellCentre(0, 3).x; x++) {
            rises |= img.getRGB(x, middle) == line;
        }
        assertTrue(rises, "a segment from g=0 up to g=1");
        // and the answer-start marker (step 3) runs through the strip
        int marker = gate.plot.x + 3 * gate.cellWidth;
        boolean dashed = false;
        for (int y = gate.plot.y; y < gate.plot.y + gate.plot.height; y++) {
            dashed |= img.getRGB(marker, y) == Dashboard.MARKER.getRGB();
        }
        assertTrue(dashed, "the answer-start marker crosses the gate strip");
    }

    @Test
    void unboundedLinesSpanTheirOwnMinToMax() {
        Dashboard d = withPanels();
        BufferedImage img = d.render();
        Dashboard.Panel beta = d.panels().get(4);
        assertArrayEquals(new double[]{1, 6}, beta.range(), "beta from its min to its max");
        int h = beta.plot.height - 1;
        for (int t = 0; t < T; t++) {
            int expected = beta.plot.y + (int) Math.round((6.0 - (t + 1)) / 5 * h);
            assertEquals(expected, beta.yOf(t + 1));
            assertEquals(Dashboard.LINE.getRGB(), img.getRGB(beta.cellCentre(0, t).x, expected), "beta at step " + t);
        }
        Dashboard.Panel gamma = d.panels().get(6);
        assertArrayEquals(new double[]{0.5, 1.5}, gamma.range(), "a constant gets a unit range around it");
        int mid = gamma.yOf(1);
        assertEquals(gamma.plot.y + gamma.plot.height / 2, mid, 1);
        assertEquals(Dashboard.LINE.getRGB(), img.getRGB(gamma.cellCentre(0, 4).x, mid));
        assertEquals("1.50", Dashboard.number(1.5));
        assertEquals("6", Dashboard.number(6));
        assertEquals("0.213", Dashboard.number(0.21345));
    }

    @Test
    void shiftHeatMapRowsAreTheOffsets() {
        Dashboard d = withPanels();
        BufferedImage img = d.render();
        Dashboard.Panel shift = d.panels().get(7);
        assertEquals(-1, shift.firstRow);
        assertEquals(3, shift.rows);
        int bright = Dashboard.viridis(1).getRGB();
        int dark = Dashboard.viridis(0).getRGB();
        for (int t = 0; t < T; t++) {
            for (int offset = -1; offset <= 1; offset++) {
                Point p = shift.cellCentre(offset, t);
                boolean on = t == 0 ? offset == 0 : offset == 1;
                assertEquals(on ? bright : dark, img.getRGB(p.x, p.y), "offset " + offset + " at step " + t);
            }
        }
        Point top = shift.cellCentre(-1, 0);
        assertTrue(top.y < shift.cellCentre(1, 0).y, "offset -1 on top");
    }

    @Test
    void animationFramesDrawTheLinesUpToTheirStep() {
        Dashboard d = withPanels();
        BufferedImage frame = d.renderStep(2);
        Dashboard.Panel gate = d.panels().get(5);
        int bottom = gate.plot.y + gate.plot.height - 1;
        int top = gate.plot.y;
        assertEquals(Dashboard.LINE.getRGB(), frame.getRGB(gate.cellCentre(0, 2).x, bottom));
        assertNotEquals(Dashboard.LINE.getRGB(), frame.getRGB(gate.cellCentre(0, 4).x, top), "step 4 not run yet");
    }
}
