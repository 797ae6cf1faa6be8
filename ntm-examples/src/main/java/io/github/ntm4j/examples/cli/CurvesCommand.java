package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.dashboard.LearningCurves;
import io.github.ntm4j.examples.dashboard.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code curves}: the learning curves (training loss and validation bit errors per sequence against
 * sequences seen, log scale, with a rolling mean) of one or more logs of the {@code train} command, as
 * one PNG ({@link LearningCurves}). {@code --log} and {@code --label} may be repeated.
 */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = "Plot the learning curves of one or more train logs (training loss and validation bit errors "
                + "against sequences seen, log scale, with a rolling mean) as a PNG.")
public final class CurvesCommand implements Callable<Integer> {
    public static final int DEFAULT_WINDOW = 10;

    @Option(names = "--log", paramLabel = "FILE", required = true,
            description = "A log of train (what it printed); repeat for more curves.")
    List<String> files;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The PNG to write.")
    String out;

    @Option(names = "--label", paramLabel = "TEXT", description = "A legend label per --log, in the same order.")
    List<String> labels = List.of();

    @Option(names = "--window", paramLabel = "N", converter = Cli.PositiveInt.class, defaultValue = "" + DEFAULT_WINDOW,
            description = "Progress lines in the rolling mean (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--log-x", description = "A log scale for the sequences too.")
    boolean logX;

    @Mixin
    OutputFiles output;

    @Override
    public Integer call() {
        if (!labels.isEmpty() && labels.size() != files.size()) {
            throw new UsageException("give one --label per --log: " + labels.size() + " labels for " + files.size() + " logs");
        }
        Path file = output.file(out);
        List<TrainingLog> logs = new ArrayList<>();
        for (String f : files) {
            TrainingLog log = read(Path.of(f));
            System.out.println("read " + log.describe());
            logs.add(log);
        }
        LearningCurves curves = new LearningCurves(logs, labels.isEmpty() ? null : labels, window, logX);
        try {
            curves.writePng(file);
        } catch (IOException e) {
            throw new CommandFailure("could not write " + file + ": " + e.getMessage());
        }
        int points = logs.stream().mapToInt(l -> l.points().size()).sum();
        System.out.printf(Locale.ROOT, "learning curves of %d log%s (%d progress lines) written to %s%n",
                logs.size(), logs.size() == 1 ? "" : "s", points, file);
        return 0;
    }

    /** A log with at least one progress line; anything else is a one-line error (exit code 1). */
    static TrainingLog read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure("no log file " + file);
        }
        try {
            return TrainingLog.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("no log file " + file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandFailure("could not read " + file + ": " + e.getMessage());
        } catch (TrainingLog.NoProgressException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
