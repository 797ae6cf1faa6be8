package io.github.ntm4j.examples.dashboard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The train-log parser on a trimmed real log, and the learning-curve renderer with real pixel assertions, headless. */
class LearningCurvesTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static Path sample() throws URISyntaxException {
        return Path.of(LearningCurvesTest.class.getResource("/logs/copy-sample.log").toURI());
    }

    @Test
    void parsesTheProgressLinesOfARealLogAndIgnoresTheRest() throws Exception {
        TrainingLog log = TrainingLog.read(sample());
        assertEquals("copy-sample.log", log.name());
        assertEquals("copy", log.header().get("task"));
        assertEquals("13260", log.header().get("params"));
        // 13 progress lines; the WARN line, the checkpoint lines, the line cut short and "done" are not points
        List<TrainingLog.Point> ps = log.points();
        assertEquals(13, ps.size());
        assertEquals(new TrainingLog.Point(4928, 52.71, 38.5), ps.get(0));
        assertEquals(new TrainingLog.Point(11328, 67.9027, 36.047), ps.get(1));
        assertEquals(new TrainingLog.Point(698928, 1.9197, 0.172), ps.get(8));
        assertEquals(new TrainingLog.Point(1655168, 25.0174, 1.984), ps.get(12));
        assertEquals(6, log.checkpoints().size());
        assertEquals(new TrainingLog.Checkpoint(698928, 0.172), log.bestCheckpoint());
    }

    @Test
    void aLogWithoutProgressLinesIsAnError() {
        TrainingLog.NoProgressException e = assertThrows(TrainingLog.NoProgressException.class, () -> TrainingLog.parse("x.log",
                List.of("task=copy controller=ff params=1 path=FusedNtmPath seed=1 budget=1.0min", "WARN something",
                        "sequences=12 seq_per_s=3")));
        assertTrue(e.getMessage().startsWith("x.log has no training progress line"), e.getMessage());
        assertThrows(TrainingLog.NoProgressException.class, () -> TrainingLog.parse("empty.log", List.of()));
    }

    @Test
    void rollingMeanIsTrailing() {
        assertArrayEquals(new double[]{1, 1.5, 2.5, 3.5}, LearningCurves.rollingMean(new double[]{1, 2, 3, 4}, 2), 1e-12);
        assertArrayEquals(new double[]{1, 2, 3}, LearningCurves.rollingMean(new double[]{1, 2, 3}, 1), 1e-12);
    }

    /** 12 progress lines every 1000 sequences; loss 100 and bit errors 8, both halving every line. */
    static TrainingLog halving(String name) {
        List<TrainingLog.Point> ps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ps.add(new TrainingLog.Point(1000L * (i + 1), 100 * Math.pow(0.5, i), 8 * Math.pow(0.5, i)));
        }
        return TrainingLog.of(name, ps);
    }

    /** Mean row of the pixels in column x of the rectangle within a small distance of colour c; NaN if none. */
    static double row(BufferedImage img, int x, Rectangle r, Color c) {
        double sum = 0;
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            Color p = new Color(img.getRGB(x, y));
            if (Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen()) + Math.abs(p.getBlue() - c.getBlue()) <= 30) {
                sum += y;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** A panel whose values lie within one decade gets ticks between the powers of ten; one spanning decades not. */
    @Test
    void aPanelWithinOneDecadeGetsTicksBetweenThePowersOfTen() {
        List<TrainingLog.Point> ps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ps.add(new TrainingLog.Point(1000L * (i + 1), 100 * Math.pow(0.5, i), 90 - 4 * i));   // 90 down to 46
        }
        LearningCurves curves = new LearningCurves(List.of(TrainingLog.of("flat", ps)), null, 4, false);
        assertFalse(curves.chart(LearningCurves.Metric.BIT_ERRORS).getStyler().isYAxisLogarithmicDecadeOnly(),
                "bit errors 46-90: ticks at 50, 60, ...");
        assertTrue(curves.chart(LearningCurves.Metric.LOSS).getStyler().isYAxisLogarithmicDecadeOnly(),
                "a loss from 100 down to 0.05: ticks at the powers of ten");
    }

    @Test
    void aHalvingSeriesDrawsAStraightRollingMeanWhereTheLogScalePutsIt(@TempDir Path dir) throws Exception {
        int window = 4;
        LearningCurves curves = new LearningCurves(List.of(halving("halving.log")), null, window, false);
        Path png = dir.resolve("c.png");
        curves.writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(LearningCurves.WIDTH, img.getWidth());
        assertEquals(LearningCurves.HEIGHT, img.getHeight());

        LearningCurves.Metric loss = LearningCurves.Metric.LOSS;
        Rectangle r = curves.panel(loss);
        double prev = -1;
        // Between lines i and i+1 (i >= window-1) the trailing mean is (1+2+4+8)/4 = 3.75 times the raw value, and
        // on the log axis the midpoint in x sits at the geometric mean of its two ends.
        for (int i : new int[]{5, 9}) {
            double seqs = 1000 * (i + 1) + 500;
            int x = (int) Math.round(curves.screenX(loss, seqs));
            double mean = 3.75 * 100 * Math.pow(0.5, i + 0.5);
            double actual = row(img, x, r, LearningCurves.colour(0));
            assertEquals(curves.screenY(loss, mean), actual, 3, "rolling mean at " + seqs + " sequences");
            assertTrue(actual > prev, "descending");
            prev = actual;
        }
        // The faint raw line is 3.75 times lower: log10(3.75) of a decade below the bold one.
        int x = (int) Math.round(curves.screenX(loss, 6500));
        assertEquals(curves.screenY(loss, 100 * Math.pow(0.5, 5.5)), row(img, x, r, LearningCurves.faint(0)), 3,
                "raw points");
        double decade = curves.screenY(loss, 1) - curves.screenY(loss, 10);
        assertTrue(decade > 20, "a decade is tall: " + decade);
        assertEquals(decade, curves.screenY(loss, 0.1) - curves.screenY(loss, 1), 0.5, "every decade as tall: log axis");
    }

    @Test
    void zerosAreClampedAtTheFloorAndTheAxisSaysSo() {
        List<TrainingLog.Point> ps = List.of(new TrainingLog.Point(100, 3, 2), new TrainingLog.Point(200, 1, 0));
        LearningCurves curves = new LearningCurves(List.of(TrainingLog.of("z", ps)), null, 10, true);
        curves.render();
        assertEquals(curves.screenY(LearningCurves.Metric.BIT_ERRORS, LearningCurves.FLOOR),
                curves.screenY(LearningCurves.Metric.BIT_ERRORS, 0), 1e-9);
        assertTrue(curves.panelTitle(LearningCurves.Metric.BIT_ERRORS).contains("drawn at 0.001"));
        assertFalse(curves.panelTitle(LearningCurves.Metric.LOSS).contains("drawn at"), "no note where nothing was clamped");
        assertTrue(curves.chart(LearningCurves.Metric.LOSS).getStyler().isXAxisLogarithmic());
        assertTrue(curves.screenX(LearningCurves.Metric.LOSS, 200) > curves.screenX(LearningCurves.Metric.LOSS, 100));
    }

    @Test
    void twoLogsGetTwoColoursTwoLegendEntriesAndTheBestCheckpointLine() throws Exception {
        TrainingLog lstm = TrainingLog.of("lstm.log", List.of(new TrainingLog.Point(1000, 60, 30),
                new TrainingLog.Point(800_000, 40, 20), new TrainingLog.Point(1_600_000, 30, 15)));
        LearningCurves curves = new LearningCurves(List.of(TrainingLog.read(sample()), lstm), List.of("NTM", "LSTM"), 3, false);
        assertEquals("Learning curves: NTM vs LSTM", curves.title(), "the tasks differ (the LSTM log has no header)");
        BufferedImage img = curves.render();
        assertNotEquals(LearningCurves.colour(0), LearningCurves.colour(1));
        for (LearningCurves.Metric m : LearningCurves.Metric.values()) {
            assertEquals(List.of("NTM", "LSTM"), curves.chart(m).getSeriesMap().values().stream()
                    .filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList(), "legend of " + m);
            Rectangle r = curves.panel(m);
            for (int i = 0; i < 2; i++) {
                int n = 0;
                for (int x = r.x; x < r.x + r.width; x++) {
                    n += Double.isNaN(row(img, x, r, LearningCurves.colour(i))) ? 0 : 1;
                }
                assertTrue(n > 20, "run " + i + " in " + m + ": " + n + " columns");
            }
        }
        // The NTM's best checkpoint (698,928 sequences) is a dashed vertical line in its colour.
        LearningCurves.Metric bits = LearningCurves.Metric.BIT_ERRORS;
        int x = (int) Math.round(curves.screenX(bits, 698_928));
        int top = (int) curves.screenY(bits, 30);
        int bottom = (int) curves.screenY(bits, 0.2);
        int coloured = 0;
        Rectangle column = new Rectangle(0, 0, 1, 1);
        for (int y = top; y < bottom; y++) {
            column.y = y;
            for (int dx = -1; dx <= 1; dx++) {
                if (!Double.isNaN(row(img, x + dx, column, LearningCurves.colour(0)))) {
                    coloured++;
                    break;
                }
            }
        }
        assertTrue(coloured > (bottom - top) / 4, "dashed line: " + coloured + " of " + (bottom - top) + " rows");
    }
}
