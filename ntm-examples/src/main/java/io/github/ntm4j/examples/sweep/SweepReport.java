package io.github.ntm4j.examples.sweep;

import io.github.ntm4j.examples.training.Selection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sweep table, from every run's {@link RunResult} (or its failure):
 * <ul>
 *   <li>{@code runs.csv}: one row per run and test value: its seeds, training, validation and held-out metrics (for
 *       n-grams, the cost above the Bayes-optimal predictor too);</li>
 *   <li>{@code settings.csv}: one row per setting and test value: how many of its runs converged ("k of n"), the
 *       mean, standard deviation, minimum and maximum of the held-out sequence accuracy over its runs, the mean
 *       bit errors, and the best run, chosen on validation alone;</li>
 *   <li>{@code sweep.md}: both, as Markdown; for n-grams also each run's held-out cost above the Bayes-optimal
 *       predictor, with how many runs come within 1 and 2 bits of it.</li>
 * </ul>
 * The best run is the one with the best validation score by its recipe's {@code --select-by}, the fewest bit errors
 * or the lowest cost (the earlier run in the sweep's order on a tie); its held-out numbers are reported, never used
 * to choose it. The test sets are called held out only when they are the protocol's ({@link #HELD_OUT_TEST_SEEDS});
 * a sweep given other {@code --test-seeds} says its numbers are on development test sequences.
 */
public final class SweepReport {
    /** The seeds of the protocol's held-out test sets (docs/protocol.md), as {@code sweep --test-seeds} takes them. */
    public static final String HELD_OUT_TEST_SEEDS = "987654,424242";

    private final List<RunSpec> specs;
    private final Map<String, RunResult> results;
    private final Map<String, String> failures;

    /**
     * @param specs    every run of the sweep, in its order
     * @param results  the completed runs' results by {@link RunSpec#runId()}
     * @param failures the runs that failed every attempt, by id: why
     */
    public SweepReport(List<RunSpec> specs, Map<String, RunResult> results, Map<String, String> failures) {
        this.specs = List.copyOf(specs);
        this.results = Map.copyOf(results);
        this.failures = Map.copyOf(failures);
    }

    /** The summary of one setting. */
    record Summary(String setting, String description, int runs, int failed, int converged, RunResult best,
                   List<RunResult> completed) {
    }

    List<Summary> summaries() {
        Map<String, List<RunSpec>> bySetting = new LinkedHashMap<>();
        for (RunSpec s : specs) {
            bySetting.computeIfAbsent(s.setting(), k -> new ArrayList<>()).add(s);
        }
        List<Summary> out = new ArrayList<>();
        for (List<RunSpec> runs : bySetting.values()) {
            List<RunResult> done = new ArrayList<>();
            int failed = 0;
            for (RunSpec s : runs) {
                RunResult r = results.get(s.runId());
                if (r != null) {
                    done.add(r);
                } else {
                    failed++;
                }
            }
            RunResult best = null;
            for (RunResult r : done) {
                if (best == null || r.selectionScore() < best.selectionScore()) {   // NaN never wins
                    best = r;
                }
            }
            int converged = (int) done.stream().filter(RunResult::converged).count();
            out.add(new Summary(runs.get(0).setting(), runs.get(0).description(), runs.size(), failed, converged, best,
                    done));
        }
        return out;
    }

    /** {@code runs.csv}. */
    public String runsCsv() {
        StringBuilder sb = new StringBuilder("setting,run,seed,data_seed,status,sequences,seconds,stop,"
                + "best_validation_bit_errors,converged,test_variable,test_value,sequence_accuracy,mean_bit_errors,"
                + "best_validation_cost,cost_above_optimal\n");
        for (RunSpec s : specs) {
            RunResult r = results.get(s.runId());
            if (r == null) {
                sb.append(String.join(",", s.setting(), s.runName(), Long.toString(s.seed()), Long.toString(s.dataSeed()),
                        "failed", "", "", "", "", "", "", "", "", "", "", "")).append('\n');
                continue;
            }
            for (int i = 0; i < r.testLengths().length; i++) {
                sb.append(String.join(",", r.setting(), r.run(), Long.toString(r.seed()), Long.toString(r.dataSeed()),
                        "completed", Long.toString(r.sequences()), number(r.seconds(), 1), r.stop(),
                        number(r.bestValidation(), 4), Boolean.toString(r.converged()), r.testVariable(),
                        Integer.toString(r.testLengths()[i]), number(r.sequenceAccuracy()[i], 4),
                        number(r.meanBitErrors()[i], 4), number(r.bestValidationCost(), 4),
                        r.costAboveOptimal() == null ? "" : number(r.costAboveOptimal()[i], 4))).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code settings.csv}. */
    public String settingsCsv() {
        StringBuilder sb = new StringBuilder("setting,description,runs,failed,converged,best_run,"
                + "best_validation_bit_errors,test_variable,test_value,mean_sequence_accuracy,sd_sequence_accuracy,"
                + "min_sequence_accuracy,max_sequence_accuracy,mean_bit_errors,best_run_sequence_accuracy\n");
        for (Summary s : summaries()) {
            if (s.completed().isEmpty()) {
                sb.append(String.join(",", s.setting(), quoted(s.description()), Integer.toString(s.runs()),
                        Integer.toString(s.failed()), "0", "", "", "", "", "", "", "", "", "", "")).append('\n');
                continue;
            }
            RunResult first = s.completed().get(0);
            for (int i = 0; i < first.testLengths().length; i++) {
                Stats acc = stats(s.completed(), i, true);
                Stats bits = stats(s.completed(), i, false);
                sb.append(String.join(",", s.setting(), quoted(s.description()), Integer.toString(s.runs()),
                        Integer.toString(s.failed()), Integer.toString(s.converged()),
                        s.best() == null ? "" : s.best().run(), s.best() == null ? "" : number(s.best().bestValidation(), 4),
                        first.testVariable(), Integer.toString(first.testLengths()[i]), number(acc.mean, 4),
                        number(acc.sd, 4), number(acc.min, 4), number(acc.max, 4), number(bits.mean, 4),
                        s.best() == null ? "" : number(s.best().sequenceAccuracy()[i], 4))).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Whether every run was evaluated on the protocol's held-out test sets only. Test sets of other seeds are for
     * development: a screen evaluated on them may choose, and its numbers are not held out.
     */
    boolean heldOut() {
        Set<Long> heldOut = Arrays.stream(HELD_OUT_TEST_SEEDS.split(",")).map(Long::valueOf).collect(Collectors.toSet());
        return specs.stream().allMatch(s -> Arrays.stream(s.testSeeds()).allMatch(heldOut::contains));
    }

    /** {@code sweep.md}: per setting its summary and test table (held out, or said to be for development), then every run. */
    public String markdown() {
        boolean heldOut = heldOut();
        String testSets = heldOut ? "Held-out" : "Development test";
        StringBuilder md = new StringBuilder("# Sweep\n");
        if (!heldOut) {
            md.append("\nTested on **development** test sets (seeds ").append(testSeedsOfAllRuns())
                    .append("), not the protocol's held-out seeds (").append(HELD_OUT_TEST_SEEDS.replace(",", ", "))
                    .append("): a screen may choose on these numbers, and they are not held out.\n");
        }
        for (Summary s : summaries()) {
            md.append("\n## ").append(s.setting()).append("\n\n`").append(s.description()).append("`\n\n");
            boolean againstOptimum = !s.completed().isEmpty()
                    && s.completed().stream().allMatch(r -> r.costAboveOptimal() != null);
            md.append(String.format(Locale.ROOT, againstOptimum
                    // The Bayes-optimal predictor itself gets many bits wrong: no bit-error target means anything.
                    ? (s.runs() == 1 ? "One run" : "%2$d runs") + ", measured by the cost above the Bayes-optimal"
                            + " predictor (below), not by a bit-error target%3$s. Best run on validation: %4$s.%n"
                    : "**%d of %d converged** (best validation bit errors per sequence at or "
                    + "under the target)%s. Best run on validation: %s.%n", s.converged(), s.runs(),
                    s.failed() > 0 ? "; " + s.failed() + " failed" : "",
                    s.best() == null ? "none" : s.best().run() + " (" + number(s.best().selectionScore(), 3) + " "
                            + s.best().selectedBy().description() + ")"));
            if (s.completed().isEmpty()) {
                continue;
            }
            RunResult first = s.completed().get(0);
            md.append("\n").append(testSets).append(" sequences without a wrong bit, over the ").append(s.completed().size())
                    .append(" completed runs:\n\n| ").append(first.testVariable())
                    .append(" | mean | sd | min | max | mean bit errors | best run |\n|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < first.testLengths().length; i++) {
                Stats acc = stats(s.completed(), i, true);
                Stats bits = stats(s.completed(), i, false);
                md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%n", first.testLengths()[i],
                        percent(acc.mean), percent(acc.sd), percent(acc.min), percent(acc.max), number(bits.mean, 2),
                        s.best() == null ? "" : percent(s.best().sequenceAccuracy()[i])));
            }
            List<RunResult> measured = s.completed().stream().filter(r -> r.costAboveOptimal() != null).toList();
            if (!measured.isEmpty()) {
                md.append("\n").append(testSets).append(" cost above the Bayes-optimal predictor, in bits per sequence, "
                        + "paired on the same sequences (the paper's measure), over the ").append(measured.size())
                        .append(" completed runs:\n\n| ").append(first.testVariable())
                        .append(" | mean | min | max | within 1 bit | within 2 bits | best run |\n|---|---|---|---|---|---|---|\n");
                for (int i = 0; i < first.testLengths().length; i++) {
                    int at = i;
                    double[] v = measured.stream().mapToDouble(r -> r.costAboveOptimal()[at]).toArray();
                    md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %d of %d | %d of %d | %s |%n",
                            first.testLengths()[i], number(Arrays.stream(v).average().orElse(Double.NaN), 2),
                            number(Arrays.stream(v).min().orElse(Double.NaN), 2),
                            number(Arrays.stream(v).max().orElse(Double.NaN), 2),
                            Arrays.stream(v).filter(x -> x <= 1).count(), v.length,
                            Arrays.stream(v).filter(x -> x <= 2).count(), v.length,
                            s.best() == null || s.best().costAboveOptimal() == null ? ""
                                    : number(s.best().costAboveOptimal()[i], 2)));
                }
            }
        }
        md.append("\n## Runs\n\n| setting | run | sequences | seconds | stop | best validation | converged | ")
                .append(heldOut ? "held-out" : "development test").append(" |\n|---|---|---|---|---|---|---|---|\n");
        for (RunSpec spec : specs) {
            RunResult r = results.get(spec.runId());
            if (r == null) {
                md.append("| ").append(spec.setting()).append(" | ").append(spec.runName()).append(" | failed: ")
                        .append(failures.getOrDefault(spec.runId(), "did not complete").replace('|', '/'))
                        .append(" | | | | | |\n");
                continue;
            }
            StringBuilder held = new StringBuilder();
            for (int i = 0; i < r.testLengths().length; i++) {
                held.append(i > 0 ? ", " : "").append(r.testLengths()[i]).append(": ").append(percent(r.sequenceAccuracy()[i]));
            }
            if (r.costAboveOptimal() != null) {
                held.append("; above the optimum");
                for (int i = 0; i < r.testLengths().length; i++) {
                    held.append(i > 0 ? "," : "").append(' ').append(r.testLengths()[i]).append(": ")
                            .append(number(r.costAboveOptimal()[i], 2));
                }
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %s | %s | %s | %s |%n", r.setting(), r.run(),
                    r.sequences(), r.seconds(), r.stop(), r.selectedBy() == Selection.COST
                            ? "cost " + number(r.bestValidationCost(), 2) + ", " + number(r.bestValidation(), 3) + " bits wrong"
                            : number(r.bestValidation(), 3), r.converged() ? "yes" : "no",
                    held));
        }
        return md.toString();
    }

    /** The test seeds of every run, in first-seen order, comma-separated. */
    private String testSeedsOfAllRuns() {
        return specs.stream().flatMapToLong(s -> Arrays.stream(s.testSeeds())).distinct().mapToObj(Long::toString)
                .collect(Collectors.joining(", "));
    }

    /** Writes runs.csv, settings.csv and sweep.md into {@code dir}, each to a temporary name, then renamed. */
    public void write(Path dir) throws IOException {
        writeAtomically(dir.resolve("runs.csv"), runsCsv());
        writeAtomically(dir.resolve("settings.csv"), settingsCsv());
        writeAtomically(dir.resolve("sweep.md"), markdown());
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private record Stats(double mean, double sd, double min, double max) {
    }

    /** Mean, sample standard deviation (0 for one run), minimum and maximum over the runs at test value {@code i}. */
    private static Stats stats(List<RunResult> runs, int i, boolean accuracy) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RunResult r : runs) {
            double v = accuracy ? r.sequenceAccuracy()[i] : r.meanBitErrors()[i];
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / runs.size();
        double squares = 0;
        for (RunResult r : runs) {
            double v = accuracy ? r.sequenceAccuracy()[i] : r.meanBitErrors()[i];
            squares += (v - mean) * (v - mean);
        }
        return new Stats(mean, runs.size() > 1 ? Math.sqrt(squares / (runs.size() - 1)) : 0, min, max);
    }

    private static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
