package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.dashboard.LearningCurves;
import io.github.ntm4j.examples.dashboard.TrainingLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code curves}: the learning curves (training loss and validation bit errors per sequence against
 * sequences seen, log scale, with a rolling mean) of one or more logs of the {@code train} command, as
 * one PNG ({@link LearningCurves}). {@code --log} and {@code --label} may be repeated.
 */
public final class CurvesCommand {
    public static final String USAGE = "curves --log train.log [--log baseline.log ...] --out curves.png "
            + "[--label NTM --label LSTM ...] [--window 10] [--log-x]";
    public static final int DEFAULT_WINDOW = 10;

    private final Options options;
    private final boolean logX;

    public CurvesCommand(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        this.logX = rest.remove("--log-x");
        this.options = new Options(rest.toArray(new String[0]), Set.of("log", "out", "label", "window"));
    }

    public int run() {
        List<String> files = options.getAll("log");
        if (files.isEmpty()) {
            throw new UsageException("curves needs at least one --log train.log");
        }
        String out = options.get("out", null);
        if (out == null) {
            throw new UsageException("curves needs --out file.png");
        }
        List<String> labels = options.getAll("label");
        if (!labels.isEmpty() && labels.size() != files.size()) {
            throw new UsageException("give one --label per --log: " + labels.size() + " labels for " + files.size() + " logs");
        }
        int window = (int) options.getLong("window", DEFAULT_WINDOW, 1);
        List<TrainingLog> logs = new ArrayList<>();
        for (String f : files) {
            logs.add(read(Path.of(f)));
        }
        LearningCurves curves = new LearningCurves(logs, labels.isEmpty() ? null : labels, window, logX);
        Path file = Path.of(out);
        try {
            curves.writePng(file);
        } catch (IOException e) {
            throw new ModelFiles.ModelFileException("could not write " + file + ": " + e.getMessage());
        }
        int points = logs.stream().mapToInt(l -> l.points().size()).sum();
        System.out.printf(Locale.ROOT, "learning curves of %d log%s (%d progress lines) written to %s%n",
                logs.size(), logs.size() == 1 ? "" : "s", points, file);
        return 0;
    }

    /** A log with at least one progress line; anything else is a one-line error (exit code 1). */
    static TrainingLog read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFiles.ModelFileException("no log file " + file);
        }
        try {
            return TrainingLog.read(file);
        } catch (NoSuchFileException e) {
            throw new ModelFiles.ModelFileException("no log file " + file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ModelFiles.ModelFileException("could not read " + file + ": " + e.getMessage());
        } catch (TrainingLog.NoProgressException e) {
            throw new ModelFiles.ModelFileException(e.getMessage());
        }
    }
}
