package io.github.ntm4j.examples.training;

/**
 * Observes a {@link Trainer}'s run: the progress line, the JSON-lines log, whatever else wants to
 * know. Listeners see every event in the order it happened and change nothing; what changes the run
 * (checkpoints, the rate drop, the curriculum, the stop) is the Trainer's own configuration.
 */
public interface TrainingListener {
    /** Before the first minibatch. */
    default void started(TrainingEvents.Start start) {
    }

    /** Before the first minibatch of a run continued from a last checkpoint (instead of {@link #started}). */
    default void resumed(TrainingEvents.Resumed resumed) {
    }

    /** The loss diverged and the run went back to its last checkpoint, at a lower rate. */
    default void rolledBack(TrainingEvents.Rollback rollback) {
    }

    /** After each validation. */
    default void validated(TrainingEvents.Validation validation) {
    }

    /** After a checkpoint was written (a new best validation score). */
    default void checkpointed(TrainingEvents.Checkpoint checkpoint) {
    }

    /** The target was reached and the learning rate multiplied by the drop factor; training goes on. */
    default void learningRateDropped(TrainingEvents.RateDrop drop) {
    }

    /** The curriculum moved to a harder level. */
    default void curriculumAdvanced(TrainingEvents.CurriculumLevel level) {
    }

    /** After the last minibatch, when the run averaged its parameters: the average's validation. */
    default void averaged(TrainingEvents.Average average) {
    }

    /** After the last minibatch, whatever the reason. */
    default void stopped(TrainingEvents.Result result) {
    }
}
