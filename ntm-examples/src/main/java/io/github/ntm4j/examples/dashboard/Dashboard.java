package io.github.ntm4j.examples.dashboard;

import java.awt.Color;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link DashboardData} as one picture, panels stacked vertically with time on x:
 * <ol>
 *   <li>the input (channels × time);</li>
 *   <li>the target and 3. the prediction (channels × time, only the scored answer steps; a wrong
 *       predicted bit gets a red outline);</li>
 *   <li>one panel per head: its weighting over time (memory row × time), read heads first. With
 *       {@link Config#headParams()} each is followed by four strips of that head's addressing parameters
 *       on the same time axis: key strength β, gate g and sharpening γ as lines, each on its own y range
 *       written at the top and bottom of its strip (g on [0, 1]; β and γ, unbounded, from their
 *       smallest to their largest value on this sequence), and the shift weights s as a heat map
 *       (shift offset -S..S × time; offset +1 moves the focus from row n to row n+1);</li>
 *   <li>the memory after the last step (row × memory column).</li>
 * </ol>
 * A dashed orange line marks the first answer step in every time panel. Values in [0, 1] use a
 * viridis ramp (0 dark purple, 1 bright yellow); the memory uses blue-white-red, symmetric about 0.
 *
 * <p>By default the head and memory panels show only the rows the heads visit: the smallest window
 * of consecutive rows holding every row some head puts more than {@value #VISITED} on at some step,
 * padded by {@value #PAD} rows either side. The memory is circular (shifting past row N-1 lands on
 * row 0), so the window may wrap: a head that walks 0, 127, 126, ... of 128 rows is shown as rows
 * 124-127 then 0-2, each labelled with its own row number, and the title says "rows 124-127 and 0-2
 * of 128". A window that does not wrap is padded only within 0..N-1 (it never gains wrapped rows).
 * Pure Java2D: no DL4J, no display (runs with {@code java.awt.headless=true}).
 *
 * <p>This class is the layout: panels, sizes, the row window and the title. {@code DashboardRenderer}
 * draws it and {@code ImageFiles} writes the PNG and GIF.
 */
public final class Dashboard {
    /** A row counts as visited when some head puts more than this weight on it at some step. */
    public static final double VISITED = 0.05;
    /** Rows shown either side of the visited ones. */
    public static final int PAD = 2;

    static final int LEFT = 120;
    static final int RIGHT = 80;
    static final int TOP = 44;
    static final int PANEL_TITLE = 20;
    static final int X_AXIS = 30;
    static final int GAP = 8;
    /** Height of a β, g or γ strip. */
    static final int LINE_HEIGHT = 36;
    // The renderer's colours, here because the pixel tests look for them by these names.
    static final Color MARKER = DashboardRenderer.MARKER;
    static final Color WRONG = DashboardRenderer.WRONG;
    static final Color UNSCORED = DashboardRenderer.UNSCORED;
    static final Color LINE = DashboardRenderer.LINE;

    /**
     * What a dashboard shows beyond the default picture.
     *
     * @param allRows    every memory row instead of only the visited ones
     * @param headParams each head's β, g, γ and s over time under its weighting (the data must hold
     *                   {@link DashboardData#headParams})
     */
    public record Config(boolean allRows, boolean headParams) {
        /** Visited rows only, no head parameters. */
        public static final Config DEFAULT = new Config(false, false);

        public Config withAllRows(boolean on) {
            return new Config(on, headParams);
        }

        public Config withHeadParams(boolean on) {
            return new Config(allRows, on);
        }
    }

    /** One panel: its title, the plot rectangle in image pixels, and what its cells are. */
    public static final class Panel {
        public final String title;
        /** The heat map's (or line plot's) area in the image. */
        public final Rectangle plot;
        /**
         * The data row drawn at the top of the plot: a memory row for head and memory panels, the
         * offset -S for shift panels, else a channel (0).
         */
        public final int firstRow;
        public final int rows;
        public final int columns;
        public final int cellWidth;
        public final int cellHeight;
        // set once while the dashboard is laid out; read by the renderer
        /** Memory panels: the number of memory rows, past which the rows shown wrap to 0; else 0. */
        int wrap;
        /** Line plots: the values at the plot's bottom and top edge; else NaN. */
        double low = Double.NaN;
        double high = Double.NaN;
        /** Time on x: gets the first-answer marker, and is cut off after the step of an animation frame. */
        boolean time = true;
        boolean xTicks = true;
        String xLabel = "time step";
        String yLabel = "";
        DashboardRenderer.Content content;

        Panel(String title, int x, int y, int firstRow, int rows, int columns, int cellWidth, int cellHeight) {
            this.title = title;
            this.plot = new Rectangle(x, y, columns * cellWidth, rows * cellHeight);
            this.firstRow = firstRow;
            this.rows = rows;
            this.columns = columns;
            this.cellWidth = cellWidth;
            this.cellHeight = cellHeight;
        }

        private Panel axes(boolean time, boolean xTicks, String xLabel, String yLabel) {
            this.time = time;
            this.xTicks = xTicks;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            return this;
        }

        private Panel wrap(int memoryRows) {
            this.wrap = memoryRows;
            return this;
        }

        private Panel range(double low, double high) {
            this.low = low;
            this.high = high;
            return this;
        }

        private Panel content(DashboardRenderer.Content content) {
            this.content = content;
            return this;
        }

        /** The data row (memory row, shift offset or channel) drawn at panel row {@code i} (0 at the top). */
        public int rowAt(int i) {
            return wrap > 0 ? (firstRow + i) % wrap : firstRow + i;
        }

        /** The centre pixel of the cell of data row {@code row} (absolute: a memory row or channel) and column {@code col}. */
        public Point cellCentre(int row, int col) {
            int i = wrap > 0 ? Math.floorMod(row - firstRow, wrap) : row - firstRow;
            if (i < 0 || i >= rows || col < 0 || col >= columns) {
                throw new IllegalArgumentException("cell (" + row + ", " + col + ") is outside panel \"" + title + "\"");
            }
            return new Point(plot.x + col * cellWidth + cellWidth / 2, plot.y + i * cellHeight + cellHeight / 2);
        }

        /** True for a line plot (β, g, γ), false for a heat map. */
        public boolean isLine() {
            return !Double.isNaN(low);
        }

        /** A line plot's value range {low, high}: the values at its bottom and top pixel rows. */
        public double[] range() {
            requireLine();
            return new double[]{low, high};
        }

        /** The pixel row of value {@code v} in a line plot (clamped to the plot): its top row is {@code high}, its bottom row {@code low}. */
        public int yOf(double v) {
            requireLine();
            double f = (high - Math.max(low, Math.min(high, v))) / (high - low);
            return plot.y + (int) Math.round(f * (plot.height - 1));
        }

        private void requireLine() {
            if (!isLine()) {
                throw new IllegalStateException("panel \"" + title + "\" is a heat map, not a line plot");
            }
        }

        @Override
        public String toString() {
            return title + " " + plot;
        }
    }

    private final DashboardData data;
    private final DashboardRenderer renderer;
    private final int fromRow;
    private final int toRow;
    private final List<Panel> panels = new ArrayList<>();
    private final int width;
    private final int height;

    /** Lays out the dashboard; {@code allRows} shows every memory row instead of only the visited ones. */
    public Dashboard(DashboardData data, boolean allRows) {
        this(data, Config.DEFAULT.withAllRows(allRows));
    }

    /** Lays out the dashboard as {@code config} says. */
    public Dashboard(DashboardData data, Config config) {
        if (config.headParams() && data.headParams == null) {
            throw new IllegalArgumentException("head parameters asked for, but the data records none");
        }
        this.data = data;
        this.renderer = new DashboardRenderer(data);
        int memoryRows = data.memoryRows();
        int[] range = config.allRows() ? new int[]{0, memoryRows} : visitedRows(data);
        this.fromRow = range[0];
        this.toRow = range[1];
        int steps = data.steps();
        int cellW = clamp(1100 / Math.max(1, steps), 4, 16);
        int channels = Math.max(data.input.length, data.target.length);
        int chH = clamp(150 / Math.max(1, channels), 6, 12);
        int shown = toRow - fromRow;
        int rowH = clamp(300 / Math.max(1, shown), 3, 12);
        int memW = data.memoryEnd.length == 0 ? 0 : data.memoryEnd[0].length;
        int memCellW = clamp(600 / Math.max(1, memW), 4, 16);

        int y = TOP;
        y = add(new Panel("input", LEFT, y + PANEL_TITLE, 0, data.input.length, steps, cellW, chH)
                .axes(true, true, "time step", "channel")
                .content((g, p, step, frame) -> renderer.drawBits(g, p, data.input, false, false, step)));
        y = add(new Panel("target (grey: steps not scored)", LEFT, y + PANEL_TITLE, 0, data.target.length, steps, cellW, chH)
                .axes(true, true, "time step", "channel")
                .content((g, p, step, frame) -> renderer.drawBits(g, p, data.target, true, false, step)));
        y = add(new Panel("prediction (red outline: wrong bit)", LEFT, y + PANEL_TITLE, 0, data.prediction.length, steps,
                cellW, chH)
                .axes(true, true, "time step", "channel")
                .content((g, p, step, frame) -> renderer.drawBits(g, p, data.prediction, true, true, step)));
        String rowsNote = rowsNote();
        for (int h = 0; h < data.weightings.length; h++) {
            double[][] w = data.weightings[h];
            y = add(new Panel(data.headNames.get(h) + ": weighting over time, " + rowsNote, LEFT, y + PANEL_TITLE, fromRow,
                    shown, steps, cellW, rowH)
                    .axes(true, true, "time step", "memory row").wrap(memoryRows)
                    .content((g, p, step, frame) -> DashboardRenderer.drawHeat(g, p, i -> w[p.rowAt(i)], step)));
            if (config.headParams()) {
                y = addHeadParams(y, h, steps, cellW);
            }
        }
        y = add(new Panel("memory after the last step, " + rowsNote, LEFT, y + PANEL_TITLE, fromRow, shown, memW,
                memCellW, rowH)
                .axes(false, true, "memory column", "memory row").wrap(memoryRows)
                .content(renderer::drawMemory));
        int plotWidth = 0;
        for (Panel p : panels) {
            plotWidth = Math.max(plotWidth, p.plot.width);
        }
        this.width = LEFT + Math.max(plotWidth, 360) + RIGHT;
        this.height = y + GAP;
    }

    /** Head {@code h}'s β, g and γ strips (x ticks only under the last) and its shift heat map, from {@code y}. */
    private int addHeadParams(int y, int h, int steps, int cellW) {
        DashboardData.HeadParams hp = data.headParams;
        String head = data.headNames.get(h);
        y = add(line(head + ": key strength \u03b2 (content focus; unbounded)", "\u03b2", hp.keyStrength()[h], false, y,
                steps, cellW));
        y = add(line(head + ": gate g (0: keep the last weighting, 1: take the content weighting)", "g", hp.gate()[h],
                true, y, steps, cellW));
        y = add(line(head + ": sharpening \u03b3 (\u2265 1; unbounded)", "\u03b3", hp.sharpening()[h], false, y, steps,
                cellW));
        int s = hp.shiftRange();
        double[][] shift = hp.shift()[h];
        return add(new Panel(head + ": shift weights s (offset +1 moves the focus to the next row)", LEFT,
                y + PANEL_TITLE, -s, 2 * s + 1, steps, cellW, clamp(42 / (2 * s + 1), 3, 14))
                .axes(true, true, "time step", "shift")
                .content((g, p, step, frame) -> DashboardRenderer.drawHeat(g, p, i -> shift[i], step)));
    }

    /** A line strip of {@code v} over time: on [0, 1] if {@code unit}, else from its minimum to its maximum. */
    private Panel line(String title, String yLabel, double[] v, boolean unit, int y, int steps, int cellW) {
        double lo = 0;
        double hi = 1;
        if (!unit) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            } else if (hi - lo < 1e-9) {
                lo -= 0.5;
                hi += 0.5;
            }
        }
        return new Panel(title, LEFT, y + PANEL_TITLE, 0, 1, steps, cellW, LINE_HEIGHT)
                .axes(true, false, "time step", yLabel).range(lo, hi)
                .content((g, p, step, frame) -> DashboardRenderer.drawLine(g, p, v, step));
    }

    private int add(Panel p) {
        panels.add(p);
        return p.plot.y + p.plot.height + (p.xTicks ? X_AXIS : 4) + GAP;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** "rows 3-8 of 12", or for a window that wraps "rows 124-127 and 0-2 of 128". */
    private String rowsNote() {
        int n = data.memoryRows();
        if (toRow <= n) {
            return String.format(Locale.ROOT, "rows %d-%d of %d", fromRow, toRow - 1, n);
        }
        return String.format(Locale.ROOT, "rows %d-%d and 0-%d of %d", fromRow, n - 1, toRow - 1 - n, n);
    }

    /**
     * The rows [from, to) that some head visits (weight above {@link #VISITED} at some step): the
     * smallest circular window holding all of them, padded by {@link #PAD}. {@code to} exceeds N when
     * the window wraps past row N-1 to row 0 (rows from..N-1, then 0..to-N-1). A window that does not
     * wrap is preferred on ties and padded only within 0..N; all rows if no row is visited or the
     * padded window would cover the memory.
     */
    public static int[] visitedRows(DashboardData data) {
        int n = data.memoryRows();
        boolean[] visited = new boolean[n];
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (double[][] w : data.weightings) {
            for (int r = 0; r < n; r++) {
                for (double v : w[r]) {
                    if (v > VISITED) {
                        visited[r] = true;
                        lo = Math.min(lo, r);
                        hi = Math.max(hi, r);
                        break;
                    }
                }
            }
        }
        if (hi < 0) {
            return new int[]{0, n};
        }
        // The largest run of unvisited rows, going round from row hi; the first run checked is the
        // one that wraps (hi+1 .. lo-1), i.e. the window lo..hi, which so wins ties.
        int gap = -1;
        int start = lo;
        int run = 0;
        for (int i = 1; i <= n; i++) {
            int r = (hi + i) % n;
            if (!visited[r]) {
                run++;
            } else {
                if (run > gap) {
                    gap = run;
                    start = r;
                }
                run = 0;
            }
        }
        if (start == lo) {
            return new int[]{Math.max(0, lo - PAD), Math.min(n, hi + PAD + 1)};
        }
        int count = n - gap + 2 * PAD;
        if (count >= n) {
            return new int[]{0, n};
        }
        int from = Math.floorMod(start - PAD, n);
        return new int[]{from, from + count};
    }

    /**
     * The panels, top to bottom: input, target, prediction, one per head (each followed by its β, g,
     * γ and shift panels when asked for), memory.
     */
    public List<Panel> panels() {
        return List.copyOf(panels);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The memory rows [from, to) shown in the head and memory panels; {@code to} exceeds N when they wrap to row 0. */
    public int[] rowRange() {
        return new int[]{fromRow, toRow};
    }

    /** The title line: task, length (or item or input count) and bit errors. */
    public String title() {
        String size = data.lengthName.equals("length") ? "length " + data.length : data.length + " " + data.lengthName;
        return String.format(Locale.ROOT, "NTM on the %s task, %s: %d bit error%s of %d scored bits",
                data.task, size, data.bitErrors(), data.bitErrors() == 1 ? "" : "s", data.scoredBits());
    }

    /** Renders the whole dashboard. */
    public BufferedImage render() {
        return renderer.render(this, data.steps() - 1, false);
    }

    /**
     * Frame {@code step} of the animation: the time panels up to and including {@code step} (later
     * steps blank), the memory after {@code step} on one colour scale for all frames.
     */
    public BufferedImage renderStep(int step) {
        if (step < 0 || step >= data.steps()) {
            throw new IllegalArgumentException("step " + step + " outside 0.." + (data.steps() - 1));
        }
        return renderer.render(this, step, true);
    }

    /**
     * Writes an animated GIF, one frame per step ({@link #renderStep}), {@code delayMs} per frame
     * (rounded to GIF's 10 ms), looping forever.
     */
    public void writeGif(Path file, int delayMs) throws IOException {
        ImageFiles.writeGif(file, data.steps(), this::renderStep, delayMs);
    }

    /** Renders and writes a PNG. */
    public void writePng(Path file) throws IOException {
        ImageFiles.writePng(render(), file);
    }

    /** {@link Ticks#rangeLabel}, under the name the head-parameter tests call. */
    static String number(double v) {
        return Ticks.rangeLabel(v);
    }

    /** A viridis-like ramp: 0 dark purple, 0.5 teal, 1 bright yellow; values outside [0, 1] are clamped. */
    public static Color viridis(double v) {
        return DashboardRenderer.viridis(v);
    }

    /** Blue (-1) through white (0) to red (+1); values outside [-1, 1] are clamped. */
    public static Color diverging(double v) {
        return DashboardRenderer.diverging(v);
    }
}
