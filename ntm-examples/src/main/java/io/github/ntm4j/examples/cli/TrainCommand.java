package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.ConsoleProgress;
import io.github.ntm4j.examples.training.JsonLinesLog;
import io.github.ntm4j.examples.training.Networks;
import io.github.ntm4j.examples.training.Trainer;
import io.github.ntm4j.examples.training.TrainerState;
import io.github.ntm4j.examples.training.TrainingEvents;
import io.github.ntm4j.examples.training.TrainingListener;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.TaskIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code train}: trains an NTM on a task with the task's recipe ({@link TaskName}, {@link Recipe}: the
 * settings that worked for it in docs/results.md), any option given overriding that one setting. Gradients
 * are clipped element-wise at 10 (the NTM paper, NTM-Lasagne). It validates and prints a progress line
 * every 1000 sequences ({@code --validate-every}), until the bit errors on a fixed validation set fall to
 * the target (unless {@code --target-bit-errors off}), or the time or sequence budget runs out. With a
 * learning-rate drop ({@code --lr-drop F}) reaching the target does not stop training: the learning rate is
 * multiplied by F once and training goes on to the end of the budget (NTM-Lasagne dropped its rate
 * tenfold once the loss was low). With {@code --out} the best model so far (by validation bit errors;
 * the later one on a tie) is saved at every improvement, so a NaN or exploding loss, which stops
 * training, leaves the last good checkpoint.
 *
 * <p>With {@code --out model.zip}, a last checkpoint {@code model.last.zip} is also written every
 * {@code --checkpoint-every} sequences (default: every validation) and at the end: the network, its updater
 * state and the {@link TrainerState} (counts, data stream position, best score, rate drop, curriculum level).
 * {@code --resume model.last.zip} with the same command continues exactly, to the same parameters bit for bit
 * as a run never stopped. {@code --resume model.zip} (a best checkpoint) continues its network and updater only:
 * the counts, the data stream, the best score and the curriculum start again. A loss or parameters that stop
 * being finite roll the run back to its last checkpoint at half the rate, at most {@code --rollbacks} times.
 *
 * <p>With a curriculum ({@code --curriculum E}: repeat copy, priority sort) the minibatches and the validation
 * set come from the curriculum's current level, which rises each time the validation bit errors fall under E; the
 * target stops training only at the final level. A last checkpoint keeps the level; a best checkpoint does
 * not, and {@code --resume} from one starts the curriculum again from its first level.
 *
 * <p>With a second stage ({@code --second-stage N@R}; n-grams' recipe has one) the first stage's files take
 * {@code .stage1} names ({@code model.stage1.zip}, {@code model.stage1.last.zip}, {@code model.stage1.jsonl}); then
 * its best model is loaded, with its updater state, and trained for N more sequences at the rate R on the data
 * seed + {@value Recipe.SecondStage#DATA_SEED_OFFSET} (fresh sequences and validation set) into {@code --out}'s
 * files: exactly what {@code --resume model.stage1.zip --lr R --data-seed D+1000 --max-sequences N} does. A last
 * checkpoint of the second stage is told apart by that data seed, so {@code --resume} of either stage's goes on
 * where it stopped.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an NTM (or an LSTM baseline) on a task and print its progress: a line and a "
                + "validation every 1000 sequences, the best model saved along the way with --out.", "",
                "Each task has a recipe, the settings that worked for it (below): train --task T alone trains with "
                        + "it, and an option given overrides that one setting.", ""})
public final class TrainCommand implements Callable<Integer> {
    /** The width of the copy tasks' vectors (the task defaults). */
    static final int BITS = 8;

    /** {@code --baseline}: a network other than the NTM, trained the same way. */
    enum Baseline {
        /** DL4J's 3-layer LSTM, the baseline of the NTM paper's comparisons. */
        LSTM;

        @Override
        public String toString() {
            return Cli.optionName(this);
        }
    }

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "copy", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TaskName taskName;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the weights, and of the training data "
            + "and the validation set unless --data-seed is given; any whole number (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-seed", paramLabel = "S", description = "Seed of the training data and the validation set "
            + "(from S + 1) alone (default: --seed).")
    Long dataSeed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the best model so far is saved.")
    String out;

    @Option(names = "--log", paramLabel = "FILE", description = "The training log, one JSON object per line and event "
            + "(default: beside --out, model.zip -> model.jsonl; none without --out). `curves` plots it.")
    Path log;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What the run goes on from: {@code --resume}, or the chosen start's last checkpoint; null for a new run. */
    private File continueFrom;

    /** The name the starts' files are made from: {@code --out}, or a temporary file. */
    private File startBest;

    @Option(names = "--max-length", paramLabel = "L", converter = Cli.PositiveInt.class,
            description = "The longest training sequence: copy and reversed-copy (default 5), dyck (default 40, even).")
    Integer maxLength;

    // ---- The recipe's settings: null unless given ----
    @Mixin
    RecipeOptions recipe;

    // ---- The rest ----
    @Option(names = "--validate-every", paramLabel = "N", converter = Cli.PositiveLong.class, defaultValue = "1000",
            description = "Sequences between validations (default: ${DEFAULT-VALUE}).")
    long validateEvery;

    @Option(names = "--validation-sequences", paramLabel = "N", converter = Cli.PositiveInt.class,
            defaultValue = "" + TrainingJob.VALIDATION_SEQUENCES,
            description = "Sequences in the validation set (from the data seed + 1) that picks the best model, a "
                    + "start and the second stage's checkpoint. More give a less noisy score, and each "
                    + "validation takes longer (default: ${DEFAULT-VALUE}).")
    int validationSequences;

    @Option(names = "--baseline", paramLabel = "lstm", description = "Train ${COMPLETION-CANDIDATES} instead of the NTM: DL4J's 3-layer "
            + "LSTM.")
    Baseline baseline;

    @Option(names = "--lstm-units", paramLabel = "U", converter = Cli.PositiveInt.class,
            description = "Units per layer of the LSTM baseline (default: " + Networks.LSTM_BASELINE_SIZE + ").")
    Integer lstmUnits;

    @Option(names = "--resume", paramLabel = "FILE", description = "Go on training a saved model, with its updater "
            + "state; --lr replaces its rate. A last checkpoint (model.last.zip) continues exactly where its run was, "
            + "given the same options; a best checkpoint (model.zip) starts counting again.")
    File resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", converter = Cli.PositiveLong.class,
            description = "Sequences between last checkpoints, written beside --out (model.zip -> model.last.zip) "
                    + "with everything --resume needs to continue exactly (default: --validate-every).")
    Long checkpointEvery;

    @Option(names = "--rollbacks", paramLabel = "K", defaultValue = "3",
            description = "Times a loss or parameters that are not finite send training back to the last checkpoint "
                    + "at half the learning rate, before it stops as diverged; 0 stops at the first (default: "
                    + "${DEFAULT-VALUE}).")
    int rollbacks;

    @Mixin
    ShapeOptions shapeOptions = new ShapeOptions();

    /**
     * Adds the table of every task's recipe to {@code train}'s help: the defaults of the options marked
     * "the task's recipe".
     */
    public static void describeRecipes(CommandLine train) {
        List<String> lines = new ArrayList<>(List.of("", "The recipes (docs/results.md has the runs behind them):"));
        for (TaskName t : TaskName.values()) {
            lines.add(String.format(Locale.ROOT, "  %s: %s.", t, t.evidence()));
            String sized = ShapeOptions.asOptions(t.shape());
            lines.addAll(wrap(t.recipe().asOptions() + (sized.isEmpty() ? "" : " " + sized), "      ", 79));
            if (t == TaskName.COPY) {
                // Copy's recipe depends on the longest sequence trained on.
                int longer = CopyTask.Params.lasagne().maxLength() + 1;
                lines.add(String.format(Locale.ROOT, "  %s --max-length %d or more: %s.", t, longer, t.evidence(longer)));
                lines.addAll(wrap(t.recipe(longer).asOptions(), "      ", 79));
            }
        }
        // picocli reads a footer as a format string: a literal % (as in "70% of sequences") must be doubled.
        train.getCommandSpec().usageMessage().footer(lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new));
    }

    /** {@code text} in lines of at most {@code width} characters, each starting with {@code indent}. */
    private static List<String> wrap(String text, String indent, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The task's recipe with the options given in place of its settings. */
    Recipe settings() {
        return recipe.settings(taskName, maxLength == null ? 0 : maxLength);
    }

    private static <T> T orElse(T given, T recipe) {
        return given != null ? given : recipe;
    }

    @Override
    public Integer call() {
        checkOptionsGoTogether();
        Recipe settings = settings();
        String name = taskName.toString();
        int length = maxLength == null ? 0 : maxLength;
        long firstDataSeed = dataSeed != null ? dataSeed : seed;
        Networks.Shape shape = shapeOptions.shape(taskName.shape());
        // The original arguments are the whole command line's: they name "train" unless train is the root.
        String command = "ntm4j " + (spec.root() == spec ? "train " : "")
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Path logFile = log != null ? log : out != null ? Path.of(out.replaceFirst("\\.zip$", "") + ".jsonl") : null;
        continueFrom = resume;
        // With several starts, the run is the chosen start's: its seeds, going on from its last checkpoint.
        int start = 0;
        if (settings.starts() != null) {
            start = resume != null ? resumedStart(settings.starts(), firstDataSeed)
                    : trainStarts(settings, length, firstDataSeed, shape, logFile, command);
            if (resume == null) {
                continueFrom = lastCheckpointFile(startFile(startBest, start).getPath());
                if (out != null) {
                    // The run's best model so far is the start's, until the run improves on it.
                    File runBest = settings.secondStage() != null ? stageOneFile(new File(out)) : new File(out);
                    try {
                        java.nio.file.Files.copy(startFile(startBest, start).toPath(), runBest.toPath(),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        throw new CommandFailure("could not write " + runBest + ": " + e.getMessage());
                    }
                }
            }
        }
        firstDataSeed += start;
        TrainingJob job = new TrainingJob(taskName, length, settings, seed + start, firstDataSeed, validateEvery,
                validationSequences);
        Recipe.SecondStage second = settings.secondStage();
        TrainingJob secondJob = job.secondStage();
        MultiLayerNetwork net;
        TrainerState state = null;
        if (continueFrom != null) {
            // The saved configuration (network, updater and its state) continues; --lr, if given, replaces its rate.
            state = ModelFiles.trainerState(continueFrom);
            net = ModelFiles.load(continueFrom, name, baseline == null, true);
            if (state == null) {
                System.out.println("resume=" + resume + " is a best checkpoint: its network and updater state go on,"
                        + " but the sequence count, the data stream, the best score"
                        + (job.recipe().curriculum() != null ? ", the curriculum level" : "")
                        + " and the rate drop start again (a last checkpoint, model.last.zip, continues exactly)");
            }
            if (recipe.lr != null) {
                net.setLearningRate(recipe.lr);
            }
        } else {
            net = baseline == null ? job.newNtm(shape) : job.newLstmBaseline(orElse(lstmUnits, Networks.LSTM_BASELINE_SIZE));
        }
        if (job.warmStartedFrom() != null) {
            System.out.println("init-from=" + job.warmStartedFrom());
        }
        // A last checkpoint of the second stage is told apart by its data stream, the second stage's own.
        boolean inSecondStage = state != null && secondJob != null && state.dataSeed() == secondJob.dataSeed();
        if (state != null && secondJob == null && state.dataSeed() == firstDataSeed + Recipe.SecondStage.DATA_SEED_OFFSET) {
            throw new UsageException(resume + " is the last checkpoint of a second stage (its data seed is "
                    + state.dataSeed() + ", this run's + " + Recipe.SecondStage.DATA_SEED_OFFSET + "); resume it with the"
                    + " --second-stage it was trained with, or give --data-seed " + state.dataSeed()
                    + " to go on with it as a run of its own");
        }
        if (!inSecondStage) {
            if (second != null) {
                // Said first, so that a quick check with --max-sequences is not surprised by the recipe's second stage.
                System.out.println("two stages: this one, then " + second.sequences() + " sequences at "
                        + Recipe.number(second.learningRate()) + " from its best model ("
                        + (recipe.secondStage == null ? "the " + name + " recipe's second stage" : "--second-stage")
                        + "); --second-stage off trains this one alone");
            }
            File firstBest = null;
            if (secondJob != null) {
                // The first stage's best model is where the second starts: kept beside --out, or for this run only.
                firstBest = out != null ? stageOneFile(new File(out)) : temporaryModelFile();
            }
            String resumeNote = resume != null ? "; --resume keeps the saved network, its updater and, unless --lr"
                    + " is given, its rate" : "";
            String firstOut = firstBest != null ? firstBest.toString() : out;
            TrainingEvents.Result first = trainStage(job, taskName.recipe(length), net, state, firstOut,
                    out != null ? lastCheckpointFile(firstOut) : null,
                    secondJob != null && logFile != null ? stageOneFile(logFile.toFile()).toPath() : logFile,
                    "the " + name + " recipe" + (secondJob != null ? "'s first stage" : "") + ", and the options given"
                            + resumeNote, command);
            if (secondJob == null || first.reason() == TrainingEvents.StopReason.DIVERGED) {
                return first.reason() == TrainingEvents.StopReason.DIVERGED ? 1 : 0;
            }
            File from = first.lastCheckpoint() != null ? new File(first.lastCheckpoint()) : firstBest;
            net = secondJob.startFrom(from, baseline == null);
            if (out == null) {
                from.delete();
            }
            state = null;
            System.out.println("second stage: from the first stage's best model" + (out != null ? " (" + from + ")" : "")
                    + ", " + second.sequences() + " sequences at " + Recipe.number(second.learningRate())
                    + " on fresh data (data seed " + secondJob.dataSeed() + ")");
        }
        TrainingEvents.Result result = trainStage(secondJob, null, net, state, out,
                out != null ? lastCheckpointFile(out) : null,
                logFile, "the second stage of the " + name + " recipe, and the options given", command);
        return result.reason() == TrainingEvents.StopReason.DIVERGED ? 1 : 0;
    }

    /**
     * Trains {@code net} as {@code job} says, continuing the run of {@code state} exactly if it is a last checkpoint's
     * state, saving the best model to {@code best} and a last checkpoint to {@code last} (either may be null), the
     * log to {@code logFile} (or none); {@code source} says where the settings printed came from, and the settings
     * name what they turn off of {@code taskRecipe} (null: printed as they are, for a second stage).
     */
    private TrainingEvents.Result trainStage(TrainingJob job, Recipe taskRecipe, MultiLayerNetwork net,
                                             TrainerState state, String best, File last, Path logFile, String source,
                                             String command) {
        String name = taskName.toString();
        TaskIterator train = job.data();
        String model = TrainingJob.describe(net, shapeOptions.shape(taskName.shape()));
        ConsoleProgress console = new ConsoleProgress();
        Trainer.Builder trainer = job.trainer().listener(console).rollbacks(rollbacks,
                Trainer.DEFAULT_ROLLBACK_RATE_FACTOR);
        if (best != null) {
            job.checkpointTo(trainer, best, command);
        }
        if (last != null) {
            trainer.lastCheckpoint(checkpointEvery != null ? checkpointEvery : validateEvery, (n, s) -> {
                ModelFiles.saveLast(n, name, command, s, last);
                return last.toString();
            });
        }
        Trainer.Resume exact = null;
        if (state != null) {
            try {
                trainer.build().checkResumable(state, train, job.dataSeed());
            } catch (IllegalArgumentException e) {
                throw new UsageException(continueFrom + ": " + e.getMessage());
            }
            exact = new Trainer.Resume(state, continueFrom.toString());
        }
        JsonLinesLog jsonLog = null;
        try {
            if (logFile != null) {
                jsonLog = new JsonLinesLog(logFile);
                trainer.listener(jsonLog);
            }
            // The header line first, then the settings line, as train has always printed them.
            trainer.listener(new TrainingListener() {
                @Override
                public void started(TrainingEvents.Start start) {
                    System.out.println("settings: " + (taskRecipe == null ? job.recipe().asOptions()
                            : job.recipe().asOptionsAgainst(taskRecipe)) + " (" + source + ")");
                }
            });
            TrainingEvents.Result result = trainer.build().train(net, train, job.task().name(), model, job.seed(),
                    job.dataSeed(), exact);
            if (result.reason() == TrainingEvents.StopReason.CHECKPOINT_FAILED) {
                throw new CommandFailure("could not write " + best + ": " + result.problem());
            }
            return result;
        } catch (IOException e) {
            throw new CommandFailure("could not write the log " + logFile + ": " + e.getMessage());
        } finally {
            if (jsonLog != null) {
                try {
                    jsonLog.close();
                } catch (IOException ignored) {
                    // every line was flushed as it was written
                }
            }
        }
    }

    /** Where a file of a recipe's first stage goes when it has a second: model.zip -> model.stage1.zip. */
    public static File stageOneFile(File file) {
        return withPart(file, "stage1");
    }

    /**
     * Where the checkpoint chosen on validation goes when {@code --average-from} makes the average the model: model.zip
     * -> model.checkpoint.zip.
     */
    public static File checkpointFile(File file) {
        return withPart(file, "checkpoint");
    }

    /** Where a file of start {@code i} (from 0) goes: model.zip -> model.start1.zip. */
    public static File startFile(File file, int i) {
        return withPart(file, "start" + (i + 1));
    }

    private static File withPart(File file, String part) {
        String name = file.getName();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return new File(file.getParentFile(), stem + "." + part + extension);
    }

    /**
     * Trains the recipe's starts one after another, start {@code i} from the weight seed and the data seed + i for the
     * starts' budget, into {@code model.startI.zip} beside {@code --out} (or temporary files) with a last checkpoint
     * each; a start whose last checkpoint has its whole budget is not trained again, and one stopped part way goes on
     * from it exactly. Returns the start with the best validation score (the first on a tie).
     */
    private int trainStarts(Recipe settings, int length, long firstDataSeed, Networks.Shape shape, Path logFile,
                            String command) {
        Recipe.Starts starts = settings.starts();
        Recipe one = settings.startRecipe();
        startBest = out != null ? new File(out) : temporaryModelFile();
        boolean bySharpness = starts.choice() == Recipe.Starts.Choice.SHARP_WRITE_HEAD;
        SequenceTask probe = bySharpness ? taskName.sharpnessProbe() : null;
        if (bySharpness) {
            System.out.println("at most " + starts.count() + " starts of " + one.maxSequences() + " sequences (weight"
                    + " and data seeds + 0 to + " + (starts.count() - 1) + ") until one that reached its validation"
                    + " target has a write head over "
                    + WriteHeadSharpness.OVER + " on " + WriteHeadSharpness.SHARP + " of the steps of "
                    + WriteHeadSharpness.SEQUENCES + " of the longest training sequences (seed " + WriteHeadSharpness.SEED
                    + "), else the sharpest; it goes on to the end of the recipe (--starts; --starts off trains one)");
        } else {
            System.out.println(starts.count() + " starts of " + one.maxSequences() + " sequences (weight and data seeds"
                    + " + 0 to + " + (starts.count() - 1) + "), then the one best on validation goes on to the end of the"
                    + " recipe (--starts; --starts off trains one)");
        }
        double[] best = new double[starts.count()];
        double[] sharpness = new double[starts.count()];
        boolean[] learned = new boolean[starts.count()];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(sharpness, -1);
        int trained = starts.count();
        for (int i = 0; i < starts.count(); i++) {
            File bestFile = startFile(startBest, i);
            File last = lastCheckpointFile(bestFile.getPath());
            if (out == null) {
                bestFile.deleteOnExit();
                last.deleteOnExit();
            }
            TrainerState done = last.isFile() ? ModelFiles.trainerState(last) : null;
            boolean ours = done != null && done.dataSeed() == firstDataSeed + i;
            if (ours && done.validationSequences() != validationSequences) {
                // Its best score is on another validation set: it cannot be ranked with the others.
                throw new UsageException("start " + (i + 1) + " (" + last + ") was validated on "
                        + done.validationSequences() + " sequences, not " + validationSequences
                        + ": give --validation-sequences " + done.validationSequences() + ", or another --out");
            }
            if (ours && done.sequences() >= one.maxSequences()) {
                System.out.println("start " + (i + 1) + " of " + starts.count() + ": trained before (" + last + ")");
            } else {
                TrainingJob job = new TrainingJob(taskName, length, one, seed + i, firstDataSeed + i, validateEvery,
                        validationSequences);
                MultiLayerNetwork net;
                File saved = continueFrom;
                if (ours) {
                    // Stopped part way: it goes on exactly from its last checkpoint.
                    System.out.println("start " + (i + 1) + " of " + starts.count() + ": goes on from " + last
                            + " at " + done.sequences() + " sequences");
                    net = ModelFiles.load(last, taskName.toString(), baseline == null, true);
                    continueFrom = last;
                } else {
                    done = null;
                    net = baseline == null ? job.newNtm(shape)
                            : job.newLstmBaseline(orElse(lstmUnits, Networks.LSTM_BASELINE_SIZE));
                    System.out.println("start " + (i + 1) + " of " + starts.count() + ": seed " + (seed + i)
                            + ", data seed " + (firstDataSeed + i));
                    if (job.warmStartedFrom() != null) {
                        System.out.println("init-from=" + job.warmStartedFrom());
                    }
                }
                TrainingEvents.Result r = trainStage(job, taskName.recipe(length), net, done, bestFile.toString(), last,
                        logFile != null ? startFile(logFile.toFile(), i).toPath() : null,
                        "start " + (i + 1) + " of the " + taskName + " recipe, and the options given", command);
                continueFrom = saved;
                if (r.reason() == TrainingEvents.StopReason.DIVERGED) {
                    best[i] = Double.POSITIVE_INFINITY;
                    continue;
                }
                done = ModelFiles.trainerState(last);
            }
            best[i] = done.best();
            // With no target (--target-bit-errors off) every start counts as having learned.
            learned[i] = one.targetBitErrors() == Double.NEGATIVE_INFINITY
                    || done.bestBitErrors() <= one.targetBitErrors();
            if (bySharpness) {
                sharpness[i] = WriteHeadSharpness.of(ModelFiles.load(bestFile, taskName.toString()), probe);
                System.out.println(String.format(java.util.Locale.ROOT, "start %d of at most %d: write head over %s"
                        + " on %.4f of steps%s", i + 1, starts.count(), WriteHeadSharpness.OVER, sharpness[i],
                        learned[i] ? "" : "; it did not reach the validation target, so it is not kept for that"));
                if (learned[i] && sharpness[i] >= WriteHeadSharpness.SHARP) {
                    trained = i + 1;
                    break;
                }
            }
        }
        int chosen = bySharpness ? chooseBySharpness(sharpness, best, learned, trained) : chooseByValidation(best);
        if (best[chosen] == Double.POSITIVE_INFINITY) {
            throw new CommandFailure("every one of the " + starts.count() + " starts diverged");
        }
        StringBuilder scores = new StringBuilder();
        for (int i = 0; i < trained; i++) {
            scores.append(i == 0 ? "" : ", ").append(i + 1).append(": ").append(String.format(java.util.Locale.ROOT,
                    "%.3f", bySharpness ? sharpness[i] : best[i]));
        }
        String why = !bySharpness ? "is best on validation by " + settings.selectBy()
                : learned[chosen] && sharpness[chosen] >= WriteHeadSharpness.SHARP
                ? "is the first to reach the validation target with a sharp write head"
                : "is the sharpest; none that reached the validation target was at " + WriteHeadSharpness.SHARP;
        System.out.println("start " + (chosen + 1) + " (seed " + (seed + chosen) + ", data seed " + (firstDataSeed
                + chosen) + ") " + why + " (" + scores + "); it goes on from "
                + lastCheckpointFile(startFile(startBest, chosen).getPath()));
        return chosen;
    }

    /** The start with the best validation score, the first on a tie. */
    static int chooseByValidation(double[] best) {
        int chosen = 0;
        for (int i = 1; i < best.length; i++) {
            if (best[i] < best[chosen]) {
                chosen = i;
            }
        }
        return chosen;
    }

    /**
     * Of the first {@code trained} starts, the first that reached the validation target ({@code learned}) with a
     * write head at {@link WriteHeadSharpness#SHARP} or more; else the sharpest of those that reached it, else the
     * sharpest; a tie goes to the better validation score, then to the first. A diverged start (best score infinite)
     * is chosen only if every start diverged. A start that never learned the training range can have a sharp write
     * head (a weighting stuck on one row), so sharpness alone does not keep it.
     */
    static int chooseBySharpness(double[] sharpness, double[] best, boolean[] learned, int trained) {
        for (int i = 0; i < trained; i++) {
            if (learned[i] && sharpness[i] >= WriteHeadSharpness.SHARP && best[i] != Double.POSITIVE_INFINITY) {
                return i;
            }
        }
        int chosen = 0;
        for (int i = 1; i < trained; i++) {
            if (rank(i, chosen, sharpness, best, learned) > 0) {
                chosen = i;
            }
        }
        return chosen;
    }

    /** Positive if start {@code a} is to be kept before start {@code b}: trained, learned, sharper, better. */
    private static int rank(int a, int b, double[] sharpness, double[] best, boolean[] learned) {
        boolean aTrained = best[a] != Double.POSITIVE_INFINITY;
        boolean bTrained = best[b] != Double.POSITIVE_INFINITY;
        if (aTrained != bTrained) {
            return aTrained ? 1 : -1;
        }
        if (learned[a] != learned[b]) {
            return learned[a] ? 1 : -1;
        }
        if (sharpness[a] != sharpness[b]) {
            return sharpness[a] > sharpness[b] ? 1 : -1;
        }
        return Double.compare(best[b], best[a]);
    }

    /**
     * Which start a last checkpoint continues, from its data seed (the run's + i, or + i + the second stage's offset).
     *
     * @throws UsageException for a best checkpoint, or one of no start of this command
     */
    private int resumedStart(Recipe.Starts starts, long firstDataSeed) {
        TrainerState state = ModelFiles.trainerState(resume);
        if (state == null) {
            throw new UsageException(resume + " is a best checkpoint; with --starts, --resume takes a last checkpoint"
                    + " (model.stage1.last.zip, model.last.zip or model.startI.last.zip), whose data seed says which"
                    + " start it continues; give --starts off to go on from a best checkpoint as a run of its own");
        }
        long d = state.dataSeed() - firstDataSeed;
        if (d >= Recipe.SecondStage.DATA_SEED_OFFSET) {
            d -= Recipe.SecondStage.DATA_SEED_OFFSET;
        }
        if (d < 0 || d >= starts.count()) {
            throw new UsageException(resume + " was trained on data seed " + state.dataSeed() + ", which is none of"
                    + " this command's " + starts.count() + " starts (data seeds " + firstDataSeed + " to "
                    + (firstDataSeed + starts.count() - 1) + ", + " + Recipe.SecondStage.DATA_SEED_OFFSET
                    + " in a second stage); give the --seed and --data-seed it was trained with");
        }
        return (int) d;
    }

    /** A file for the first stage's best model when {@code --out} is not given, deleted when the JVM exits. */
    private static File temporaryModelFile() {
        try {
            File f = File.createTempFile("ntm4j-stage1-", ".zip");
            f.deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new CommandFailure("could not create a temporary file for the first stage's best model: "
                    + e.getMessage());
        }
    }

    /** Where the last checkpoint of {@code --out} goes: model.zip -> model.last.zip. */
    static File lastCheckpointFile(String out) {
        return new File(out.endsWith(".zip") ? out.substring(0, out.length() - 4) + ".last.zip" : out + ".last.zip");
    }

    /** {@code --baseline} and {@code --lstm-units} against the NTM's options, for {@code train} and {@code sweep}. */
    static void checkBaselineOptions(Baseline baseline, Integer lstmUnits, RecipeOptions recipe) {
        if ((recipe.keyActivation != null || recipe.addActivation != null) && baseline != null) {
            throw new UsageException("--key-activation and --add-activation configure the NTM; they do not go with --baseline");
        }
        if (lstmUnits != null && baseline == null) {
            throw new UsageException("--lstm-units sizes the LSTM baseline; it needs --baseline lstm");
        }
        if (recipe.initFromGiven() && baseline != null) {
            throw new UsageException("--init-from starts a new NTM from another task's model; it does not go with "
                    + "--baseline");
        }
    }

    /** Options that parse but do not go together: a usage error naming them. */
    private void checkOptionsGoTogether() {
        recipe.checkOptionsGoTogether();
        checkBaselineOptions(baseline, lstmUnits, recipe);
        if (checkpointEvery != null && out == null) {
            throw new UsageException("--checkpoint-every writes the last checkpoint beside --out; it needs --out");
        }
        if (rollbacks < 0) {
            throw new UsageException("--rollbacks must be 0 or more, got " + rollbacks);
        }
        if ((recipe.keyActivation != null || recipe.addActivation != null) && resume != null) {
            throw new UsageException("--key-activation and --add-activation shape a new NTM; --resume keeps the saved one's");
        }
        if (recipe.initFromGiven() && (resume != null || baseline != null)) {
            throw new UsageException("--init-from starts a new NTM from another task's model; it does not go with "
                    + (resume != null ? "--resume" : "--baseline"));
        }
        String given = shapeOptions.firstGiven();
        if (given != null && (baseline != null || resume != null)) {
            throw new UsageException(given + " sizes a new NTM; it does not go with "
                    + (resume != null ? "--resume (the saved network keeps its size)" : "--baseline"));
        }
        String warmStart = settings().initFrom();
        String againstWarmStart = shapeOptions.firstGivenAgainstWarmStart();
        if (againstWarmStart != null && warmStart != null) {
            throw new UsageException(againstWarmStart + " sizes a new NTM; it does not go with --init-from (which maps "
                    + "weights onto the task's size; only --read-heads and --write-heads may be given: the model's "
                    + "write heads, and as many read heads or more)" + (recipe.initFromGiven() ? ""
                    : ": the " + taskName + " recipe starts from " + warmStart + "; give --init-from off to train a "
                    + "new NTM of another size from fresh weights"));
        }
    }

}
