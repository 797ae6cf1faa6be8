package io.github.ntm4j.examples.dashboard;

import io.github.ntm4j.examples.dashboard.Dashboard.Panel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Draws a laid-out {@link Dashboard} with Java2D: each panel's cells or line, its frame, ticks, colour
 * bar and the first-answer marker, and the title line. The layout decides where panels go and what
 * each shows ({@link Content}); this class decides how they look. Pure Java2D: no display needed.
 */
final class DashboardRenderer {
    /** The dashed line at the first answer step. */
    static final Color MARKER = new Color(0xff7f0e);
    /** The outline of a wrong predicted bit. */
    static final Color WRONG = new Color(0xe41a1c);
    /** Target and prediction cells at steps that are not scored. */
    static final Color UNSCORED = new Color(0xe6e6e6);
    /** The β, g and γ lines. */
    static final Color LINE = new Color(0x1f3a93);
    /** A line strip's middle value, drawn faintly so that the line reads against it. */
    static final Color GRID = new Color(0xdddddd);

    /** Draws a panel's cells for the time steps up to {@code step} ({@code frame}: one frame of the animation). */
    interface Content {
        void draw(Graphics2D g, Panel p, int step, boolean frame);
    }

    private final DashboardData data;

    DashboardRenderer(DashboardData data) {
        this.data = data;
    }

    /**
     * Step {@code step} of {@code layout}: the whole picture ({@code frame} false, {@code step} the
     * last), or one frame of the animation, time panels blank after {@code step}.
     */
    BufferedImage render(Dashboard layout, int step, boolean frame) {
        int width = layout.width();
        int height = layout.height();
        String title = layout.title();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(frame ? title + String.format(Locale.ROOT, "; step %d of %d", step, data.steps() - 1)
                    : title, 10, 26);
            List<Panel> panels = layout.panels();
            for (Panel p : panels) {
                p.content.draw(g, p, step, frame);
            }
            for (Panel p : panels) {
                String panelTitle = p.title;
                if (frame && !p.time) {
                    panelTitle = panelTitle.replace("memory after the last step", "memory after step " + step);
                }
                drawFrame(g, p, panelTitle);
                if (p.time) {
                    drawMarker(g, p);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    // ------------------------------------------------------------------ panels

    /**
     * Channels × time in [0, 1]; {@code onlyScored} greys the steps not scored, {@code markWrong}
     * outlines the predicted bits that are wrong.
     */
    void drawBits(Graphics2D g, Panel p, double[][] values, boolean onlyScored, boolean markWrong, int step) {
        for (int c = 0; c < p.rows; c++) {
            for (int t = 0; t < p.columns; t++) {
                Rectangle cell = cell(p, c, t);
                g.setColor(t > step ? Color.WHITE : onlyScored && !data.answer[t] ? UNSCORED : viridis(values[c][t]));
                g.fill(cell);
            }
        }
        if (markWrong) {
            g.setColor(WRONG);
            g.setStroke(new BasicStroke(2f));
            for (int c = 0; c < p.rows; c++) {
                for (int t = 0; t <= step; t++) {
                    if (data.wrong(c, t)) {
                        Rectangle cell = cell(p, c, t);
                        g.drawRect(cell.x + 1, cell.y + 1, cell.width - 2, cell.height - 2);
                    }
                }
            }
            g.setStroke(new BasicStroke(1f));
        }
        colourBar(g, p, false, "1", "0");
    }

    /** A heat map of values in [0, 1] over time; {@code row} gives the values of panel row i (0 at the top). */
    static void drawHeat(Graphics2D g, Panel p, IntFunction<double[]> row, int step) {
        for (int r = 0; r < p.rows; r++) {
            double[] v = row.apply(r);
            for (int t = 0; t < p.columns; t++) {
                g.setColor(t > step ? Color.WHITE : viridis(v[t]));
                g.fill(cell(p, r, t));
            }
        }
        colourBar(g, p, false, "1", "0");
    }

    /** A line through {@code v[t]} at the centre of each step's column, with a dot on every step, up to {@code step}. */
    static void drawLine(Graphics2D g, Panel p, double[] v, int step) {
        g.setColor(GRID);
        int mid = p.yOf((p.low + p.high) / 2);
        g.drawLine(p.plot.x, mid, p.plot.x + p.plot.width - 1, mid);
        g.setColor(LINE);
        g.setStroke(new BasicStroke(2f));
        int lastX = -1;
        int lastY = -1;
        for (int t = 0; t <= step && t < p.columns; t++) {
            if (Double.isNaN(v[t])) {
                lastX = -1;
                continue;
            }
            int x = p.plot.x + t * p.cellWidth + p.cellWidth / 2;
            int y = p.yOf(v[t]);
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, x, y);
            }
            g.fillRect(x - 1, y - 1, 3, 3);
            lastX = x;
            lastY = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    /**
     * The memory panel: after the last step on its own colour scale, or in a frame after {@code step}
     * on the scale of all steps, so that colours compare across frames.
     */
    void drawMemory(Graphics2D g, Panel p, int step, boolean frame) {
        drawMemory(g, p, frame ? data.memoryAfter(step) : data.memoryEnd, frame ? memoryScaleAllSteps(p) : 0);
    }

    /** {@code max} is the colour scale, or 0 for the largest |value| shown. */
    private void drawMemory(Graphics2D g, Panel p, double[][] memory, double max) {
        if (max == 0) {
            for (int r = 0; r < p.rows; r++) {
                for (double v : memory[p.rowAt(r)]) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        double scale = max == 0 ? 1 : max;
        for (int r = 0; r < p.rows; r++) {
            for (int c = 0; c < p.columns; c++) {
                g.setColor(diverging(memory[p.rowAt(r)][c] / scale));
                g.fill(cell(p, r, c));
            }
        }
        String m = String.format(Locale.ROOT, "%.2g", scale);
        colourBar(g, p, true, "+" + m, "-" + m);
    }

    /** The largest |value| in the panel's rows over all steps: one colour scale for every frame of the animation. */
    private double memoryScaleAllSteps(Panel p) {
        double max = 0;
        for (int t = 0; t < data.steps(); t++) {
            double[][] m = data.memoryAfter(t);
            for (int i = 0; i < p.rows; i++) {
                for (double v : m[p.rowAt(i)]) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return max;
    }

    /** The cell at panel-relative row {@code r} and column {@code c}. */
    private static Rectangle cell(Panel p, int r, int c) {
        return new Rectangle(p.plot.x + c * p.cellWidth, p.plot.y + r * p.cellHeight, p.cellWidth, p.cellHeight);
    }

    private static void colourBar(Graphics2D g, Panel p, boolean diverging, String top, String bottom) {
        int x = p.plot.x + p.plot.width + 10;
        int h = p.plot.height;
        for (int i = 0; i < h; i++) {
            double v = 1.0 - (h == 1 ? 0 : (double) i / (h - 1));
            g.setColor(diverging ? diverging(2 * v - 1) : viridis(v));
            g.fillRect(x, p.plot.y + i, 10, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, p.plot.y, 10, h - 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(top, x + 13, p.plot.y + fm.getAscent());
        g.drawString(bottom, x + 13, p.plot.y + h);
    }

    private static void drawFrame(Graphics2D g, Panel p, String title) {
        Rectangle r = p.plot;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, r.x, r.y - 6);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        if (p.xTicks) {
            // x ticks: every k columns, k from 1, 2, 5, 10, 20, 50, ... so that labels are >= 28 px apart
            int k = Ticks.niceStep(p.cellWidth, 28);
            for (int c = 0; c < p.columns; c += k) {
                int x = r.x + c * p.cellWidth + p.cellWidth / 2;
                g.drawLine(x, r.y + r.height + 1, x, r.y + r.height + 4);
                String s = Integer.toString(c);
                g.drawString(s, x - fm.stringWidth(s) / 2, r.y + r.height + 5 + fm.getAscent());
            }
            String xLabel = p.xLabel + " \u2192";
            g.drawString(xLabel, r.x - fm.stringWidth(xLabel) - 8, r.y + r.height + 5 + fm.getAscent());
        }
        if (p.isLine()) {
            yTick(g, fm, r.x, p.yOf(p.high), Ticks.rangeLabel(p.high));
            yTick(g, fm, r.x, p.yOf(p.low), Ticks.rangeLabel(p.low));
        } else {
            // y ticks: first and last row, row 0 where the rows wrap, and every k rows in between when there is room
            int ky = Ticks.niceStep(p.cellHeight, 14);
            int wrapsAt = p.wrap > 0 && p.firstRow + p.rows > p.wrap ? p.wrap - p.firstRow : -1;
            for (int row = 0; row < p.rows; row++) {
                int label = p.rowAt(row);
                boolean lastCrowded = wrapsAt >= 0 && (p.rows - 1 - wrapsAt) * p.cellHeight < 14; // row 0 wins
                boolean must = row == 0 || row == wrapsAt || (row == p.rows - 1 && (!lastCrowded || row == wrapsAt));
                if (!must && (label % ky != 0 || (p.rows - 1 - row) * p.cellHeight < 14
                        || (wrapsAt > row && (wrapsAt - row) * p.cellHeight < 14))) {
                    continue; // not a multiple of k, or too close to a label that must be there
                }
                yTick(g, fm, r.x, r.y + row * p.cellHeight + p.cellHeight / 2, Integer.toString(label));
            }
        }
        g.drawString(p.yLabel, 8, r.y + fm.getAscent());
    }

    private static void yTick(Graphics2D g, FontMetrics fm, int plotX, int y, String label) {
        g.drawLine(plotX - 5, y, plotX - 2, y);
        g.drawString(label, plotX - 7 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
    }

    private void drawMarker(Graphics2D g, Panel p) {
        int t = data.firstAnswerStep();
        if (t <= 0) {
            return;
        }
        int x = p.plot.x + t * p.cellWidth;
        g.setColor(MARKER);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 3f}, 0f));
        g.drawLine(x, p.plot.y - 3, x, p.plot.y + p.plot.height + 2);
        g.setStroke(new BasicStroke(1f));
    }

    // ------------------------------------------------------------------ colour maps

    private static final int[] VIRIDIS = {
            0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x90d743, 0xfde725};

    /** A viridis-like ramp: 0 dark purple, 0.5 teal, 1 bright yellow; values outside [0, 1] are clamped. */
    static Color viridis(double v) {
        double x = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1);
        int i = Math.min((int) x, VIRIDIS.length - 2);
        return mix(new Color(VIRIDIS[i]), new Color(VIRIDIS[i + 1]), x - i);
    }

    /** Blue (-1) through white (0) to red (+1); values outside [-1, 1] are clamped. */
    static Color diverging(double v) {
        double x = Double.isNaN(v) ? 0 : Math.max(-1, Math.min(1, v));
        return x < 0 ? mix(Color.WHITE, new Color(0x2166ac), -x) : mix(Color.WHITE, new Color(0xb2182b), x);
    }

    private static Color mix(Color a, Color b, double f) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }
}
