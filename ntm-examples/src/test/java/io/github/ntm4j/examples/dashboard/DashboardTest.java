package io.github.ntm4j.examples.dashboard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renderer on hand-made data: layout, panel count and real pixel assertions, headless. */
class DashboardTest {
    static final int N = 12;
    static final int T = 6;
    static final int SHIFT = 3;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * One write head whose weighting is one-hot on row t+3 at step t (rows 3..8 visited of 12);
     * 2 input and 2 output channels; answer steps 3..5; one wrong bit (channel 0, step 4);
     * memory row 4 = +1, row 5 = -1 in column 0.
     */
    static DashboardData oneHot() {
        double[][][] w = new double[1][N][T];
        for (int t = 0; t < T; t++) {
            w[0][t + SHIFT][t] = 1.0;
        }
        double[][] input = {{1, 0, 1, 0, 0, 0}, {0, 1, 0, 0, 0, 0}};
        double[][] target = {{0, 0, 0, 1, 0, 1}, {0, 0, 0, 0, 1, 0}};
        double[][] prediction = {{0, 0, 0, 0.9, 0.8, 0.7}, {0, 0, 0, 0.1, 0.9, 0.2}};
        boolean[] answer = {false, false, false, true, true, true};
        double[][] memory = new double[N][4];
        memory[4][0] = 1.0;
        memory[5][0] = -1.0;
        double[][][] byStep = new double[T][N][4];
        for (int t = 0; t < T; t++) {
            byStep[t][t + SHIFT][1] = 0.5; // what the head "wrote" so far
        }
        byStep[T - 1] = memory;
        return new DashboardData("copy", 2, input, target, prediction, answer, List.of("write head 1"), w, memory, byStep);
    }

    static double luminance(int rgb) {
        Color c = new Color(rgb);
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void pngDecodesWithTheLayoutsSizeAndPanels(@TempDir Path dir) throws Exception {
        DashboardData data = oneHot();
        Dashboard d = new Dashboard(data, false);
        Path png = dir.resolve("sub/d.png");
        d.writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "decodes as an image");
        assertEquals(d.width(), img.getWidth());
        assertEquals(d.height(), img.getHeight());
        List<Dashboard.Panel> panels = d.panels();
        assertEquals(3 + 1 + 1, panels.size(), "input, target, prediction, 1 head, memory");
        assertEquals(5, DashboardPixels.frames(img, DashboardPixels.frameColumn()), "5 panel frames drawn down the left edge");
        assertEquals("write head 1", panels.get(3).title.substring(0, "write head 1".length()));
        for (int i = 0; i < panels.size(); i++) {
            assertTrue(new java.awt.Rectangle(0, 0, img.getWidth(), img.getHeight()).contains(panels.get(i).plot));
            if (i > 0) {
                assertTrue(panels.get(i).plot.y > panels.get(i - 1).plot.y + panels.get(i - 1).plot.height,
                        "stacked, no overlap");
            }
        }
        assertEquals("NTM on the copy task, length 2: 1 bit error of 6 scored bits", d.title());
    }

    @Test
    void oneHotWeightingIsBrightExactlyOnItsCells() {
        Dashboard d = new Dashboard(oneHot(), true);
        BufferedImage img = d.render();
        Dashboard.Panel head = d.panels().get(3);
        assertEquals(0, head.firstRow);
        assertEquals(N, head.rows);
        int bright = Dashboard.viridis(1).getRGB();
        int dark = Dashboard.viridis(0).getRGB();
        for (int t = 0; t < T; t++) {
            for (int n = 0; n < N; n++) {
                Point p = head.cellCentre(n, t);
                int rgb = img.getRGB(p.x, p.y);
                if (n == t + SHIFT) {
                    assertEquals(bright, rgb, "row " + n + " step " + t + " carries the weight");
                } else {
                    assertEquals(dark, rgb, "row " + n + " step " + t + " has weight 0");
                }
            }
            Point on = head.cellCentre(t + SHIFT, t);
            Point off = head.cellCentre((t + SHIFT + 1) % N, t);
            assertTrue(luminance(img.getRGB(on.x, on.y)) > luminance(img.getRGB(off.x, off.y)) + 100,
                    "weight 1 is much brighter than weight 0");
        }
    }

    @Test
    void defaultShowsOnlyVisitedRowsPadded() {
        Dashboard d = new Dashboard(oneHot(), false);
        assertEquals(List.of(1, 11), List.of(d.rowRange()[0], d.rowRange()[1]), "rows 3..8 visited, padded by 2");
        Dashboard.Panel head = d.panels().get(3);
        assertEquals(1, head.firstRow);
        assertEquals(10, head.rows);
        assertTrue(head.title.contains("rows 1-10 of 12"), head.title);
        BufferedImage img = d.render();
        Point p = head.cellCentre(SHIFT + 2, 2);
        assertEquals(Dashboard.viridis(1).getRGB(), img.getRGB(p.x, p.y));
        Dashboard.Panel memory = d.panels().get(4);
        assertEquals(1, memory.firstRow);
        assertEquals(10, memory.rows);
        assertEquals(4, memory.columns);
    }

    @Test
    void bitsErrorsMarkerAndMemoryColours() {
        DashboardData data = oneHot();
        Dashboard d = new Dashboard(data, false);
        BufferedImage img = d.render();
        Dashboard.Panel target = d.panels().get(1);
        Dashboard.Panel prediction = d.panels().get(2);
        // unscored steps of the target are grey, scored ones carry the bit
        Point p = target.cellCentre(0, 1);
        assertEquals(Dashboard.UNSCORED.getRGB(), img.getRGB(p.x, p.y));
        p = target.cellCentre(0, 3);
        assertEquals(Dashboard.viridis(1).getRGB(), img.getRGB(p.x, p.y));
        // the one wrong bit (channel 0, step 4: predicted 0.8, target 0) has a red outline; a right one has not
        assertTrue(data.wrong(0, 4));
        assertEquals(1, data.bitErrors());
        java.awt.Rectangle wrong = new java.awt.Rectangle(prediction.plot.x + 4 * prediction.cellWidth,
                prediction.plot.y, prediction.cellWidth, prediction.cellHeight);
        assertEquals(Dashboard.WRONG.getRGB(), img.getRGB(wrong.x + 1, wrong.y + wrong.height / 2));
        assertEquals(Dashboard.WRONG.getRGB(), img.getRGB(wrong.x + wrong.width / 2, wrong.y + 1));
        assertNotEquals(Dashboard.WRONG.getRGB(), img.getRGB(wrong.x + 1 + prediction.cellWidth, wrong.y + wrong.height / 2));
        // the marker line at the first answer step (3) crosses the head panel
        Dashboard.Panel head = d.panels().get(3);
        int x = head.plot.x + 3 * head.cellWidth;
        boolean marker = false;
        for (int y = head.plot.y; y < head.plot.y + head.plot.height; y++) {
            marker |= img.getRGB(x, y) == Dashboard.MARKER.getRGB();
        }
        assertTrue(marker, "a marker line at the first answer step");
        // memory: +1 red, -1 blue, 0 white
        Dashboard.Panel memory = d.panels().get(4);
        Point plus = memory.cellCentre(4, 0);
        Point minus = memory.cellCentre(5, 0);
        Point zero = memory.cellCentre(6, 0);
        Color red = new Color(img.getRGB(plus.x, plus.y));
        Color blue = new Color(img.getRGB(minus.x, minus.y));
        assertTrue(red.getRed() > 150 && red.getBlue() < 80, "positive is red: " + red);
        assertTrue(blue.getBlue() > 150 && blue.getRed() < 80, "negative is blue: " + blue);
        assertEquals(Color.WHITE.getRGB(), img.getRGB(zero.x, zero.y));
        assertFalse(Dashboard.viridis(0.5).equals(Dashboard.viridis(0.6)), "the ramp varies");
    }

    @Test
    void gifHasOneFramePerStepAndFramesRevealTime(@TempDir Path dir) throws Exception {
        Dashboard d = new Dashboard(oneHot(), false);
        Path gif = dir.resolve("d.gif");
        d.writeGif(gif, 100);
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            javax.imageio.ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(T, reader.getNumImages(true), "one frame per step");
            BufferedImage first = reader.read(0);
            assertEquals(d.width(), first.getWidth());
            assertEquals(d.height(), first.getHeight());
            reader.dispose();
        }
        // frame 2: steps 0..2 drawn, later steps blank; the memory after step 2 is shown
        BufferedImage frame = d.renderStep(2);
        Dashboard.Panel head = d.panels().get(3);
        Point drawn = head.cellCentre(2 + SHIFT, 2);
        Point later = head.cellCentre(4 + SHIFT, 4);
        assertEquals(Dashboard.viridis(1).getRGB(), frame.getRGB(drawn.x, drawn.y));
        assertEquals(Color.WHITE.getRGB(), frame.getRGB(later.x, later.y), "a step not yet run is blank");
        Dashboard.Panel memory = d.panels().get(4);
        Point written = memory.cellCentre(2 + SHIFT, 1);
        Color c = new Color(frame.getRGB(written.x, written.y));
        assertTrue(c.getRed() > c.getBlue() && !c.equals(Color.WHITE), "memory after step 2 has row 5 written: " + c);
    }
}
