package io.github.ntm4j.examples.dashboard;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Learning curves of one or more training runs ({@link TrainingLog}): the training loss and the
 * validation bit errors per sequence against sequences seen, each in its own XChart panel on a log10
 * y axis. Every validation is drawn faint; a trailing rolling mean over {@code window} of them is drawn
 * bold on top, and is what the legend names. Values below {@link #FLOOR} (a run with no bit errors) are
 * drawn at the floor, and the axis title says so. The best checkpoint of each run is a dashed vertical
 * line in the bit-error panel. Several runs (an NTM and an LSTM baseline, say) share the axes.
 */
public final class LearningCurves {
    /** Values below this are drawn at it on the log axes. */
    public static final double FLOOR = 1e-3;
    public static final int WIDTH = 960;
    public static final int HEIGHT = 760;
    /** The title and the note above the two panels. */
    static final int HEADER = 56;
    static final int PANEL_HEIGHT = (HEIGHT - HEADER) / 2;
    static final Color GRID = new Color(0xeeeeee);
    /** Series colours: matplotlib's tab10 order, without the orange the dashboard uses for its markers. */
    static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f)};

    /** The two panels, top to bottom. */
    public enum Metric {
        LOSS("training loss", "loss"),
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
    private final Map<Metric, XYChart> charts = new EnumMap<>(Metric.class);

    /**
     * @param logs   one or more runs
     * @param labels one legend label per run, or null for the logs' names
     * @param window the rolling mean's window in validations, at least 1
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
        for (Metric m : Metric.values()) {
            charts.put(m, build(m));
        }
    }

    private XYChart build(Metric m) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(panelTitle(m))
                .xAxisTitle("sequences seen" + (logX ? " (log scale)" : "")).yAxisTitle(m.axis + " (log scale)")
                .build();
        var s = chart.getStyler();
        s.setYAxisLogarithmic(true);
        // Within one decade (validation bit errors between 40 and 90) the powers of ten alone would leave the axis
        // without a label: then ticks at 1-9 times each power as well.
        s.setYAxisLogarithmicDecadeOnly(!withinOneDecade(m));
        s.setXAxisLogarithmic(logX);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(GRID);
        s.setChartTitleBoxVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setYAxisDecimalPattern("0.####");
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        s.setAntiAlias(true);
        s.setMarkerSize(4);
        // A custom tick formatter replaces XChart's logarithmic tick calculator, so only the linear x axis gets one.
        if (logX) {
            s.setXAxisDecimalPattern("#,###");
        } else {
            chart.setCustomXAxisTickLabelsFormatter(Ticks::sequences);
        }
        for (int i = 0; i < logs.size(); i++) {
            double[] x = sequences(i);
            double[] v = values(m, i);
            XYSeries raw = chart.addSeries(labels.get(i) + " (every validation)", x, v);
            raw.setLineColor(faint(i));
            raw.setMarkerColor(faint(i));
            raw.setMarker(SeriesMarkers.CIRCLE);
            raw.setLineStyle(new BasicStroke(1f));
            raw.setShowInLegend(false);
        }
        if (m == Metric.BIT_ERRORS) {
            for (int i = 0; i < logs.size(); i++) {
                addBestCheckpoint(chart, i);
            }
        }
        for (int i = 0; i < logs.size(); i++) {
            XYSeries mean = chart.addSeries(labels.get(i), sequences(i), rollingMean(values(m, i), window));
            mean.setLineColor(colour(i));
            mean.setMarker(SeriesMarkers.NONE);
            mean.setLineStyle(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        return chart;
    }

    /** True if no power of ten lies within the panel's values: its log axis would have no tick of its own. */
    private boolean withinOneDecade(Metric m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < logs.size(); i++) {
            for (double v : values(m, i)) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    continue;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > 0 && Math.floor(Math.log10(lo)) == Math.floor(Math.log10(hi));
    }

    /** A dashed vertical line at the run's best checkpoint, across the panel's data range, with its numbers. */
    private void addBestCheckpoint(XYChart chart, int i) {
        TrainingLog.Checkpoint best = logs.get(i).bestCheckpoint();
        if (best == null || (logX && best.sequences() <= 0)) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (TrainingLog log : logs) {
            for (TrainingLog.Point p : log.points()) {
                double v = Math.max(FLOOR, p.bitErrors());
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        XYSeries line = chart.addSeries(labels.get(i) + " best checkpoint", new double[]{best.sequences(),
                best.sequences()}, new double[]{lo, hi});
        line.setLineColor(colour(i));
        line.setLineStyle(SeriesLines.DASH_DASH);
        line.setMarker(SeriesMarkers.NONE);
        line.setShowInLegend(false);
        chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "best checkpoint: %s bit errors at %,d",
                Ticks.number(best.bitErrors()), best.sequences()), best.sequences(), hi, false));
    }

    private double[] sequences(int i) {
        return logs.get(i).points().stream().mapToDouble(p -> logX ? Math.max(1, p.sequences()) : p.sequences())
                .toArray();
    }

    private double[] values(Metric m, int i) {
        return logs.get(i).points().stream().mapToDouble(p -> Math.max(FLOOR, m.value(p))).toArray();
    }

    private boolean clamped(Metric m) {
        return logs.stream().flatMap(l -> l.points().stream()).anyMatch(p -> m.value(p) < FLOOR);
    }

    /** The title of a panel; says when values were clamped at the floor. */
    public String panelTitle(Metric m) {
        return m.title + (clamped(m) ? " (values < " + Ticks.number(FLOOR) + ", zeros among them, drawn at "
                + Ticks.number(FLOOR) + ")" : "");
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

    /** The colour of run {@code i}. */
    public static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The faint colour of run {@code i}'s raw points. */
    public static Color faint(int i) {
        Color c = colour(i);
        return new Color((int) Math.round(c.getRed() + (255 - c.getRed()) * 0.6),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * 0.6),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * 0.6));
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

    /** The chart of one panel (its series: per run, the raw validations, the rolling mean, the best checkpoint). */
    public XYChart chart(Metric m) {
        return charts.get(m);
    }

    /** Where a panel sits in the rendered image. */
    public Rectangle panel(Metric m) {
        return new Rectangle(0, HEADER + m.ordinal() * PANEL_HEIGHT, WIDTH, PANEL_HEIGHT);
    }

    /** The image x of a number of sequences seen; valid after {@link #render()}. */
    public double screenX(Metric m, double sequences) {
        return panel(m).x + charts.get(m).getScreenXFromChart(sequences);
    }

    /** The image y of a value in a panel (clamped at {@link #FLOOR}); valid after {@link #render()}. */
    public double screenY(Metric m, double value) {
        return panel(m).y + charts.get(m).getScreenYFromChart(Math.max(FLOOR, value));
    }

    public BufferedImage render() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title(), 10, 24);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("faint: every validation; bold: rolling mean of the last " + window
                    + (window == 1 ? " validation" : " validations") + "; dashed: best checkpoint", 10, 44);
            for (Metric m : Metric.values()) {
                Rectangle r = panel(m);
                Graphics2D panel = (Graphics2D) g.create(r.x, r.y, r.width, r.height);
                try {
                    charts.get(m).paint(panel, r.width, r.height);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG. */
    public void writePng(Path file) throws IOException {
        ImageFiles.writePng(render(), file);
    }
}
