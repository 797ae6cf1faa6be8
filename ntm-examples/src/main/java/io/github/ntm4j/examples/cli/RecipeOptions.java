package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Selection;
import io.github.ntm4j.layer.NtmActivation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Iterator;

/**
 * The options that override one setting of a task's {@link Recipe} ({@code train}, {@code sweep}): each is null
 * unless given, and {@link #settings} puts the given ones in place of the recipe's. A picocli mixin.
 */
public final class RecipeOptions {
    /** The command-line names of the activations, for the help. */
    static final class ActivationNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(NtmActivation.values()).map(Cli::optionName).iterator();
        }
    }

    private static final String RECIPE = "(default: the task's recipe)";

    @Option(names = "--updater", paramLabel = "UPDATER", description = "${COMPLETION-CANDIDATES}; graves: Graves' RMSprop with momentum, "
            + "the NTM paper's " + RECIPE + ".")
    Updater updater;

    @Option(names = "--lr", paramLabel = "R", converter = Cli.PositiveDouble.class,
            description = "Learning rate, above 0 " + RECIPE + ".")
    Double lr;

    @Option(names = "--batch", paramLabel = "B", converter = Cli.PositiveInt.class,
            description = "Sequences per minibatch " + RECIPE + ".")
    Integer batch;

    @Option(names = "--controller", paramLabel = "ff|lstm", description = "${COMPLETION-CANDIDATES} " + RECIPE + ".")
    Controller controller;

    @Option(names = "--key-activation", paramLabel = "A", completionCandidates = ActivationNames.class,
            description = "Of the heads' keys: ${COMPLETION-CANDIDATES} " + RECIPE + ".")
    NtmActivation keyActivation;

    @Option(names = "--add-activation", paramLabel = "A", completionCandidates = ActivationNames.class,
            description = "Of the add vectors: ${COMPLETION-CANDIDATES} " + RECIPE + ".")
    NtmActivation addActivation;

    @Option(names = "--lr-drop", paramLabel = "F|off", converter = Cli.FractionOrOff.class,
            description = "At the target, multiply the learning rate by F, in (0, 1], and train on to the end of the "
                    + "budget; off: stop at the target " + RECIPE + ".")
    Double lrDrop;

    @Option(names = "--curriculum", paramLabel = "E|off", converter = Cli.PositiveOrOff.class,
            description = "Grow the task by one step each time the validation bit errors per sequence fall under "
                    + "E: repeat-copy from one repeat, priority-sort from 5 inputs (emitting 4) " + RECIPE + ".")
    Double curriculumThreshold;

    @Option(names = "--target-bit-errors", paramLabel = "E|off", converter = Cli.NonNegativeOrOff.class,
            description = "Validation bit errors per sequence that count as learned " + RECIPE + ".")
    Double targetBitErrors;

    @Option(names = "--max-sequences", paramLabel = "N|off", converter = Cli.PositiveLongOrOff.class,
            description = "Budget in sequences; off: none, the budget in time alone " + RECIPE + ".")
    Long maxSequences;

    @Option(names = "--minutes", paramLabel = "M", converter = Cli.PositiveDouble.class,
            description = "Budget in time, a cap for a slow machine " + RECIPE + ".")
    Double minutes;

    @Option(names = "--clip-global-norm", paramLabel = "C|off", converter = Cli.PositiveOrOff.class,
            description = "Scale each gradient to a global L2 norm of at most C (of the minibatch's mean loss), "
                    + "before the element-wise clipping at 10; Collier & Beel's NTM and DeepMind's DNC clip at 50 "
                    + RECIPE + ".")
    Double clipGlobalNorm;

    @Option(names = "--select-by", paramLabel = "bit-errors|cost", converter = SelectionConverter.class,
            description = "Which validation score picks the best model, the one saved and evaluated: bit-errors, or"
                    + " cost (bits per sequence; for n-grams, whose bit errors barely move) " + RECIPE + ".")
    Selection selectBy;

    @Option(names = "--second-stage", paramLabel = "N@R|off",
            description = "After the budget (or the target), train on from the best model for N more sequences at "
                    + "the rate R, on fresh data (data seed + " + Recipe.SecondStage.DATA_SEED_OFFSET + "), e.g. "
                    + "50000@1e-5; --out then holds the second stage's best model and model.stage1.zip the first's "
                    + RECIPE + ".")
    String secondStage;

    @Option(names = "--init-from", paramLabel = "FILE|NAME|off",
            description = "Start a new NTM from the weights of a model of a related task (copy, reversed-copy, "
                    + "repeat-copy, priority-sort), channels matched by meaning: a model file, or a shipped model's "
                    + "name (copy-1-5); off: from fresh weights " + RECIPE + ". With --read-heads, the new NTM may "
                    + "have more read heads than the model; they start with no weight on what it computes. Its write "
                    + "heads are the model's: give --write-heads where the task's recipe has other counts (priority "
                    + "sort's 2 + 2 from a copy model: --read-heads 1 --write-heads 1).")
    String initFrom;

    @Option(names = "--starts", paramLabel = "K@N[:sharp]|off",
            description = "K starts of the first stage, N sequences each (start i with the weight and data seeds + i),"
                    + " then the one best on validation goes on from its last checkpoint, exactly as if never stopped;"
                    + " e.g. 3@40000. With :sharp (repeat-copy), the starts stop at the first whose write head is over"
                    + " 0.9 on 0.95 of the steps of 200 of the longest training sequences, else the sharpest goes on;"
                    + " e.g. 30@30000:sharp. train only; their files are model.start1.zip ... beside --out " + RECIPE + ".")
    String starts;

    @Option(names = "--average-from", paramLabel = "N|off", converter = Cli.PositiveLongOrOff.class,
            description = "Average the last stage's parameters (the second stage's, if there is one) over its "
                    + "validations from N sequences into it on (Polyak averaging); at the end the average is validated "
                    + "and becomes the model (--out), the checkpoint chosen on validation kept beside it (model.zip -> "
                    + "model.checkpoint.zip). A last checkpoint written after averaging began cannot be resumed; "
                    + "off: the chosen checkpoint is the model " + RECIPE + ".")
    Long averageFrom;

    /** {@code --starts} as given: the starts, null for off, or the recipe's if not given. */
    private Recipe.Starts starts(Recipe r) {
        if (starts == null) {
            return r.starts();
        }
        if (starts.trim().equalsIgnoreCase("off")) {
            return null;
        }
        try {
            return Recipe.Starts.parse(starts);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--starts: " + e.getMessage());
        }
    }

    /** Whether {@code --starts} was given on the command line (a count, or off). */
    boolean startsGiven() {
        return starts != null;
    }

    /** {@code --init-from} as given: a model, null for off, or the recipe's if not given. */
    private String initFrom(Recipe r) {
        if (initFrom == null) {
            return r.initFrom();
        }
        return initFrom.trim().equalsIgnoreCase("off") ? null : initFrom;
    }

    /** Whether {@code --init-from} names a model on the command line (not off, not the recipe's). */
    boolean initFromGiven() {
        return initFrom != null && !initFrom.trim().equalsIgnoreCase("off");
    }

    /** {@code --second-stage} as given: the second stage, null for off, or the recipe's if not given. */
    private Recipe.SecondStage secondStage(Recipe r) {
        if (secondStage == null) {
            return r.secondStage();
        }
        if (secondStage.trim().equalsIgnoreCase("off")) {
            return null;
        }
        try {
            return Recipe.SecondStage.parse(secondStage);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--second-stage: " + e.getMessage());
        }
    }

    /** {@code --select-by}'s names, and a usage error naming the choices for any other. */
    static final class SelectionConverter implements ITypeConverter<Selection> {
        @Override
        public Selection convert(String value) {
            try {
                return Selection.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * The recipe of {@code task} for sequences up to {@code maxLength} (0: the task's default) with the options
     * given in place of its settings.
     */
    public Recipe settings(TaskName task, int maxLength) {
        Recipe r = task.recipe(maxLength);
        boolean noTarget = targetBitErrors != null && targetBitErrors == Double.NEGATIVE_INFINITY;
        // Off given for the target: a learning-rate drop, which acts at the target, cannot act.
        Double drop = lrDrop != null ? (Cli.isOff(lrDrop) ? null : lrDrop) : noTarget ? null : r.lrDrop();
        return new Recipe(orElse(updater, r.updater()), orElse(lr, r.learningRate()), orElse(batch, r.batch()),
                orElse(controller, r.controller()), orElse(keyActivation, r.keyActivation()),
                orElse(addActivation, r.addActivation()), drop,
                curriculumThreshold != null ? (Cli.isOff(curriculumThreshold) ? null : curriculumThreshold) : r.curriculum(),
                orElse(targetBitErrors, r.targetBitErrors()), orElse(maxSequences, r.maxSequences()), orElse(minutes, r.minutes()),
                clipGlobalNorm != null ? (Cli.isOff(clipGlobalNorm) ? null : clipGlobalNorm) : r.clipGlobalNorm(),
                orElse(selectBy, r.selectBy()), secondStage(r), initFrom(r), starts(r),
                averageFrom != null ? (averageFrom == Long.MAX_VALUE ? null : averageFrom) : r.averageFrom());
    }

    /** Options that parse but do not go together: a usage error naming them. */
    void checkOptionsGoTogether() {
        if (lrDrop != null && !Cli.isOff(lrDrop) && targetBitErrors != null && targetBitErrors == Double.NEGATIVE_INFINITY) {
            throw new UsageException("--lr-drop acts when the target is reached; it does not go with --target-bit-errors off");
        }
    }

    private static <T> T orElse(T given, T recipe) {
        return given != null ? given : recipe;
    }
}
