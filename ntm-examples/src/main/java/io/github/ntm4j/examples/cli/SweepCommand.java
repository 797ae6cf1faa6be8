package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.sweep.RunResult;
import io.github.ntm4j.examples.sweep.RunSpec;
import io.github.ntm4j.examples.sweep.SparkSweep;
import io.github.ntm4j.examples.sweep.SweepReport;
import io.github.ntm4j.examples.sweep.SweepRun;
import io.github.ntm4j.examples.training.Networks;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code sweep}: many runs of {@code train} on Apache Spark, one Spark task each, and the table of their results
 * (docs/sweep.md). A run is {@code train}'s run of the same task, recipe and seeds (the same parameters), then
 * evaluated on held-out test sets. Embedded Spark ({@code local[*]}) by default; on a cluster through
 * {@code spark-submit}. Rerun with the same {@code --out}, completed runs are skipped and interrupted ones resume from
 * their last checkpoint ({@link SweepRun}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train a task with its recipe for many seeds on Apache Spark (embedded by default, or a "
                + "cluster through spark-submit), evaluate every model on held-out test sets, and write the "
                + "sweep table: per run its metrics; k of n converged, the mean and spread at each test value and "
                + "the best run on validation. Rerun with the same --out, completed runs are skipped and interrupted "
                + "runs resume exactly from their last checkpoint.", ""},
        footer = {"", "docs/sweep.md has a local and a cluster example and what the table means."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--task", paramLabel = "TASK", defaultValue = "copy", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TaskName taskName;

    @Option(names = "--max-length", paramLabel = "L", converter = Cli.PositiveInt.class,
            description = "The longest training sequence, as train's.")
    Integer maxLength;

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--baseline", paramLabel = "lstm", description = "Train ${COMPLETION-CANDIDATES} instead of the "
            + "NTM, as train --baseline does: DL4J's 3-layer LSTM, with the same recipe, data and evaluation.")
    TrainCommand.Baseline baseline;

    @Option(names = "--lstm-units", paramLabel = "U", converter = Cli.PositiveInt.class,
            description = "Units per layer of the LSTM baseline (default: " + Networks.LSTM_BASELINE_SIZE + ").")
    Integer lstmUnits;

    @Mixin
    ShapeOptions shape = new ShapeOptions();

    @Option(names = "--seeds", paramLabel = "S", required = true, converter = Seeds.class,
            description = "Seeds of the runs' weights: 1-4, 1,3,7 or 1-3,9. Each run's data seed is its seed unless "
                    + "--data-seeds is given.")
    SeedList seeds;

    @Option(names = "--data-seeds", paramLabel = "D", converter = Seeds.class,
            description = "Seeds of the training data (and validation set, from D + 1), crossed with --seeds "
                    + "(default: each run's own seed, as train --seed S).")
    SeedList dataSeeds;

    @Option(names = "--validate-every", paramLabel = "N", converter = Cli.PositiveLong.class, defaultValue = "1000",
            description = "Sequences between validations (default: ${DEFAULT-VALUE}).")
    long validateEvery;

    @Option(names = "--lengths", paramLabel = "L1,L2", split = ",", converter = Cli.PositiveInt.class,
            description = "The held-out test values (default: the training length, if given, then eval's).")
    List<Integer> lengths;

    @Option(names = "--examples", paramLabel = "E", converter = Cli.PositiveInt.class, defaultValue = "50",
            description = "Held-out test sequences per value and test seed (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--test-seeds", paramLabel = "T", converter = Seeds.class, defaultValue = SweepReport.HELD_OUT_TEST_SEEDS,
            description = "Seeds of the test sets, as eval --seed takes them (default: ${DEFAULT-VALUE}, the held-out "
                    + "seeds of docs/protocol.md; with any other seeds the table says it is on development test sets).")
    SeedList testSeeds;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The sweep's directory: a directory per setting and run, and the table (on a cluster: a "
                    + "path every executor sees).")
    Path out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark's master: local[*] (the default), local[N], "
            + "local[N,F] (F attempts per run); under spark-submit its --master is used unless this is given.")
    String master;

    @Override
    public Integer call() {
        recipe.checkOptionsGoTogether();
        TrainCommand.checkBaselineOptions(baseline, lstmUnits, recipe);
        String shapeGiven = shape.firstGiven();
        if (shapeGiven != null && baseline != null) {
            throw new UsageException(shapeGiven + " sizes the NTM; it does not go with --baseline");
        }
        int units = baseline == null ? 0 : lstmUnits != null ? lstmUnits : Networks.LSTM_BASELINE_SIZE;
        // Only for a baseline or a size other than NTM-Lasagne's copy network: the NTM's settings of that size keep
        // the names (and directories) they had before these options existed.
        Networks.Shape size = shape.shape(taskName.shape());
        String sized = ShapeOptions.asOptions(size);
        String network = units > 0 ? " --baseline lstm --lstm-units " + units : sized.isEmpty() ? "" : " " + sized;
        int length = maxLength == null ? 0 : maxLength;
        Recipe settings = recipe.settings(taskName, length);
        if (settings.starts() != null) {
            throw new UsageException("--starts " + settings.starts() + " is train's: a sweep runs one start a seed"
                    + (recipe.startsGiven() ? "" : " (the " + taskName + " recipe has several; give --starts off)")
                    + ", and the seeds it runs are the starts train --starts would choose among");
        }
        // The task's and the size's usage errors, before Spark starts.
        TrainingJob check = new TrainingJob(taskName, length, settings, 0, 0, validateEvery);
        if (units == 0) {
            check.newNtm(size);
        }
        int[] values = lengths != null ? lengths.stream().mapToInt(Integer::intValue).toArray() : defaultLengths(length);
        for (int v : values) {
            taskName.at(v);   // a usage error for a value the task cannot take
        }
        long[] tests = testSeeds.values().stream().mapToLong(Long::longValue).toArray();
        String description = taskName + (maxLength == null ? "" : " --max-length " + maxLength) + network + " "
                + settings.asOptions() + " --validate-every " + validateEvery + " | test " + taskName.sweepVariable() + " " + Arrays.toString(values) + " x " + examples + " seeds " + testSeeds.values();
        String setting = taskName + "-" + shortHash(description);

        List<RunSpec> runs = new ArrayList<>();
        for (long seed : seeds.values()) {
            for (long dataSeed : dataSeeds == null ? List.of(seed) : dataSeeds.values()) {
                String train = "ntm4j train --task " + taskName + (maxLength == null ? "" : " --max-length " + maxLength)
                        + network + " --seed " + seed + (dataSeed != seed ? " --data-seed " + dataSeed : "") + " "
                        + settings.asOptions() + " --validate-every " + validateEvery;
                runs.add(new RunSpec(setting, description, taskName, length, settings, size, units, seed, dataSeed,
                        validateEvery, values, examples, tests, out.toAbsolutePath().toString(), train));
            }
        }

        Map<String, RunResult> results = new LinkedHashMap<>();
        List<RunSpec> todo = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (RunSpec r : runs) {
                RunResult done = SweepRun.completed(r);
                if (done != null) {
                    results.put(r.runId(), done);
                } else {
                    todo.add(r);
                }
            }
        } catch (IOException e) {
            throw new CommandFailure("could not read " + out + ": " + e.getMessage());
        }
        long resuming = todo.stream().filter(SweepRun::resumable).count();
        System.out.printf(Locale.ROOT, "sweep %s: %d runs of %s; %d completed already (skipped), %d to run%s%n", out,
                runs.size(), description, results.size(), todo.size(),
                resuming == 0 ? "" : " (" + resuming + " resumed from the last checkpoint an interrupted sweep left)");
        Map<String, String> failures = Map.of();
        if (!todo.isEmpty()) {
            requireSpark();
            SparkSweep.Outcome outcome = SparkSweep.run(todo, master != null ? master
                    : System.getProperty("spark.master") == null ? "local[*]" : null, System.out);
            results.putAll(outcome.results());
            failures = outcome.failures();
        }
        SweepReport report = new SweepReport(runs, results, failures);
        try {
            report.write(out);
        } catch (IOException e) {
            throw new CommandFailure("could not write the sweep table in " + out + ": " + e.getMessage());
        }
        System.out.println();
        System.out.print(report.markdown());
        System.out.println();
        System.out.println("wrote " + out.resolve("sweep.md") + ", " + out.resolve("settings.csv") + " and "
                + out.resolve("runs.csv"));
        if (!failures.isEmpty()) {
            throw new CommandFailure(failures.size() + " of " + runs.size() + " runs failed every attempt (sweep.md "
                    + "lists why); rerun the same command to retry them");
        }
        return 0;
    }

    /** The training length, if given and below eval's values for the task, then eval's values. */
    private int[] defaultLengths(int trainingLength) {
        int[] eval = taskName.defaultSweep();
        return trainingLength > 0 && trainingLength < eval[0]
                ? java.util.stream.IntStream.concat(java.util.stream.IntStream.of(trainingLength), Arrays.stream(eval)).toArray()
                : eval;
    }

    /** A usage error unless Spark's classes are there (a jar copied without its spark-lib directory). */
    private static void requireSpark() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SweepCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new CommandFailure("sweep needs Apache Spark on the class path: run ntm4j.jar where the build left it "
                    + "(ntm-examples/target, beside spark-lib/), or under spark-submit (docs/sweep.md)");
        }
    }

    /** The first 8 hex digits of the SHA-256 of {@code text}: a setting's stable id. */
    static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format(Locale.ROOT, "%064x", new BigInteger(1, d)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seeds, each once, in the order given. */
    record SeedList(List<Long> values) {
    }

    /** Seeds as ranges and lists: {@code 1-4}, {@code 1,3,7}, {@code 1-3,9}; each once, in order. */
    static final class Seeds implements ITypeConverter<SeedList> {
        @Override
        public SeedList convert(String value) {
            Set<Long> seeds = new LinkedHashSet<>();
            for (String part : value.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);   // a leading '-' is a negative seed
                try {
                    if (dash < 0) {
                        seeds.add(Long.parseLong(p));
                        continue;
                    }
                    long from = Long.parseLong(p.substring(0, dash).trim());
                    long to = Long.parseLong(p.substring(dash + 1).trim());
                    if (to < from || to - from >= 10_000) {
                        throw new TypeConversionException("'" + p + "' is not a range of at most 10000 seeds from low to high");
                    }
                    for (long s = from; s <= to; s++) {
                        seeds.add(s);
                    }
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + p + "' is not a seed or a range of seeds such as 1-4");
                }
            }
            return new SeedList(List.copyOf(seeds));
        }
    }

}
