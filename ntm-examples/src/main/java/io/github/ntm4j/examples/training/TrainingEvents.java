package io.github.ntm4j.examples.training;

/** What a {@link Trainer} reports to its {@link TrainingListener}s. */
public final class TrainingEvents {
    private TrainingEvents() {
    }

    /**
     * The run about to start.
     *
     * @param task     the task's name
     * @param model    a one-line description of the network ({@code ntm controller=ff path=fused ...})
     * @param seed     the seed of the weights, as the caller reports it
     * @param dataSeed the seed of the training data stream; the same as {@code seed} unless the caller set them apart
     * @param minutes  the time budget
     */
    public record Start(String task, String model, long parameters, long seed, long dataSeed, double minutes,
                        long maxSequences, long maxMinibatches, long validateEvery, int validationSequences,
                        long validationSeed) {
        /** Whether the data stream has its own seed (printed and logged only then, so older logs read the same). */
        public boolean separateDataSeed() {
            return dataSeed != seed;
        }
    }

    /**
     * One validation: bit errors and cost per sequence on the fixed validation set of the current task.
     *
     * @param loss      the last minibatch's training loss
     * @param meanLoss  the mean training loss of the minibatches since the last validation
     * @param bitErrors the mean wrong bits per validation sequence
     * @param cost      the mean cost per validation sequence, in bits
     * @param best      the best score so far by the run's {@link Selection}
     * @param improved  whether this is the best validation so far (ties count: the later model is kept)
     */
    public record Validation(long minibatches, long sequences, double loss, double meanLoss, double bitErrors,
                             double cost, double best, boolean improved, double learningRate, double elapsedSeconds,
                             double secondsLeft) {
        public double sequencesPerSecond() {
            return sequences / elapsedSeconds;
        }
    }

    /** A checkpoint written at a new best validation score, with where it went. */
    public record Checkpoint(long sequences, double bitErrors, double cost, String where) {
    }

    /**
     * A run continued from a last checkpoint, instead of {@link Start}.
     *
     * @param from        where the checkpoint was read from
     * @param level       the curriculum's level, or -1 without one
     * @param rollbacks   rollbacks the run had made before the checkpoint
     */
    public record Resumed(Start start, String from, long minibatches, long sequences, double best,
                          double learningRate, int level, int rollbacks) {
    }

    /**
     * A divergence, and the run back at its last checkpoint with a lower rate.
     *
     * @param atSequences the sequence count where the loss or the parameters stopped being finite
     * @param loss        the loss there (may be finite when only the parameters were not)
     * @param toSequences the sequence count of the checkpoint returned to
     * @param learningRate the rate from now on
     * @param rollback    this rollback's number, from 1
     * @param maxRollbacks how many the run may make
     */
    public record Rollback(long atSequences, double loss, long toSequences, double learningRate, int rollback,
                           int maxRollbacks) {
    }

    public record RateDrop(long sequences, double learningRate) {
    }

    /**
     * The run's parameters averaged over its validations from {@code fromSequences} on (Polyak averaging), validated
     * on the same set as every checkpoint.
     *
     * @param snapshots how many validations' parameters the average holds
     * @param where     where the averaged network was saved, or null
     */
    public record Average(long fromSequences, long toSequences, int snapshots, double bitErrors, double cost,
                          String where) {
    }

    public record CurriculumLevel(long sequences, int level, int finalLevel) {
    }

    /** Why a run stopped. */
    public enum StopReason {
        /** The time, sequence or minibatch budget ran out. */
        BUDGET,
        /** The validation bit errors reached the target (and no rate drop was asked for). */
        TARGET,
        /**
         * The training loss became NaN, infinite or larger than {@link Trainer#EXPLODED_LOSS} (or the parameters
         * not finite), more often than the rollbacks allowed.
         */
        DIVERGED,
        /** A checkpoint could not be written. */
        CHECKPOINT_FAILED;

        /** The name the logs use: {@code budget}, {@code target}, ... */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * How a run ended.
     *
     * @param lastLoss  the last minibatch's training loss (NaN or huge when it diverged)
     * @param bitErrors the last validation's bit errors per sequence (NaN if there was none)
     * @param best      the best validation score by {@code selection} on the final validation set (∞ if none)
     * @param selection which validation score ranked the models
     * @param bestBitErrors the bit errors per sequence of that best validation (NaN if none)
     * @param bestCost  its cost per sequence in bits (NaN if none)
     * @param restoredBest whether the network was left with its best parameters rather than its last
     * @param problem   for {@link StopReason#CHECKPOINT_FAILED}, the error; else null
     */
    public record Result(StopReason reason, long minibatches, long sequences, double seconds, double lastLoss,
                         double bitErrors, double best, Selection selection, double bestBitErrors,
                         double bestCost, boolean restoredBest, String lastCheckpoint,
                         String problem) {
    }
}
