package io.github.ntm4j.examples.dashboard;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
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
 *   <li>one panel per head: its weighting over time (memory row × time), read heads first;</li>
 *   <li>the memory after the last step (row × memory column).</li>
 * </ol>
 * A dashed orange line marks the first answer step in every time panel. Values in [0, 1] use a
 * viridis ramp (0 dark purple, 1 bright yellow); the memory uses blue-white-red, symmetric about 0.
 * By default the head and memory panels show only the rows the heads visit (any head's weight above
 * {@value #VISITED} at some step, padded by {@value #PAD} rows); the axis states the range shown.
 * Pure Java2D: no DL4J, no display (runs with {@code java.awt.headless=true}).
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
    static final Color MARKER = new Color(0xff7f0e);
    static final Color WRONG = new Color(0xe41a1c);
    static final Color UNSCORED = new Color(0xe6e6e6);

    /** One panel: its title, the plot rectangle in image pixels, and what its cells are. */
    public static final class Panel {
        public final String title;
        /** The heat map's area in the image. */
        public final Rectangle plot;
        /** The data row drawn at the top of the plot (a memory row for head and memory panels, else a channel). */
        public final int firstRow;
        public final int rows;
        public final int columns;
        public final int cellWidth;
        public final int cellHeight;

        Panel(String title, int x, int y, int firstRow, int rows, int columns, int cellWidth, int cellHeight) {
            this.title = title;
            this.plot = new Rectangle(x, y, columns * cellWidth, rows * cellHeight);
            this.firstRow = firstRow;
            this.rows = rows;
            this.columns = columns;
            this.cellWidth = cellWidth;
            this.cellHeight = cellHeight;
        }

        /** The centre pixel of the cell of data row {@code row} (absolute: a memory row or channel) and column {@code col}. */
        public Point cellCentre(int row, int col) {
            if (row < firstRow || row >= firstRow + rows || col < 0 || col >= columns) {
                throw new IllegalArgumentException("cell (" + row + ", " + col + ") is outside panel \"" + title + "\"");
            }
            return new Point(plot.x + col * cellWidth + cellWidth / 2, plot.y + (row - firstRow) * cellHeight + cellHeight / 2);
        }

        @Override
        public String toString() {
            return title + " " + plot;
        }
    }

    private final DashboardData data;
    private final int fromRow;
    private final int toRow;
    private final List<Panel> panels = new ArrayList<>();
    private final int width;
    private final int height;

    /** Lays out the dashboard; {@code allRows} shows every memory row instead of only the visited ones. */
    public Dashboard(DashboardData data, boolean allRows) {
        this.data = data;
        int[] range = allRows ? new int[]{0, data.memoryRows()} : visitedRows(data);
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
        y = add(new Panel("input", LEFT, y + PANEL_TITLE, 0, data.input.length, steps, cellW, chH));
        y = add(new Panel("target (grey: steps not scored)", LEFT, y + PANEL_TITLE, 0, data.target.length, steps, cellW, chH));
        y = add(new Panel("prediction (red outline: wrong bit)", LEFT, y + PANEL_TITLE, 0, data.prediction.length, steps,
                cellW, chH));
        String rowsNote = String.format(Locale.ROOT, "rows %d-%d of %d", fromRow, toRow - 1, data.memoryRows());
        for (int h = 0; h < data.weightings.length; h++) {
            y = add(new Panel(data.headNames.get(h) + ": weighting over time, " + rowsNote, LEFT, y + PANEL_TITLE, fromRow,
                    shown, steps, cellW, rowH));
        }
        y = add(new Panel("memory after the last step, " + rowsNote, LEFT, y + PANEL_TITLE, fromRow, shown, memW,
                memCellW, rowH));
        int plotWidth = 0;
        for (Panel p : panels) {
            plotWidth = Math.max(plotWidth, p.plot.width);
        }
        this.width = LEFT + Math.max(plotWidth, 360) + RIGHT;
        this.height = y + GAP;
    }

    private int add(Panel p) {
        panels.add(p);
        return p.plot.y + p.plot.height + X_AXIS + GAP;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * The rows [from, to) that some head visits (weight above {@link #VISITED} at some step), padded by
     * {@link #PAD} and clamped to the memory; all rows if no row is visited.
     */
    public static int[] visitedRows(DashboardData data) {
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (double[][] w : data.weightings) {
            for (int n = 0; n < w.length; n++) {
                for (double v : w[n]) {
                    if (v > VISITED) {
                        lo = Math.min(lo, n);
                        hi = Math.max(hi, n);
                        break;
                    }
                }
            }
        }
        if (hi < 0) {
            return new int[]{0, data.memoryRows()};
        }
        return new int[]{Math.max(0, lo - PAD), Math.min(data.memoryRows(), hi + PAD + 1)};
    }

    /** The panels, top to bottom: input, target, prediction, one per head, memory. */
    public List<Panel> panels() {
        return List.copyOf(panels);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The memory rows [from, to) shown in the head and memory panels. */
    public int[] rowRange() {
        return new int[]{fromRow, toRow};
    }

    /** The title line: task, length and bit errors. */
    public String title() {
        return String.format(Locale.ROOT, "NTM on the %s task, length %d: %d bit error%s of %d scored bits",
                data.task, data.length, data.bitErrors(), data.bitErrors() == 1 ? "" : "s", data.scoredBits());
    }

    /** Renders the whole dashboard. */
    public BufferedImage render() {
        return render(data.steps() - 1, false);
    }

    /**
     * Frame {@code step} of the animation: the time panels up to and including {@code step} (later
     * steps blank), the memory after {@code step} on one colour scale for all frames.
     */
    public BufferedImage renderStep(int step) {
        if (step < 0 || step >= data.steps()) {
            throw new IllegalArgumentException("step " + step + " outside 0.." + (data.steps() - 1));
        }
        return render(step, true);
    }

    private BufferedImage render(int step, boolean frame) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(frame ? title() + String.format(Locale.ROOT, "; step %d of %d", step, data.steps() - 1)
                    : title(), 10, 26);

            int heads = data.weightings.length;
            drawBits(g, panels.get(0), data.input, false, false, step);
            drawBits(g, panels.get(1), data.target, true, false, step);
            drawBits(g, panels.get(2), data.prediction, true, true, step);
            for (int h = 0; h < heads; h++) {
                drawWeighting(g, panels.get(3 + h), data.weightings[h], step);
            }
            Panel mem = panels.get(3 + heads);
            drawMemory(g, mem, frame ? data.memoryAfter(step) : data.memoryEnd, frame ? memoryScaleAllSteps(mem) : 0);
            for (int i = 0; i < panels.size(); i++) {
                Panel p = panels.get(i);
                boolean time = i < 3 + heads;
                String title = p.title;
                if (frame && !time) {
                    title = title.replace("memory after the last step", "memory after step " + step);
                }
                drawFrame(g, p, title, time ? "time step" : "memory column", i < 3 ? "channel" : "memory row");
                if (time) {
                    drawMarker(g, p);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private double memoryScaleAllSteps(Panel p) {
        double max = 0;
        for (int t = 0; t < data.steps(); t++) {
            double[][] m = data.memoryAfter(t);
            for (int r = p.firstRow; r < p.firstRow + p.rows; r++) {
                for (double v : m[r]) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return max;
    }

    /**
     * Writes an animated GIF, one frame per step ({@link #renderStep}), {@code delayMs} per frame
     * (rounded to GIF's 10 ms), looping forever.
     */
    public void writeGif(Path file, int delayMs) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        java.nio.file.Files.deleteIfExists(file);
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int t = 0; t < data.steps(); t++) {
                BufferedImage frame = renderStep(t);
                javax.imageio.ImageTypeSpecifier type = javax.imageio.ImageTypeSpecifier.createFromRenderedImage(frame);
                javax.imageio.metadata.IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
                String format = meta.getNativeMetadataFormatName();
                javax.imageio.metadata.IIOMetadataNode root = (javax.imageio.metadata.IIOMetadataNode) meta.getAsTree(format);
                javax.imageio.metadata.IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
                gce.setAttribute("transparentColorIndex", "0");
                if (t == 0) {
                    javax.imageio.metadata.IIOMetadataNode apps = child(root, "ApplicationExtensions");
                    javax.imageio.metadata.IIOMetadataNode app = new javax.imageio.metadata.IIOMetadataNode("ApplicationExtension");
                    app.setAttribute("applicationID", "NETSCAPE");
                    app.setAttribute("authenticationCode", "2.0");
                    app.setUserObject(new byte[]{1, 0, 0}); // loop forever
                    apps.appendChild(app);
                }
                meta.setFromTree(format, root);
                writer.writeToSequence(new javax.imageio.IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static javax.imageio.metadata.IIOMetadataNode child(javax.imageio.metadata.IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (javax.imageio.metadata.IIOMetadataNode) root.item(i);
            }
        }
        javax.imageio.metadata.IIOMetadataNode node = new javax.imageio.metadata.IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** Renders and writes a PNG. */
    public void writePng(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(), "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    // ------------------------------------------------------------------ panels

    private void drawBits(Graphics2D g, Panel p, double[][] values, boolean onlyScored, boolean markWrong, int step) {
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

    private void drawWeighting(Graphics2D g, Panel p, double[][] w, int step) {
        for (int r = 0; r < p.rows; r++) {
            for (int t = 0; t < p.columns; t++) {
                g.setColor(t > step ? Color.WHITE : viridis(w[p.firstRow + r][t]));
                g.fill(cell(p, r, t));
            }
        }
        colourBar(g, p, false, "1", "0");
    }

    /** The memory panel; {@code max} is the colour scale, or 0 for the largest |value| shown. */
    private void drawMemory(Graphics2D g, Panel p, double[][] memory, double max) {
        for (int r = p.firstRow; max == 0 && r < p.firstRow + p.rows; r++) {
            for (double v : memory[r]) {
                max = Math.max(max, Math.abs(v));
            }
        }
        double scale = max == 0 ? 1 : max;
        for (int r = 0; r < p.rows; r++) {
            for (int c = 0; c < p.columns; c++) {
                g.setColor(diverging(memory[p.firstRow + r][c] / scale));
                g.fill(cell(p, r, c));
            }
        }
        String m = String.format(Locale.ROOT, "%.2g", scale);
        colourBar(g, p, true, "+" + m, "-" + m);
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

    private static void drawFrame(Graphics2D g, Panel p, String title, String xLabel, String yLabel) {
        Rectangle r = p.plot;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, r.x, r.y - 6);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        // x ticks: every k columns, k from 1, 2, 5, 10, 20, 50, ... so that labels are >= 28 px apart
        int k = 1;
        int[] steps = {1, 2, 5};
        for (int i = 0; k * p.cellWidth < 28; i++) {
            k = steps[i % 3] * (int) Math.pow(10, i / 3);
        }
        for (int c = 0; c < p.columns; c += k) {
            int x = r.x + c * p.cellWidth + p.cellWidth / 2;
            g.drawLine(x, r.y + r.height + 1, x, r.y + r.height + 4);
            String s = Integer.toString(c);
            g.drawString(s, x - fm.stringWidth(s) / 2, r.y + r.height + 5 + fm.getAscent());
        }
        g.drawString(xLabel + " \u2192", r.x - fm.stringWidth(xLabel + " \u2192") - 8, r.y + r.height + 5 + fm.getAscent());
        // y ticks: first and last row, and every k rows in between when there is room
        int ky = 1;
        for (int i = 0; ky * p.cellHeight < 14; i++) {
            ky = steps[i % 3] * (int) Math.pow(10, i / 3);
        }
        for (int row = 0; row < p.rows; row++) {
            int label = p.firstRow + row;
            boolean last = row == p.rows - 1;
            if (label % ky != 0 && !last && row != 0) {
                continue;
            }
            if (!last && row != 0 && (p.rows - 1 - row) * p.cellHeight < 14) {
                continue; // too close to the last label
            }
            int y = r.y + row * p.cellHeight + p.cellHeight / 2;
            g.drawLine(r.x - 5, y, r.x - 2, y);
            String s = Integer.toString(label);
            g.drawString(s, r.x - 7 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        g.drawString(yLabel, 8, r.y + fm.getAscent());
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
    public static Color viridis(double v) {
        double x = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1);
        int i = Math.min((int) x, VIRIDIS.length - 2);
        return mix(new Color(VIRIDIS[i]), new Color(VIRIDIS[i + 1]), x - i);
    }

    /** Blue (-1) through white (0) to red (+1); values outside [-1, 1] are clamped. */
    public static Color diverging(double v) {
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
