package io.github.ntm4j.examples.sweep;

import io.github.ntm4j.examples.Ntm4j;
import io.github.ntm4j.examples.cli.EvalCommand;
import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.cli.TrainingJob;
import io.github.ntm4j.examples.training.JsonLinesLog;
import io.github.ntm4j.examples.training.Trainer;
import io.github.ntm4j.examples.training.TrainingEvents;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One run of a sweep, as one Spark task executes it: trains with {@link TrainingJob} and the {@link Trainer}
 * exactly as {@code train} would (the best model by validation saved with {@link ModelFiles#save}, the
 * JSON-lines log beside it), evaluates the saved model on the held-out test seeds, and writes
 * <pre>
 *   OUT/SETTING/seedS-dataD/model.zip    the best model by validation, as train --out saves it
 *   OUT/SETTING/seedS-dataD/train.jsonl  the training log
 *   OUT/SETTING/seedS-dataD/eval.csv     the held-out evaluation, one row per test seed and value
 *   OUT/SETTING/seedS-dataD/result.json  the run's metrics ({@link RunResult}), written last
 * </pre>
 * A run writes into a temporary directory beside its own and renames it into place when every file is
 * written, so a run directory that exists is complete; a killed or failed attempt leaves only a
 * {@code .tmp-} directory, which a later attempt ignores.
 */
public final class SweepRun {
    static final String MODEL = "model.zip";
    static final String LOG = "train.jsonl";
    static final String EVAL = "eval.csv";
    static final String RESULT = "result.json";

    private SweepRun() {
    }

    /** The completed run's result, if {@code spec}'s directory holds one. */
    public static RunResult completed(RunSpec spec) throws IOException {
        Path result = spec.directory().resolve(RESULT);
        return Files.isRegularFile(result) ? RunResult.fromJson(Files.readString(result, StandardCharsets.UTF_8)) : null;
    }

    /** Executes the run, or returns its result if it has completed already; its result as JSON (what Spark returns). */
    public static String execute(RunSpec spec) {
        try {
            RunResult done = completed(spec);
            return (done != null ? done : train(spec)).toJson();
        } catch (IOException e) {
            throw new UncheckedIOException(spec.runId() + ": " + e.getMessage(), e);
        }
    }

    private static RunResult train(RunSpec spec) throws IOException {
        Ntm4j.configureNd4jThreads();   // on a cluster's executors Ntm4j.main has not run
        Path dir = spec.directory();
        Files.createDirectories(dir.getParent());
        Path tmp = dir.resolveSibling("." + spec.runName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            RunResult result = trainInto(spec, tmp);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another attempt of the same run (a speculative copy) finished first: its files stand.
                RunResult other = completed(spec);
                if (other != null) {
                    return other;
                }
                throw e;
            }
            return result;
        } finally {
            deleteRecursively(tmp);
        }
    }

    private static RunResult trainInto(RunSpec spec, Path dir) throws IOException {
        TrainingJob job = new TrainingJob(spec.task(), spec.maxLength(), spec.recipe(), spec.seed(), spec.dataSeed(),
                spec.validateEvery());
        MultiLayerNetwork net = spec.lstmUnits() > 0 ? job.newLstmBaseline(spec.lstmUnits()) : job.newNtm(spec.shape());
        Path model = dir.resolve(MODEL);
        Trainer.Builder trainer = job.trainer();
        job.checkpointTo(trainer, model.toString(), spec.trainCommand());
        TrainingEvents.Result trained;
        try (JsonLinesLog log = new JsonLinesLog(dir.resolve(LOG))) {
            trained = trainer.listener(log).build().train(net, job.data(), job.task().name(),
                    TrainingJob.describe(net, spec.shape()), spec.seed(), spec.dataSeed());
        }
        if (trained.reason() == TrainingEvents.StopReason.CHECKPOINT_FAILED) {
            throw new IOException("could not write " + model + ": " + trained.problem());
        }
        if (!Files.exists(model)) {
            // No validation ran (the loss diverged first): keep the last network, so that every run has a model.
            ModelFiles.save(net, spec.task().toString(), spec.trainCommand(), model.toFile());
        }
        MultiLayerNetwork best = ModelFiles.load(model.toFile(), spec.task().toString(), spec.lstmUnits() == 0);

        int[] lengths = spec.testLengths();
        double[] accuracy = new double[lengths.length];
        double[] bitErrors = new double[lengths.length];
        String variable = null;
        StringBuilder csv = new StringBuilder();
        for (long testSeed : spec.testSeeds()) {
            SweepTable table = EvalCommand.sweep(best, spec.task().toString(), lengths, spec.testExamples(), testSeed);
            variable = table.variable();
            if (csv.isEmpty()) {
                csv.append("test_seed,").append(table.toCsv().lines().findFirst().orElseThrow()).append('\n');
            }
            table.toCsv().lines().skip(1).forEach(line -> csv.append(testSeed).append(',').append(line).append('\n'));
            for (int i = 0; i < lengths.length; i++) {
                // Every test seed has the same number of sequences: the mean of the means is the overall mean.
                accuracy[i] += table.rows().get(i).sequenceAccuracy() / spec.testSeeds().length;
                bitErrors[i] += table.rows().get(i).meanBitErrors() / spec.testSeeds().length;
            }
        }
        Files.writeString(dir.resolve(EVAL), csv, StandardCharsets.UTF_8);
        double target = spec.recipe().targetBitErrors() == Double.NEGATIVE_INFINITY
                ? Trainer.DEFAULT_TARGET_BIT_ERRORS : spec.recipe().targetBitErrors();
        RunResult result = new RunResult(spec.setting(), spec.description(), spec.runName(), spec.seed(),
                spec.dataSeed(), trained.sequences(), trained.seconds(), trained.reason().label(),
                trained.bestBitErrors(), trained.bestBitErrors() <= target, variable, lengths, accuracy, bitErrors,
                spec.trainCommand(), trained.bestCost(), trained.selection());
        Files.writeString(dir.resolve(RESULT), result.toJson(), StandardCharsets.UTF_8);
        return result;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
