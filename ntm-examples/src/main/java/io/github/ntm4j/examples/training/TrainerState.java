package io.github.ntm4j.examples.training;

import io.github.ntm4j.tasks.TaskIterator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything besides the network (parameters, updater state, learning rate and iteration count, which
 * the model file holds) that a {@link Trainer} needs to continue a run exactly from a last checkpoint.
 * Written as flat strings into the model file's metadata ({@link #toMetadata()}), every double in
 * Java's round-trip form, so that reading it back gives the same bits.
 *
 * @param minibatches         minibatches trained
 * @param sequences           sequences trained
 * @param nextValidation      the sequence count at which the next validation happens
 * @param nextLastCheckpoint  the sequence count at which the next last checkpoint is written
 * @param lossSum             the sum of the training losses since the last validation (for its mean)
 * @param lossCount           how many losses that sum holds
 * @param bitErrors           the last validation's bit errors per sequence (NaN before the first)
 * @param cost                the last validation's cost per sequence in bits (NaN before the first)
 * @param selection           the score that ranks the validations
 * @param best                the best validation score by {@code selection} on the current validation set (∞ before
 *                            the first)
 * @param bestBitErrors       the bit errors of that best validation (NaN before the first)
 * @param bestCost            its cost (NaN before the first)
 * @param validationCurrent   whether the validation set is the current task's (false before the first
 *                            validation and after the curriculum advanced: the next validation draws it)
 * @param dropped             whether the learning rate was dropped at the target
 * @param learningRate        the rate at the checkpoint (the model file holds it too; recorded for the log)
 * @param curriculumLevel     the curriculum's level, or -1 without a curriculum
 * @param data                the data stream's position
 * @param rollbacks           rollbacks after a non-finite loss so far
 * @param elapsedSeconds      training time so far, counted against the time budget
 * @param bestCheckpoint      where the best checkpoint was last written, or null
 * @param dataSeed            the data stream's seed, checked on resuming
 * @param batchSize           the minibatch size, checked on resuming
 * @param validateEvery       sequences between validations, checked on resuming
 * @param validationSeed      the validation set's seed, checked on resuming
 * @param validationSequences the validation set's size, checked on resuming
 * @param averaged            parameter snapshots in the run's average so far ({@link Trainer.Builder#averageFrom}); a run
 *                            with some cannot be resumed, as the average itself is not in the checkpoint
 */
public record TrainerState(long minibatches, long sequences, long nextValidation, long nextLastCheckpoint,
                           double lossSum, int lossCount, double bitErrors, double cost, Selection selection,
                           double best, double bestBitErrors, double bestCost,
                           boolean validationCurrent, boolean dropped, double learningRate, int curriculumLevel,
                           TaskIterator.Position data, int rollbacks, double elapsedSeconds, String bestCheckpoint,
                           long dataSeed, int batchSize, long validateEvery, long validationSeed,
                           int validationSequences, int averaged) {
    /** The metadata keys all start with this. */
    public static final String PREFIX = "trainer.";
    /** The version of this layout; a file with another is refused rather than half-read. */
    static final int FORMAT = 1;

    public TrainerState {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(selection, "selection");
    }

    /** A state with no parameters averaged. */
    public TrainerState(long minibatches, long sequences, long nextValidation, long nextLastCheckpoint,
                        double lossSum, int lossCount, double bitErrors, double cost, Selection selection,
                        double best, double bestBitErrors, double bestCost,
                        boolean validationCurrent, boolean dropped, double learningRate, int curriculumLevel,
                        TaskIterator.Position data, int rollbacks, double elapsedSeconds, String bestCheckpoint,
                        long dataSeed, int batchSize, long validateEvery, long validationSeed,
                        int validationSequences) {
        this(minibatches, sequences, nextValidation, nextLastCheckpoint, lossSum, lossCount, bitErrors, cost,
                selection, best, bestBitErrors, bestCost, validationCurrent, dropped, learningRate, curriculumLevel,
                data, rollbacks, elapsedSeconds, bestCheckpoint, dataSeed, batchSize, validateEvery, validationSeed,
                validationSequences, 0);
    }

    /** This state as metadata values, under keys starting with {@value #PREFIX}. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "format", FORMAT);
        put(m, "minibatches", minibatches);
        put(m, "sequences", sequences);
        put(m, "next_validation", nextValidation);
        put(m, "next_last_checkpoint", nextLastCheckpoint);
        put(m, "loss_sum", lossSum);
        put(m, "loss_count", lossCount);
        put(m, "bit_errors", bitErrors);
        put(m, "cost", cost);
        put(m, "selected_by", selection);
        put(m, "best", best);
        put(m, "best_bit_errors", bestBitErrors);
        put(m, "best_cost", bestCost);
        put(m, "validation_current", validationCurrent);
        put(m, "dropped", dropped);
        put(m, "learning_rate", learningRate);
        put(m, "curriculum_level", curriculumLevel);
        put(m, "data.epoch", data.epoch());
        put(m, "data.batches_served", data.batchesServed());
        put(m, "data.draws", data.draws());
        put(m, "rollbacks", rollbacks);
        put(m, "elapsed_s", elapsedSeconds);
        if (bestCheckpoint != null) {
            put(m, "best_checkpoint", bestCheckpoint);
        }
        put(m, "data_seed", dataSeed);
        put(m, "batch", batchSize);
        put(m, "validate_every", validateEvery);
        put(m, "validation_seed", validationSeed);
        put(m, "validation_sequences", validationSequences);
        if (averaged > 0) {
            put(m, "averaged", averaged);
        }
        return m;
    }

    /**
     * The state in {@code metadata}, or null if it holds none (a best checkpoint, or a model not saved by a
     * {@link Trainer}).
     *
     * @throws IllegalArgumentException if the state is there but incomplete, malformed or of another format
     */
    public static TrainerState fromMetadata(Map<String, String> metadata) {
        if (!metadata.containsKey(PREFIX + "format")) {
            return null;
        }
        Reader r = new Reader(metadata);
        int format = r.integer("format");
        if (format != FORMAT) {
            throw new IllegalArgumentException("the trainer state has format " + format + "; this NTM4J reads "
                    + FORMAT);
        }
        return new TrainerState(r.number("minibatches"), r.number("sequences"), r.number("next_validation"),
                r.number("next_last_checkpoint"), r.real("loss_sum"), r.integer("loss_count"), r.real("bit_errors"),
                // A checkpoint written before the cost was measured ranked by bit errors and knew no cost.
                r.realOr("cost", Double.NaN), selection(metadata), r.real("best"),
                r.realOr("best_bit_errors", r.real("best")), r.realOr("best_cost", Double.NaN), r.bool("validation_current"), r.bool("dropped"), r.real("learning_rate"),
                r.integer("curriculum_level"),
                new TaskIterator.Position(r.integer("data.epoch"), r.integer("data.batches_served"),
                        r.number("data.draws")),
                r.integer("rollbacks"), r.real("elapsed_s"), metadata.get(PREFIX + "best_checkpoint"),
                r.number("data_seed"), r.integer("batch"), r.number("validate_every"), r.number("validation_seed"),
                r.integer("validation_sequences"), r.integerOr("averaged", 0));
    }

    private static Selection selection(Map<String, String> metadata) {
        String name = metadata.get(PREFIX + "selected_by");
        try {
            return name == null ? Selection.BIT_ERRORS : Selection.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the trainer state's " + PREFIX + "selected_by is not what it should"
                    + " be: '" + name + "'");
        }
    }

    private static void put(Map<String, String> m, String key, Object value) {
        m.put(PREFIX + key, value instanceof Double d ? Double.toString(d) : String.valueOf(value));
    }

    private record Reader(Map<String, String> m) {
        String text(String key) {
            String v = m.get(PREFIX + key);
            if (v == null) {
                throw new IllegalArgumentException("the trainer state has no " + PREFIX + key);
            }
            return v;
        }

        long number(String key) {
            try {
                return Long.parseLong(text(key));
            } catch (NumberFormatException e) {
                throw bad(key);
            }
        }

        int integer(String key) {
            try {
                return Integer.parseInt(text(key));
            } catch (NumberFormatException e) {
                throw bad(key);
            }
        }

        double real(String key) {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw bad(key);
            }
        }

        /** The whole number under {@code key}, or {@code absent} if there is none. */
        int integerOr(String key, int absent) {
            return m.containsKey(PREFIX + key) ? integer(key) : absent;
        }

        /** The number under {@code key}, or {@code absent} if there is none. */
        double realOr(String key, double absent) {
            return m.containsKey(PREFIX + key) ? real(key) : absent;
        }

        boolean bool(String key) {
            String v = text(key);
            if (!v.equals("true") && !v.equals("false")) {
                throw bad(key);
            }
            return v.equals("true");
        }

        private IllegalArgumentException bad(String key) {
            return new IllegalArgumentException("the trainer state's " + PREFIX + key + " is not what it should be: '"
                    + m.get(PREFIX + key) + "'");
        }
    }
}
