package io.github.ntm4j.examples.dashboard;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Learning curves of one or more runs of the {@code train} command ({@link TrainingLog}): the training
 * loss and the validation bit errors per sequence against sequences seen, each in its own panel on a
 * log10 y axis. Every progress line is drawn faint; a trailing rolling mean over {@code window} progress
 * lines is drawn bold on top. Values below {@link #FLOOR} (a run with no bit errors) are drawn at the
 * floor, and the axis label says so. The best checkpoint of each run is a dashed line in the bit-error
 * panel. Several runs (an NTM and an LSTM baseline, say) share the axes and get a legend.
 */
public final class LearningCurves {
    /** Values below this are drawn at it on the log axes. */
    public static final double FLOOR = 1e-3;
    public static final int WIDTH = 960;
    public static final int HEIGHT = 760;
    static final int LEFT = 96;
    static final int RIGHT = 30;
    static final int PANEL_HEIGHT = 260;
    static final int FIRST_PLOT_TOP = 110;
    static final int PANEL_GAP = 86;
    static final Color GRID = new Color(0xeeeeee);
    /** Series colours: matplotlib's tab10 order, without the orange the dashboard uses for its markers. */
    static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f)};

    /** The two panels, top to bottom. */
    public enum Metric {
        LOSS("training loss (last minibatch)", "loss"),
        BIT_ERRORS("validation bit errors per sequence", "bit errors / sequence");

        final String title;
        final String axis;

        Metric(String title, String axis) {
            this.title = title;
            this.axis = axis;
        }

        double value(TrainingLog.Point p) {
            return this == LOSS ? p.loss() : p.bitErrors();
        }
    }

    private final List<TrainingLog> logs;
    private final List<String> labels;
    private final int window;
    private final boolean logX;
    private final double xMin;
    private final double xMax;
    private final int[] yLo = new int[2];
    private final int[] yHi = new int[2];
    private final boolean[] clamped = new boolean[2];
    private final List<Rectangle> swatches = new ArrayList<>();

    /**
     * @param logs   one or more runs
     * @param labels one legend label per run, or null for the logs' names
     * @param window the rolling mean's window in progress lines, at least 1
     * @param logX   sequences seen on a log10 axis instead of a linear one
     */
    public LearningCurves(List<TrainingLog> logs, List<String> labels, int window, boolean logX) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no logs");
        }
        if (labels != null && labels.size() != logs.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + logs.size() + " logs");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.logs = List.copyOf(logs);
        this.labels = labels == null ? logs.stream().map(TrainingLog::name).toList() : List.copyOf(labels);
        this.window = window;
        this.logX = logX;

        long minSeq = Long.MAX_VALUE;
        long maxSeq = 0;
        for (TrainingLog log : logs) {
            for (TrainingLog.Point p : log.points()) {
                if (!logX || p.sequences() > 0) {
                    minSeq = Math.min(minSeq, p.sequences());
                }
                maxSeq = Math.max(maxSeq, p.sequences());
            }
        }
        if (logX) {
            int lo = (int) Math.floor(Math.log10(Math.max(1, minSeq == Long.MAX_VALUE ? 1 : minSeq)));
            int hi = (int) Math.ceil(Math.log10(Math.max(1, maxSeq)));
            xMin = lo;
            xMax = hi > lo ? hi : lo + 1;
        } else {
            xMin = 0;
            xMax = Math.max(1, maxSeq) * 1.01; // a little room after the last point
        }
        for (Metric m : Metric.values()) {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (TrainingLog log : logs) {
                for (TrainingLog.Point p : log.points()) {
                    double v = m.value(p);
                    clamped[m.ordinal()] |= v < FLOOR;
                    v = Math.max(FLOOR, v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            int lo = (int) Math.floor(Math.log10(min));
            int hi = (int) Math.ceil(Math.log10(max));
            yLo[m.ordinal()] = lo;
            yHi[m.ordinal()] = hi > lo ? hi : lo + 1;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Trailing rolling mean: point i is the mean of points max(0, i-window+1)..i. */
    public static double[] rollingMean(double[] v, int window) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            if (i >= window) {
                sum -= v[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    /** The plot area of a panel. */
    public Rectangle plot(Metric m) {
        return new Rectangle(LEFT, FIRST_PLOT_TOP + m.ordinal() * (PANEL_HEIGHT + PANEL_GAP), WIDTH - LEFT - RIGHT, PANEL_HEIGHT);
    }

    /** The decades of a panel's y axis: {lowest, highest} power of ten. */
    public int[] yDecades(Metric m) {
        return new int[]{yLo[m.ordinal()], yHi[m.ordinal()]};
    }

    /** The x axis range: sequences (linear) or powers of ten (log). */
    public double[] xRange() {
        return new double[]{xMin, xMax};
    }

    /** The colour of run {@code i}. */
    public static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The faint colour of run {@code i}'s raw points. */
    public static Color faint(int i) {
        return mix(colour(i), Color.WHITE, 0.6);
    }

    /** The legend's colour swatches, one per run, in the rendered image (filled after {@link #render()}). */
    public List<Rectangle> legendSwatches() {
        return List.copyOf(swatches);
    }

    /** The x pixel (fractional) of a number of sequences seen. */
    public double xPixel(double sequences) {
        Rectangle r = plot(Metric.LOSS);
        double x = logX ? Math.log10(Math.max(1, sequences)) : sequences;
        return r.x + (x - xMin) / (xMax - xMin) * r.width;
    }

    /** The y pixel (fractional) of a value in a panel, after clamping at {@link #FLOOR}. */
    public double yPixel(Metric m, double value) {
        Rectangle r = plot(m);
        double y = Math.log10(Math.max(FLOOR, value));
        return r.y + (yHi[m.ordinal()] - y) / (yHi[m.ordinal()] - yLo[m.ordinal()]) * r.height;
    }

    /** The y axis label of a panel; says when values were clamped at the floor. */
    public String[] yLabel(Metric m) {
        return clamped[m.ordinal()]
                ? new String[]{m.axis + " (log scale)", "values < " + fmt(FLOOR) + " (zeros) drawn at " + fmt(FLOOR)}
                : new String[]{m.axis + " (log scale)"};
    }

    public String title() {
        String task = logs.get(0).header().get("task");
        for (TrainingLog log : logs) {
            if (task != null && !task.equals(log.header().get("task"))) {
                task = null;
            }
        }
        return "Learning curves" + (task != null ? " of the " + task + " task" : "") + ": "
                + String.join(" vs ", labels);
    }

    public BufferedImage render() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title(), 10, 26);
            drawLegend(g);
            for (Metric m : Metric.values()) {
                drawAxes(g, m);
                Shape clip = g.getClip();
                Rectangle r = plot(m);
                g.setClip(r.x, r.y, r.width + 1, r.height + 1);
                for (int i = 0; i < logs.size(); i++) {
                    drawRaw(g, m, i);
                }
                if (m == Metric.BIT_ERRORS) {
                    for (int i = 0; i < logs.size(); i++) {
                        drawBestCheckpoint(g, i);
                    }
                }
                for (int i = 0; i < logs.size(); i++) {
                    drawMean(g, m, i);
                }
                g.setClip(clip);
                g.setColor(Color.DARK_GRAY);
                g.setStroke(new BasicStroke(1));
                g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG. */
    public void writePng(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(), "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    // ------------------------------------------------------------------ drawing

    private void drawLegend(Graphics2D g) {
        swatches.clear();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int x = LEFT;
        int y = 50;
        for (int i = 0; i < logs.size(); i++) {
            String text = labels.get(i);
            if (x + 30 + fm.stringWidth(text) > WIDTH - RIGHT && x > LEFT) {
                x = LEFT;
                y += 18;
            }
            Rectangle s = new Rectangle(x, y - 5, 24, 5);
            g.setColor(colour(i));
            g.fillRect(s.x, s.y, s.width, s.height);
            swatches.add(s);
            g.setColor(Color.BLACK);
            g.drawString(text, x + 30, y + fm.getAscent() / 2 - 1);
            x += 30 + fm.stringWidth(text) + 24;
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        String note = "faint: every progress line; bold: rolling mean of the last " + window
                + (window == 1 ? " line" : " lines") + "; dashed: best checkpoint";
        g.drawString(note, LEFT, y + 22);
    }

    private void drawAxes(Graphics2D g, Metric m) {
        Rectangle r = plot(m);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(m.title, r.x, r.y - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1));
        // y: grid and labels at every decade, minor ticks at 2..9
        int lo = yLo[m.ordinal()];
        int hi = yHi[m.ordinal()];
        for (int k = lo; k <= hi; k++) {
            int y = (int) Math.round(yPixel(m, Math.pow(10, k)));
            g.setColor(GRID);
            g.drawLine(r.x, y, r.x + r.width, y);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(r.x - 6, y, r.x - 2, y);
            String s = fmt(Math.pow(10, k));
            g.drawString(s, r.x - 8 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
            for (int j = 2; k < hi && j <= 9; j++) {
                int ym = (int) Math.round(yPixel(m, j * Math.pow(10, k)));
                g.drawLine(r.x - 4, ym, r.x - 2, ym);
            }
        }
        String[] label = yLabel(m);
        AffineTransform t = g.getTransform();
        g.rotate(-Math.PI / 2);
        for (int i = 0; i < label.length; i++) {
            int w = fm.stringWidth(label[i]);
            // rotated: x is minus the screen y, y is the screen x
            g.drawString(label[i], -(r.y + r.height / 2) - w / 2, 14 + i * (fm.getHeight() + 1));
        }
        g.setTransform(t);
        // x: ticks and labels
        List<double[]> ticks = xTicks();
        for (double[] tick : ticks) {
            int x = (int) Math.round(xPixel(tick[0]));
            if (tick[1] == 1) {
                g.setColor(GRID);
                g.drawLine(x, r.y, x, r.y + r.height);
                g.setColor(Color.DARK_GRAY);
                g.drawLine(x, r.y + r.height + 1, x, r.y + r.height + 6);
                String s = sequencesLabel(tick[0]);
                g.drawString(s, x - fm.stringWidth(s) / 2, r.y + r.height + 8 + fm.getAscent());
            } else {
                g.setColor(Color.DARK_GRAY);
                g.drawLine(x, r.y + r.height + 1, x, r.y + r.height + 3);
            }
        }
        String xLabel = "sequences seen" + (logX ? " (log scale)" : "");
        g.setColor(Color.DARK_GRAY);
        g.drawString(xLabel, r.x + r.width / 2 - fm.stringWidth(xLabel) / 2, r.y + r.height + 10 + 2 * fm.getAscent());
    }

    /** {position in sequences, 1 for a labelled tick or 0 for a minor one}. */
    private List<double[]> xTicks() {
        List<double[]> ticks = new ArrayList<>();
        if (logX) {
            for (int k = (int) xMin; k <= (int) xMax; k++) {
                ticks.add(new double[]{Math.pow(10, k), 1});
                for (int j = 2; k < xMax && j <= 9; j++) {
                    ticks.add(new double[]{j * Math.pow(10, k), 0});
                }
            }
        } else {
            double step = niceStep(xMax / 6.0);
            for (double x = 0; x <= xMax; x += step) {
                ticks.add(new double[]{x, 1});
            }
        }
        return ticks;
    }

    /** 0, 500, 200k, 1.5M. */
    static String sequencesLabel(double s) {
        if (s >= 1e6) {
            return strip(s / 1e6) + "M";
        }
        if (s >= 1e3) {
            return strip(s / 1e3) + "k";
        }
        return strip(s);
    }

    private static String strip(double v) {
        return BigDecimal.valueOf(Math.round(v * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }

    /** A power of ten as 0.001, 1, 100 or 1e+06. */
    static String fmt(double v) {
        int k = (int) Math.round(Math.log10(v));
        if (k >= -4 && k <= 5) {
            return BigDecimal.ONE.scaleByPowerOfTen(k).toPlainString();
        }
        return String.format(Locale.ROOT, "1e%d", k);
    }

    private double[] values(Metric m, int i) {
        List<TrainingLog.Point> ps = logs.get(i).points();
        double[] v = new double[ps.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.max(FLOOR, m.value(ps.get(j)));
        }
        return v;
    }

    private Path2D line(Metric m, int i, double[] v) {
        List<TrainingLog.Point> ps = logs.get(i).points();
        Path2D path = new Path2D.Double();
        boolean first = true;
        for (int j = 0; j < v.length; j++) {
            if (logX && ps.get(j).sequences() <= 0) {
                continue;
            }
            double x = xPixel(ps.get(j).sequences());
            double y = yPixel(m, v[j]);
            if (first) {
                path.moveTo(x, y);
                first = false;
            } else {
                path.lineTo(x, y);
            }
        }
        return path;
    }

    private void drawRaw(Graphics2D g, Metric m, int i) {
        double[] v = values(m, i);
        g.setColor(faint(i));
        g.setStroke(new BasicStroke(1f));
        g.draw(line(m, i, v));
        List<TrainingLog.Point> ps = logs.get(i).points();
        for (int j = 0; j < v.length; j++) {
            if (logX && ps.get(j).sequences() <= 0) {
                continue;
            }
            double x = xPixel(ps.get(j).sequences());
            double y = yPixel(m, v[j]);
            g.fill(new java.awt.geom.Ellipse2D.Double(x - 1.5, y - 1.5, 3, 3));
        }
    }

    private void drawMean(Graphics2D g, Metric m, int i) {
        g.setColor(colour(i));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line(m, i, rollingMean(values(m, i), window)));
    }

    private void drawBestCheckpoint(Graphics2D g, int i) {
        TrainingLog.Checkpoint best = logs.get(i).bestCheckpoint();
        if (best == null || (logX && best.sequences() <= 0)) {
            return;
        }
        Rectangle r = plot(Metric.BIT_ERRORS);
        int x = (int) Math.round(xPixel(best.sequences()));
        g.setColor(colour(i));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f));
        g.drawLine(x, r.y, x, r.y + r.height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        String s = String.format(Locale.ROOT, "best checkpoint: %s bit errors at %,d sequences", strip(best.bitErrors()),
                best.sequences());
        int tx = x + 4 + fm.stringWidth(s) > r.x + r.width ? x - 4 - fm.stringWidth(s) : x + 4;
        g.drawString(s, tx, r.y + 12 + i * (fm.getHeight() + 2));
    }

    private static Color mix(Color a, Color b, double f) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }
}
