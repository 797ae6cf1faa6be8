package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Selection;
import io.github.ntm4j.layer.NtmActivation;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * How {@code train} trains a task unless an option says otherwise: the settings that worked for it
 * ({@link TaskName} holds one per task, with its evidence).
 *
 * @param updater         {@code --updater}
 * @param learningRate    {@code --lr}
 * @param batch           {@code --batch}: sequences per minibatch
 * @param controller      {@code --controller}
 * @param keyActivation   {@code --key-activation}
 * @param addActivation   {@code --add-activation}
 * @param lrDrop          {@code --lr-drop}: the factor the learning rate is multiplied by when the target is first
 *                        reached, training then going on to the end of the budget; null: training stops there
 * @param curriculum      {@code --curriculum}: the validation bit errors under which the curriculum advances; null:
 *                        none
 * @param targetBitErrors {@code --target-bit-errors}: validation bit errors per sequence that count as learned;
 *                        negative infinity: off
 * @param maxSequences    {@code --max-sequences}: the budget in sequences; {@link Long#MAX_VALUE}: none
 * @param minutes         {@code --minutes}: the budget in time, a cap for a slow machine
 * @param clipGlobalNorm  {@code --clip-global-norm}: the largest global L2 norm of a gradient
 *                        ({@link io.github.ntm4j.layer.updater.GlobalNormClipping}), applied before the element-wise
 *                        clipping every network has; null: none
 * @param selectBy        {@code --select-by}: which validation score picks the best model, the one saved and
 *                        evaluated
 * @param secondStage     {@code --second-stage}: training on from the first stage's best model at another rate, on
 *                        fresh data; null: none
 * @param initFrom        {@code --init-from}: a new NTM starts from the weights of this model of a related task, a
 *                        shipped model's name ({@code copy-1-5}) or a model file, channels matched by meaning
 *                        ({@link WarmStart}); null: from fresh weights
 * @param starts          {@code --starts}: several starts of the first stage, the one best on validation going on;
 *                        null: one start
 * @param averageFrom     {@code --average-from}: the last stage's parameters averaged over its validations from this
 *                        many sequences on, and the average is the model the recipe gives; null: the checkpoint
 *                        chosen on validation is
 *
 * <p>Serializable: a sweep ships one to each of its runs.
 */
public record Recipe(Updater updater, double learningRate, int batch, Controller controller,
                     NtmActivation keyActivation, NtmActivation addActivation, Double lrDrop, Double curriculum,
                     double targetBitErrors, long maxSequences, double minutes, Double clipGlobalNorm,
                     Selection selectBy, SecondStage secondStage, String initFrom, Starts starts, Long averageFrom)
        implements Serializable {

    /** Training stops at this many validation bit errors per sequence unless a recipe says otherwise. */
    public static final double TARGET_BIT_ERRORS = 0.01;

    public Recipe {
        java.util.Objects.requireNonNull(selectBy, "selectBy");
        if (averageFrom != null && averageFrom < 1) {
            throw new IllegalArgumentException("averaging starts after 1 sequence or more, got " + averageFrom);
        }
    }

    /** A recipe with every setting but averaging. */
    public Recipe(Updater updater, double learningRate, int batch, Controller controller, NtmActivation keyActivation,
                  NtmActivation addActivation, Double lrDrop, Double curriculum, double targetBitErrors,
                  long maxSequences, double minutes, Double clipGlobalNorm, Selection selectBy, SecondStage secondStage,
                  String initFrom, Starts starts) {
        this(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, initFrom, starts, null);
    }

    /** This recipe with the last stage's parameters averaged from {@code sequences} on (null: none). */
    Recipe withAverageFrom(Long sequences) {
        return new Recipe(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, initFrom, starts,
                sequences);
    }

    /** Whether this recipe, as the last stage it describes (no second stage after it), averages its parameters. */
    public boolean averagesThisStage() {
        return averageFrom != null && secondStage == null;
    }

    /**
     * What a recipe does after its first stage (its budget, or its target): from that stage's best checkpoint (the
     * network and its updater state), {@code sequences} more at {@code learningRate}, on a fresh data stream (the
     * data seed + {@value #DATA_SEED_OFFSET}) and the validation set drawn from it, the best model by validation
     * kept. As {@code train --resume BEST --lr R --data-seed D+1000 --max-sequences N} would.
     *
     * @param sequences    the second stage's budget in sequences
     * @param learningRate its learning rate
     */
    public record SecondStage(long sequences, double learningRate) implements Serializable {
        /** The second stage's data seed is the first's plus this: fresh sequences and a fresh validation set. */
        public static final long DATA_SEED_OFFSET = 1000;

        public SecondStage {
            if (sequences <= 0 || !(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("a second stage needs a number of sequences and a learning rate"
                        + " above 0, got " + sequences + " sequences at " + learningRate);
            }
        }

        /**
         * {@code 50000@1e-5}: 50,000 sequences at a rate of 1e-5.
         *
         * @throws IllegalArgumentException naming the expected form
         */
        public static SecondStage parse(String value) {
            String[] parts = value.split("@", -1);
            try {
                if (parts.length == 2) {
                    return new SecondStage(Long.parseLong(parts[0].trim()), Double.parseDouble(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("expected SEQUENCES@RATE, e.g. 50000@1e-5 (50,000 sequences at 1e-5),"
                    + " or off; got '" + value + "'");
        }

        /** {@code 50000@0.00001}: as {@link #parse} reads it. */
        @Override
        public String toString() {
            return sequences + "@" + number(learningRate);
        }
    }

    /**
     * How a recipe starts when one start in a few gets stuck, or when only some starts find the way that generalises:
     * {@code count} starts, start {@code i} (from 0) with the weight seed and the data seed of the run + {@code i},
     * each trained as the first stage for {@code sequences}. Then, by {@link #choice}: the one with the best
     * validation score (the lower seed on a tie) goes on from its last checkpoint to the end of the recipe, exactly
     * as a run of its seeds never stopped; or the starts stop at the first whose write head is sharp
     * ({@link WriteHeadSharpness}), the sharpest of them all if none is. The run's model is that start's.
     *
     * @param count     starts, 2 or more; with {@link Choice#SHARP_WRITE_HEAD}, the most
     * @param sequences each start's budget in sequences
     * @param choice    which start the run goes on with
     */
    public record Starts(int count, long sequences, Choice choice) implements Serializable {

        /** Which start a run of several goes on with. */
        public enum Choice {
            /** Every start trained, the best on validation chosen. */
            VALIDATION,
            /**
             * Starts trained one after another until one's write head is sharp on the task's longest training
             * sequences ({@link WriteHeadSharpness#SHARP}); if none is, the sharpest (a tie: the best on
             * validation, then the lower seed).
             */
            SHARP_WRITE_HEAD
        }

        public Starts {
            if (count < 2 || sequences <= 0) {
                throw new IllegalArgumentException("several starts need a count of 2 or more and a budget above 0, got "
                        + count + " starts of " + sequences + " sequences");
            }
            java.util.Objects.requireNonNull(choice, "choice");
        }

        /** {@code count} starts of {@code sequences}, the best on validation chosen. */
        public Starts(int count, long sequences) {
            this(count, sequences, Choice.VALIDATION);
        }

        /**
         * {@code 3@40000}: three starts of 40,000 sequences, the best on validation chosen; {@code 30@30000:sharp}: at
         * most thirty, until one's write head is sharp.
         *
         * @throws IllegalArgumentException naming the expected form
         */
        public static Starts parse(String value) {
            String text = value.trim();
            Choice choice = Choice.VALIDATION;
            if (text.toLowerCase(java.util.Locale.ROOT).endsWith(":sharp")) {
                choice = Choice.SHARP_WRITE_HEAD;
                text = text.substring(0, text.length() - ":sharp".length());
            }
            String[] parts = text.split("@", -1);
            try {
                if (parts.length == 2) {
                    return new Starts(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()), choice);
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("expected COUNT@SEQUENCES, e.g. 3@40000 (three starts of 40,000 "
                    + "sequences, the best going on), or COUNT@SEQUENCES:sharp, e.g. 30@30000:sharp (at most thirty, "
                    + "until one's write head is sharp), or off; got '" + value + "'");
        }

        /** {@code 3@40000} or {@code 30@30000:sharp}: as {@link #parse} reads it. */
        @Override
        public String toString() {
            return count + "@" + sequences + (choice == Choice.SHARP_WRITE_HEAD ? ":sharp" : "");
        }
    }

    /** A recipe with every setting but several starts. */
    public Recipe(Updater updater, double learningRate, int batch, Controller controller, NtmActivation keyActivation,
                  NtmActivation addActivation, Double lrDrop, Double curriculum, double targetBitErrors,
                  long maxSequences, double minutes, Double clipGlobalNorm, Selection selectBy, SecondStage secondStage,
                  String initFrom) {
        this(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, initFrom, null);
    }

    /**
     * The recipe of one start, if this one has several, else null: the first stage alone (no second stage, one
     * start) for the starts' budget, or the first stage's if that is smaller (a quick check with a small
     * {@code --max-sequences} stays quick).
     */
    public Recipe startRecipe() {
        return starts == null ? null : new Recipe(updater, learningRate, batch, controller, keyActivation,
                addActivation, lrDrop, curriculum, targetBitErrors, Math.min(starts.sequences(), maxSequences), minutes,
                clipGlobalNorm, selectBy, null, initFrom, null);
    }

    /** A recipe with every setting but a warm start. */
    public Recipe(Updater updater, double learningRate, int batch, Controller controller, NtmActivation keyActivation,
                  NtmActivation addActivation, Double lrDrop, Double curriculum, double targetBitErrors,
                  long maxSequences, double minutes, Double clipGlobalNorm, Selection selectBy, SecondStage secondStage) {
        this(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, null);
    }

    /**
     * A recipe with every setting but a second stage and a warm start.
     */
    public Recipe(Updater updater, double learningRate, int batch, Controller controller, NtmActivation keyActivation,
                  NtmActivation addActivation, Double lrDrop, Double curriculum, double targetBitErrors,
                  long maxSequences, double minutes, Double clipGlobalNorm, Selection selectBy) {
        this(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, selectBy, null, null);
    }

    /**
     * The recipe of the second stage, if this one has one, else null: the same settings at the second stage's rate
     * for its sequences, no further stage, no warm start (it starts from the first stage's best model) and one start.
     */
    public Recipe secondStageRecipe() {
        return secondStage == null ? null : new Recipe(updater, secondStage.learningRate(), batch, controller,
                keyActivation, addActivation, lrDrop, curriculum, targetBitErrors, secondStage.sequences(), minutes,
                clipGlobalNorm, selectBy, null, null, null, averageFrom);
    }

    /** A recipe that picks its best model by the validation bit errors. */
    public Recipe(Updater updater, double learningRate, int batch, Controller controller, NtmActivation keyActivation,
                  NtmActivation addActivation, Double lrDrop, Double curriculum, double targetBitErrors,
                  long maxSequences, double minutes, Double clipGlobalNorm) {
        this(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, Selection.BIT_ERRORS);
    }

    /** A recipe without global-norm clipping that picks its best model by the validation bit errors. */
    public Recipe(Updater updater, double learningRate, int batch, Controller controller, NtmActivation keyActivation,
                  NtmActivation addActivation, Double lrDrop, Double curriculum, double targetBitErrors,
                  long maxSequences, double minutes) {
        this(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, null);
    }

    /**
     * Graves' RMSprop with momentum at 1e-4, one sequence at a time, a feed-forward controller, tanh keys and
     * add vectors: the NTM paper's and NTM-Lasagne's way of training copy (docs/results.md), stopping at the
     * target, within {@code maxSequences} or {@code minutes}.
     */
    static Recipe gravesOneAtATime(long maxSequences, double minutes) {
        return new Recipe(Updater.GRAVES, 1e-4, 1, Controller.FF, NtmActivation.TANH, NtmActivation.TANH, null, null,
                TARGET_BIT_ERRORS, maxSequences, minutes);
    }

    /** This recipe with other key and add activations. */
    Recipe withActivations(NtmActivation keys, NtmActivation adds) {
        return new Recipe(updater, learningRate, batch, controller, keys, adds, lrDrop, curriculum, targetBitErrors,
                maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, initFrom, starts, averageFrom);
    }

    /** This recipe, multiplying the learning rate by {@code factor} at the target and training on. */
    Recipe withLrDrop(double factor) {
        return new Recipe(updater, learningRate, batch, controller, keyActivation, addActivation, factor, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, initFrom, starts, averageFrom);
    }

    /** This recipe from fresh weights: without its {@link #initFrom}. */
    Recipe withoutWarmStart() {
        return new Recipe(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                targetBitErrors, maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, null, starts, averageFrom);
    }

    /** This recipe without a target: it trains for its whole budget. */
    Recipe withoutTarget() {
        return new Recipe(updater, learningRate, batch, controller, keyActivation, addActivation, lrDrop, curriculum,
                Double.NEGATIVE_INFINITY, maxSequences, minutes, clipGlobalNorm, selectBy, secondStage, initFrom, starts, averageFrom);
    }

    /** The recipe as {@code train}'s options, e.g. {@code --updater graves --lr 0.0001 --batch 1 ...}. */
    public String asOptions() {
        StringBuilder s = new StringBuilder("--updater " + updater + " --lr " + number(learningRate) + " --batch " + batch
                + " --controller " + controller + " --key-activation " + Cli.optionName(keyActivation)
                + " --add-activation " + Cli.optionName(addActivation));
        s.append(" --lr-drop ").append(lrDrop == null ? "off" : number(lrDrop));
        if (curriculum != null) {
            s.append(" --curriculum ").append(number(curriculum));
        }
        s.append(" --target-bit-errors ")
                .append(targetBitErrors == Double.NEGATIVE_INFINITY ? "off" : number(targetBitErrors));
        if (maxSequences != Long.MAX_VALUE) {
            s.append(" --max-sequences ").append(maxSequences);
        }
        s.append(" --minutes ").append(number(minutes));
        // Only when set: a sweep's directory is named by these options, and older sweeps had no such setting.
        if (clipGlobalNorm != null) {
            s.append(" --clip-global-norm ").append(number(clipGlobalNorm));
        }
        if (selectBy != Selection.BIT_ERRORS) {
            s.append(" --select-by ").append(selectBy);
        }
        if (secondStage != null) {
            s.append(" --second-stage ").append(secondStage);
        }
        if (initFrom != null) {
            s.append(" --init-from ").append(initFrom);
        }
        if (starts != null) {
            s.append(" --starts ").append(starts);
        }
        if (averageFrom != null) {
            s.append(" --average-from ").append(averageFrom);
        }
        return s.toString();
    }

    /**
     * {@link #asOptions}, and {@code off} for each setting {@code taskDefault} has that this recipe has not (a
     * curriculum, a budget in sequences, a second stage, a warm start, several starts), so that the line, given back to {@code train},
     * makes this recipe and not the task's. {@link #asOptions} leaves them out: it names a sweep's directory.
     */
    public String asOptionsAgainst(Recipe taskDefault) {
        StringBuilder s = new StringBuilder(asOptions());
        if (taskDefault.curriculum() != null && curriculum == null) {
            s.append(" --curriculum off");
        }
        if (taskDefault.maxSequences() != Long.MAX_VALUE && maxSequences == Long.MAX_VALUE) {
            s.append(" --max-sequences off");
        }
        if (taskDefault.secondStage() != null && secondStage == null) {
            s.append(" --second-stage off");
        }
        if (taskDefault.initFrom() != null && initFrom == null) {
            s.append(" --init-from off");
        }
        if (taskDefault.starts() != null && starts == null) {
            s.append(" --starts off");
        }
        if (taskDefault.averageFrom() != null && averageFrom == null) {
            s.append(" --average-from off");
        }
        return s.toString();
    }

    /** 0.0001, 10, 0.1: a setting as one would type it. */
    static String number(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
