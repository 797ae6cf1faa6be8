package io.github.ntm4j.examples.sweep;

import io.github.ntm4j.examples.Ntm4j;
import io.github.ntm4j.examples.cli.EvalCommand;
import io.github.ntm4j.examples.cli.TaskName;
import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.cli.TrainingJob;
import io.github.ntm4j.examples.training.JsonLinesLog;
import io.github.ntm4j.examples.training.Trainer;
import io.github.ntm4j.examples.training.TrainerState;
import io.github.ntm4j.examples.training.TrainingEvents;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
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
 *   OUT/SETTING/seedS-dataD/eval-above-optimal.csv  for n-grams: the cost above the Bayes-optimal predictor on the
 *                                        same held-out sequences, with its 95% interval, per test seed and length
 *   OUT/SETTING/seedS-dataD/result.json  the run's metrics ({@link RunResult}), written last
 * </pre>
 * and, for a recipe with a second stage, the first stage's {@code model.stage1.zip} and {@code train.stage1.jsonl}
 * beside them ({@code model.zip} and {@code train.jsonl} being the second stage's, as {@code train} makes them).
 * A run trains in a directory beside its own, {@code OUT/SETTING/.seedS-dataD.partial}, and renames it into place when
 * every file is written, so a run directory that exists is complete. While it trains, the partial directory also
 * holds {@code model.last.zip}, a last checkpoint written at every validation with everything {@code train --resume}
 * needs to continue exactly: a killed sweep, run again with the same options, resumes each run from there (the
 * sequence count, the data stream, the best score, the curriculum level, the time used against {@code --minutes}),
 * and ends with the same model as an uninterrupted run. An attempt holds {@code OUT/SETTING/.seedS-dataD.lock} while it
 * uses the partial directory; one that finds it held by another (a second sweep on the same {@code --out}, or a
 * speculative copy of the task) trains from the start in a {@code .tmp-} directory of its own, deleted when it ends.
 */
public final class SweepRun {
    static final String MODEL = "model.zip";
    static final String LOG = "train.jsonl";
    static final String EVAL = "eval.csv";
    static final String EVAL_ABOVE_OPTIMAL = "eval-above-optimal.csv";
    static final String RESULT = "result.json";
    static final String LAST = "model.last.zip";
    static final String STAGE1_MODEL = "model.stage1.zip";
    static final String STAGE1_LOG = "train.stage1.jsonl";
    static final String STAGE1_LAST = "model.stage1.last.zip";
    private static final String LOCK = ".lock";

    private SweepRun() {
    }

    /** The completed run's result, if {@code spec}'s directory holds one. */
    public static RunResult completed(RunSpec spec) throws IOException {
        return result(spec.directory());
    }

    /** The result written last in {@code dir}, or null if there is none. */
    private static RunResult result(Path dir) throws IOException {
        Path result = dir.resolve(RESULT);
        return Files.isRegularFile(result) ? RunResult.fromJson(Files.readString(result, StandardCharsets.UTF_8)) : null;
    }

    /** Where the run trains until it has completed: {@code OUT/SETTING/.seedS-dataD.partial}. */
    public static Path partialDirectory(RunSpec spec) {
        return spec.directory().resolveSibling("." + spec.runName() + ".partial");
    }

    /** Whether an attempt of the run was interrupted after a last checkpoint, which the next attempt resumes from. */
    public static boolean resumable(RunSpec spec) {
        Path partial = partialDirectory(spec);
        return Files.isRegularFile(partial.resolve(LAST)) || Files.isRegularFile(partial.resolve(STAGE1_LAST));
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
        Path lockFile = dir.resolveSibling("." + spec.runName() + LOCK);
        boolean held = false;
        try {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(channel)) {
                if (lock != null) {
                    held = true;
                    RunResult done = completed(spec);   // an attempt that held the lock until just now
                    if (done != null) {
                        return done;
                    }
                    Path partial = partialDirectory(spec);
                    Files.createDirectories(partial);
                    RunResult result = finished(partial);   // killed after its last file, before the rename
                    if (result == null) {
                        result = trainInto(spec, partial, true);
                    }
                    Files.deleteIfExists(partial.resolve(LAST));
                    Files.deleteIfExists(partial.resolve(STAGE1_LAST));
                    return moveIntoPlace(spec, partial, dir, result);
                }
            }
        } finally {
            if (held) {
                Files.deleteIfExists(lockFile);   // after the lock is released
            }
        }
        // Another attempt holds the partial directory: train from the start in a directory of this attempt's own.
        Path tmp = dir.resolveSibling("." + spec.runName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            return moveIntoPlace(spec, tmp, dir, trainInto(spec, tmp, false));
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** The result a finished attempt wrote last in {@code dir}, or null if there is none or it is not whole. */
    private static RunResult finished(Path dir) {
        try {
            return result(dir);
        } catch (IOException | RuntimeException e) {
            return null;   // cut short by the kill: train again
        }
    }

    /** The lock, or null if another process or thread holds it. */
    private static FileLock tryLock(FileChannel file) throws IOException {
        try {
            return file.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;   // held by another attempt in this JVM
        }
    }

    /** Renames the finished {@code from} to the run's directory, or returns the result of an attempt that did first. */
    private static RunResult moveIntoPlace(RunSpec spec, Path from, Path dir, RunResult result) throws IOException {
        try {
            Files.move(from, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another attempt of the same run (a speculative copy) finished first: its files stand.
            RunResult other = completed(spec);
            if (other != null) {
                return other;
            }
            throw e;
        }
        return result;
    }

    /**
     * Trains the run in {@code dir}, evaluates its best model and writes its files there. With {@code resume}, a last
     * checkpoint in {@code dir} is continued exactly and a new one written at every validation; without one, what an
     * earlier attempt left there is cleared first. A recipe with a second stage trains its first into
     * {@code model.stage1.zip} and {@code train.stage1.jsonl} (its last checkpoint {@code model.stage1.last.zip}), then
     * the second from that best model into the run's usual files; the result counts the sequences and time of both.
     */
    private static RunResult trainInto(RunSpec spec, Path dir, boolean resume) throws IOException {
        String task = spec.task().toString();
        Path model = dir.resolve(MODEL);
        Files.deleteIfExists(dir.resolve(EVAL));
        Files.deleteIfExists(dir.resolve(EVAL_ABOVE_OPTIMAL));
        Files.deleteIfExists(dir.resolve(RESULT));
        TrainingJob job = new TrainingJob(spec.task(), spec.maxLength(), spec.recipe(), spec.seed(), spec.dataSeed(),
                spec.validateEvery());
        TrainingEvents.Result trained;
        long sequences;
        double seconds;
        if (spec.recipe().secondStage() == null) {
            trained = trainStage(spec, job, dir, MODEL, LAST, LOG, resume, null);
            sequences = trained.sequences();
            seconds = trained.seconds();
        } else {
            TrainingJob secondJob = job.secondStage();
            boolean inSecondStage = resume && Files.isRegularFile(dir.resolve(LAST));
            TrainingEvents.Result first = null;
            long firstSequences;
            double firstSeconds;
            if (inSecondStage) {
                // The first stage ended before this last checkpoint was written: its own last says how long it took.
                Path firstLast = dir.resolve(STAGE1_LAST);
                TrainerState state = Files.isRegularFile(firstLast) ? ModelFiles.trainerState(firstLast.toFile()) : null;
                if (state == null) {
                    throw new IOException(dir + " holds the second stage's last checkpoint but not the first's; delete "
                            + dir + " to start the run again");
                }
                firstSequences = state.sequences();
                firstSeconds = state.elapsedSeconds();
            } else {
                first = trainStage(spec, job, dir, STAGE1_MODEL, STAGE1_LAST, STAGE1_LOG, resume, null);
                firstSequences = first.sequences();
                firstSeconds = first.seconds();
            }
            if (first != null && first.reason() == TrainingEvents.StopReason.DIVERGED) {
                // No second stage from a diverged first: its best model stands as the run's.
                Files.copy(dir.resolve(STAGE1_MODEL), model, StandardCopyOption.REPLACE_EXISTING);
                trained = first;
                sequences = firstSequences;
                seconds = firstSeconds;
            } else {
                MultiLayerNetwork from = first == null ? null
                        : secondJob.startFrom(dir.resolve(STAGE1_MODEL).toFile(), spec.lstmUnits() == 0);
                trained = trainStage(spec, secondJob, dir, MODEL, LAST, LOG, resume, from);
                sequences = firstSequences + trained.sequences();
                seconds = firstSeconds + trained.seconds();
            }
        }
        MultiLayerNetwork best = ModelFiles.load(model.toFile(), task, spec.lstmUnits() == 0);

        int[] lengths = spec.testLengths();
        double[] accuracy = new double[lengths.length];
        double[] bitErrors = new double[lengths.length];
        String variable = null;
        StringBuilder csv = new StringBuilder();
        for (long testSeed : spec.testSeeds()) {
            SweepTable table = EvalCommand.sweep(best, spec.task().toString(), lengths, spec.testExamples(), testSeed);
            variable = table.variable();
            appendRows(csv, table.toCsv(), testSeed);
            for (int i = 0; i < lengths.length; i++) {
                // Every test seed has the same number of sequences: the mean of the means is the overall mean.
                accuracy[i] += table.rows().get(i).sequenceAccuracy() / spec.testSeeds().length;
                bitErrors[i] += table.rows().get(i).meanBitErrors() / spec.testSeeds().length;
            }
        }
        Files.writeString(dir.resolve(EVAL), csv, StandardCharsets.UTF_8);
        double[] above = null;
        if (spec.task() == TaskName.NGRAMS) {
            // The paper's measure for n-grams: the cost above the Bayes-optimal predictor, paired on the same sequences.
            above = new double[lengths.length];
            StringBuilder aboveCsv = new StringBuilder();
            for (long testSeed : spec.testSeeds()) {
                List<GeneralisationSweep.CostDifference> rows = EvalCommand.costAboveOptimal(best, lengths,
                        spec.testExamples(), testSeed);
                appendRows(aboveCsv, EvalCommand.costAboveCsv(rows), testSeed);
                for (int i = 0; i < lengths.length; i++) {
                    above[i] += rows.get(i).meanDifference() / spec.testSeeds().length;
                }
            }
            Files.writeString(dir.resolve(EVAL_ABOVE_OPTIMAL), aboveCsv, StandardCharsets.UTF_8);
        }
        double target = spec.recipe().targetBitErrors() == Double.NEGATIVE_INFINITY
                ? Trainer.DEFAULT_TARGET_BIT_ERRORS : spec.recipe().targetBitErrors();
        RunResult result = new RunResult(spec.setting(), spec.description(), spec.runName(), spec.seed(),
                spec.dataSeed(), sequences, seconds, trained.reason().label(),
                trained.bestBitErrors(), trained.bestBitErrors() <= target, variable, lengths, accuracy, bitErrors,
                spec.trainCommand(), trained.bestCost(), trained.selection(), above);
        Files.writeString(dir.resolve(RESULT), result.toJson(), StandardCharsets.UTF_8);
        return result;
    }

    /** Appends {@code table}'s rows to {@code csv}, each headed by {@code testSeed}; its header first, once. */
    private static void appendRows(StringBuilder csv, String table, long testSeed) {
        if (csv.isEmpty()) {
            csv.append("test_seed,").append(table.lines().findFirst().orElseThrow()).append('\n');
        }
        table.lines().skip(1).forEach(line -> csv.append(testSeed).append(',').append(line).append('\n'));
    }

    /**
     * Trains one stage of the run in {@code dir} as {@code job} says, its best model saved to {@code modelName}, its log
     * to {@code logName}: with {@code resume}, from its last checkpoint {@code lastName} if there is one, exactly, a new
     * one written at every validation; else from {@code from} (or a new network if null), the stage's files from an
     * earlier attempt cleared first. A stage that ends without a validation saves its last network as its model.
     */
    private static TrainingEvents.Result trainStage(RunSpec spec, TrainingJob job, Path dir, String modelName,
                                                    String lastName, String logName, boolean resume,
                                                    MultiLayerNetwork from) throws IOException {
        String task = spec.task().toString();
        Path model = dir.resolve(modelName);
        Path last = dir.resolve(lastName);
        TaskIterator data = job.data();
        Trainer.Builder trainer = job.trainer();
        job.checkpointTo(trainer, model.toString(), spec.trainCommand());
        MultiLayerNetwork net;
        Trainer.Resume exact = null;
        if (resume && Files.isRegularFile(last)) {
            TrainerState state = ModelFiles.trainerState(last.toFile());
            if (state == null) {
                throw new IOException(last + " holds no trainer state; delete " + dir + " to start the run again");
            }
            net = ModelFiles.load(last.toFile(), task, spec.lstmUnits() == 0, true);
            try {
                trainer.build().checkResumable(state, data, job.dataSeed());
            } catch (IllegalArgumentException e) {
                throw new IOException(last + " cannot be resumed: " + e.getMessage() + "; delete " + dir
                        + " to start the run again");
            }
            exact = new Trainer.Resume(state, last.toString());
        } else {
            for (String file : new String[] {modelName, logName, lastName}) {
                Files.deleteIfExists(dir.resolve(file));   // an attempt killed before its first last checkpoint
            }
            net = from != null ? from
                    : spec.lstmUnits() > 0 ? job.newLstmBaseline(spec.lstmUnits()) : job.newNtm(spec.shape());
        }
        if (resume) {
            trainer.lastCheckpoint(spec.validateEvery(), (n, state) -> {
                ModelFiles.saveLast(n, task, spec.trainCommand(), state, last.toFile());
                return last.toString();
            });
        }
        TrainingEvents.Result trained;
        try (JsonLinesLog log = new JsonLinesLog(dir.resolve(logName))) {
            trained = trainer.listener(log).build().train(net, data, job.task().name(),
                    TrainingJob.describe(net, spec.shape()), job.seed(), job.dataSeed(), exact);
        }
        if (trained.reason() == TrainingEvents.StopReason.CHECKPOINT_FAILED) {
            throw new IOException("could not write " + model + ": " + trained.problem());
        }
        if (!Files.exists(model)) {
            // No validation ran (the loss diverged first): keep the last network, so that every stage has a model.
            ModelFiles.save(net, task, spec.trainCommand(), model.toFile());
        }
        return trained;
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
