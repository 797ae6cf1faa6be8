package io.github.ntm4j.examples.dashboard;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress of one training run, read from its log in any of the three formats NTM4J has written:
 * <ul>
 *   <li>{@link Format#JSON_LINES}, the Trainer's log ({@code JsonLinesLog}): {@code validation} events
 *       give the points (their {@code mean_loss}, the mean training loss since the last validation),
 *       {@code checkpoint} events the checkpoints, the {@code start} event the header;</li>
 *   <li>{@link Format#TRAIN_TEXT}, what {@code ntm4j train} prints (below);</li>
 *   <li>{@link Format#EXAMPLE_TEXT}, what the standalone examples printed before they shared the
 *       Trainer: {@code minibatch=N sequences=S mean_loss=L validation_bit_errors=E elapsed_s=T}.</li>
 * </ul>
 * The {@code train} text format:
 * <pre>
 * task=copy controller=ff params=13260 path=FusedNtmPath seed=1 budget=25.0min
 * sequences=4928 seq_per_s=983.5 loss=52.7100 bit_errors_per_seq=38.500 time_left_s=1495
 * checkpoint=/tmp/copy.zip sequences=4928 bit_errors_per_seq=38.500
 * done stop=budget sequences=1655168 seconds=1500 bit_errors_per_seq=1.984 best=0.172
 * </pre>
 * A progress line starts with {@code sequences=} and has {@code loss=} (the training loss of the last
 * minibatch) and {@code bit_errors_per_seq=} (the validation bit errors per sequence). Everything else
 * (ND4J warnings, a line cut short because the run is still going) is ignored; the header and the
 * checkpoint lines are kept for the title and the best-checkpoint marker.
 */
public final class TrainingLog {
    /** Which of the formats a log was read in (the first that gave a point). */
    public enum Format {
        JSON_LINES("JSON lines"), TRAIN_TEXT("train's text lines"), EXAMPLE_TEXT("the examples' text lines");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One progress line. */
    public record Point(long sequences, double loss, double bitErrors) {
    }

    /** A checkpoint the run saved (a new best validation bit error). */
    public record Checkpoint(long sequences, double bitErrors) {
    }

    /** The file has no progress line. */
    public static final class NoProgressException extends IllegalArgumentException {
        public NoProgressException(String message) {
            super(message);
        }
    }

    private final String name;
    private final Format format;
    private final Map<String, String> header;
    private final List<Point> points;
    private final List<Checkpoint> checkpoints;

    private TrainingLog(String name, Format format, Map<String, String> header, List<Point> points,
            List<Checkpoint> checkpoints) {
        this.name = name;
        this.format = format;
        this.header = Collections.unmodifiableMap(header);
        this.points = List.copyOf(points);
        this.checkpoints = List.copyOf(checkpoints);
    }

    /** Reads a log file (as ISO-8859-1, so no byte sequence fails to decode); its file name is the log's name. */
    public static TrainingLog read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        return parse(String.valueOf(file.getFileName()), lines);
    }

    /**
     * Parses the lines of a log.
     *
     * @throws NoProgressException if no line is a progress line
     */
    public static TrainingLog parse(String name, List<String> lines) {
        Map<String, String> header = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        Format format = null;
        for (String line : lines) {
            String s = line.strip();
            Format read = s.startsWith("{") ? jsonLine(s, header, points, checkpoints)
                    : textLine(s, header, points, checkpoints);
            if (format == null && read != null) {
                format = read;
            }
        }
        if (points.isEmpty()) {
            throw new NoProgressException(name + " has no training progress line (a JSON \"validation\" event,"
                    + " \"sequences=N ... loss=L bit_errors_per_seq=E\" or \"minibatch=N sequences=S mean_loss=L"
                    + " validation_bit_errors=E\")" + (lines.isEmpty() ? "; it is empty" : ""));
        }
        return new TrainingLog(name, format, header, points, checkpoints);
    }

    /** One line of the JSON-lines log; the format if it gave a point, else null. */
    private static Format jsonLine(String s, Map<String, String> header, List<Point> points,
            List<Checkpoint> checkpoints) {
        JsonNode n;
        try {
            n = JSON.readTree(s);
        } catch (IOException e) {
            return null;   // a line cut short because the run is still going
        }
        String event = n.path("event").asText();
        switch (event) {
            case "start" -> {
                if (header.isEmpty()) {
                    n.fields().forEachRemaining(f -> {
                        if (!f.getKey().equals("event")) {
                            header.put(f.getKey(), f.getValue().asText());
                        }
                    });
                }
            }
            case "validation" -> {
                Long seq = n.hasNonNull("sequences") ? n.get("sequences").asLong() : null;
                // Logs converted from text have the last minibatch's loss only (docs/logs/from-text.py).
                Double loss = finite(n.path(n.has("mean_loss") ? "mean_loss" : "loss").asDouble(Double.NaN));
                Double bits = finite(n.path("bit_errors_per_seq").asDouble(Double.NaN));
                if (seq != null && loss != null && bits != null) {
                    points.add(new Point(seq, loss, bits));
                    return Format.JSON_LINES;
                }
            }
            // A resumed or rolled-back run goes on from an earlier point: what was logged after it is replaced.
            case "resume" -> forget(n.path("sequences").asLong(Long.MAX_VALUE), points, checkpoints);
            case "rollback" -> forget(n.path("back_to_sequences").asLong(Long.MAX_VALUE), points, checkpoints);
            case "checkpoint" -> {
                Double bits = finite(n.path("bit_errors_per_seq").asDouble(Double.NaN));
                if (n.hasNonNull("sequences") && bits != null) {
                    checkpoints.add(new Checkpoint(n.get("sequences").asLong(), bits));
                }
            }
            default -> {
            }
        }
        return null;
    }

    /** Drops the points and checkpoints after {@code sequences}. */
    private static void forget(long sequences, List<Point> points, List<Checkpoint> checkpoints) {
        points.removeIf(p -> p.sequences() > sequences);
        checkpoints.removeIf(c -> c.sequences() > sequences);
    }

    /** One line of either text format; the format if it gave a point, else null. */
    private static Format textLine(String s, Map<String, String> header, List<Point> points,
            List<Checkpoint> checkpoints) {
        if (s.startsWith("task=") && header.isEmpty()) {
            header.putAll(fields(s));
        } else if (s.startsWith("sequences=")) {
            Map<String, String> f = fields(s);
            if (addPoint(points, f.get("sequences"), f.get("loss"), f.get("bit_errors_per_seq"))) {
                return Format.TRAIN_TEXT;
            }
        } else if (s.startsWith("minibatch=")) {
            Map<String, String> f = fields(s);
            if (addPoint(points, f.get("sequences"), f.get("mean_loss"), f.get("validation_bit_errors"))) {
                return Format.EXAMPLE_TEXT;
            }
        } else if (s.startsWith("checkpoint=")) {
            Map<String, String> f = fields(s);
            Long seq = parseLong(f.get("sequences"));
            Double bits = parseDouble(f.get("bit_errors_per_seq"));
            if (seq != null && bits != null) {
                checkpoints.add(new Checkpoint(seq, bits));
            }
        }
        return null;
    }

    private static boolean addPoint(List<Point> points, String sequences, String loss, String bitErrors) {
        Long seq = parseLong(sequences);
        Double l = parseDouble(loss);
        Double bits = parseDouble(bitErrors);
        if (seq == null || l == null || bits == null) {
            return false;
        }
        points.add(new Point(seq, l, bits));
        return true;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** {@code key=value} pairs separated by white space; tokens without '=' are skipped. */
    static Map<String, String> fields(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String token : line.split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                f.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return f;
    }

    private static Long parseLong(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A finite number, or null. */
    private static Double parseDouble(String v) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The format the log was read in; null for a log made with {@link #of}. */
    public Format format() {
        return format;
    }

    /** What was read, for the user: {@code copy.log: 50 points, 12 checkpoints (train's text lines)}. */
    public String describe() {
        return name + ": " + points.size() + " points, " + checkpoints.size() + " checkpoints"
                + (format == null ? "" : " (" + format.description() + ")");
    }

    /** The file name, or the name given to {@link #parse}. */
    public String name() {
        return name;
    }

    /** The header line's fields ({@code task}, {@code controller}, {@code params}, ...); empty if there was none. */
    public Map<String, String> header() {
        return header;
    }

    public List<Point> points() {
        return points;
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /** The checkpoint with the fewest validation bit errors (the last saved, as {@code train} saves only improvements); null if none. */
    public Checkpoint bestCheckpoint() {
        Checkpoint best = null;
        for (Checkpoint c : checkpoints) {
            if (best == null || c.bitErrors() < best.bitErrors()) {
                best = c;
            }
        }
        return best;
    }

    /** A log made directly from points, for tests and other producers. */
    public static TrainingLog of(String name, List<Point> points) {
        if (points.isEmpty()) {
            throw new NoProgressException(name + " has no points");
        }
        return new TrainingLog(name, null, new LinkedHashMap<>(), points, List.of());
    }
}
