package io.github.ntm4j.examples.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress lines {@code ntm4j train} prints, one per event, as {@code key=value} pairs:
 * <pre>
 * task=copy model=ntm controller=ff path=fused params=13260 seed=1 budget=10.0min
 * sequences=1000 seq_per_s=975.2 loss=52.7100 bit_errors_per_seq=38.500 cost_per_seq=61.300 time_left_s=599
 * checkpoint=copy.zip sequences=1000 bit_errors_per_seq=38.500 cost_per_seq=61.300
 * lr_drop learning_rate=1.00e-05 after 3000 sequences
 * curriculum level=2 of 5 after 4000 sequences
 * done stop=budget sequences=50000 seconds=170 bit_errors_per_seq=0.000 best=0.000
 * </pre>
 * {@code best} is the best validation score by the run's {@link Selection}; the done line ends with
 * {@code selected_by=cost} when that is the cost.
 * A resumed run prints its header line and then
 * {@code resumed from=copy.last.zip sequences=3000 minibatches=3000 best=1.250 learning_rate=0.000100}; a rollback
 * after a divergence, {@code rollback 1 of 3: the loss became NaN after 3412 sequences; back to 3000 sequences,
 * learning_rate=5.00e-05}.
 * {@code loss} is the last minibatch's training loss. A run that diverges ends with a
 * {@code stopped: ...} line instead of {@code done}.
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    /** Progress on {@code System.out}. */
    public ConsoleProgress() {
        this(System.out);
    }

    @Override
    public void started(TrainingEvents.Start s) {
        out.printf(Locale.ROOT, "task=%s model=%s params=%d seed=%d%s budget=%.1fmin%n", s.task(), s.model(),
                s.parameters(), s.seed(), s.separateDataSeed() ? " data_seed=" + s.dataSeed() : "", s.minutes());
    }

    /** The header line, then where the run continues from. */
    @Override
    public void resumed(TrainingEvents.Resumed r) {
        started(r.start());
        out.printf(Locale.ROOT, "resumed from=%s sequences=%d minibatches=%d best=%.3f learning_rate=%.3g%s%s%n",
                r.from(), r.sequences(), r.minibatches(), r.best(), r.learningRate(),
                r.level() >= 0 ? " curriculum_level=" + r.level() : "", r.rollbacks() > 0 ? " rollbacks="
                        + r.rollbacks() : "");
    }

    @Override
    public void rolledBack(TrainingEvents.Rollback b) {
        out.printf(Locale.ROOT, "rollback %d of %d: %s after %d sequences; back to %d sequences,"
                        + " learning_rate=%.3g%n", b.rollback(), b.maxRollbacks(), whatDiverged(b.loss()), b.atSequences(),
                b.toSequences(), b.learningRate());
    }

    @Override
    public void validated(TrainingEvents.Validation v) {
        out.printf(Locale.ROOT, "sequences=%d seq_per_s=%.1f loss=%.4f bit_errors_per_seq=%.3f cost_per_seq=%.3f"
                        + " time_left_s=%.0f%n", v.sequences(), v.sequencesPerSecond(), v.loss(), v.bitErrors(), v.cost(),
                v.secondsLeft());
    }

    @Override
    public void checkpointed(TrainingEvents.Checkpoint c) {
        out.printf(Locale.ROOT, "checkpoint=%s sequences=%d bit_errors_per_seq=%.3f cost_per_seq=%.3f%n", c.where(),
                c.sequences(), c.bitErrors(), c.cost());
    }

    @Override
    public void learningRateDropped(TrainingEvents.RateDrop d) {
        out.printf(Locale.ROOT, "lr_drop learning_rate=%.3g after %d sequences%n", d.learningRate(), d.sequences());
    }

    @Override
    public void curriculumAdvanced(TrainingEvents.CurriculumLevel c) {
        out.printf(Locale.ROOT, "curriculum level=%d of %d after %d sequences%n", c.level(), c.finalLevel(),
                c.sequences());
    }

    @Override
    public void averaged(TrainingEvents.Average a) {
        out.printf(Locale.ROOT, "average of %d validations' parameters (sequences %d-%d): bit_errors_per_seq=%.3f"
                + " cost_per_seq=%.3f%s%n", a.snapshots(), a.fromSequences(), a.toSequences(), a.bitErrors(), a.cost(),
                a.where() != null ? " saved=" + a.where() : "");
    }

    @Override
    public void stopped(TrainingEvents.Result r) {
        if (r.reason() == TrainingEvents.StopReason.DIVERGED) {
            out.println("stopped: " + whatDiverged(r.lastLoss()) + " after " + r.sequences() + " sequences"
                    + (r.lastCheckpoint() != null ? "; the last good checkpoint is " + r.lastCheckpoint()
                    + " (" + r.bestBitErrors() + " bit errors, cost " + r.bestCost() + ")" : ""));
            return;
        }
        if (r.reason() == TrainingEvents.StopReason.CHECKPOINT_FAILED) {
            return;   // the caller reports the error
        }
        out.printf(Locale.ROOT, "done stop=%s sequences=%d seconds=%.0f bit_errors_per_seq=%.3f best=%.3f%s%n",
                r.reason().label(), r.sequences(), r.seconds(), r.bitErrors(), r.best(),
                r.selection() == Selection.BIT_ERRORS ? "" : " selected_by=" + r.selection());
        if (r.restoredBest()) {
            out.printf(Locale.ROOT, "kept the best parameters: %.3f validation bit errors, cost %.3f bits per"
                    + " sequence%n", r.bestBitErrors(), r.bestCost());
        }
    }

    /** "the loss became NaN", or, when the loss stayed finite, that the parameters did not. */
    private static String whatDiverged(double loss) {
        return Double.isFinite(loss) && loss <= Trainer.EXPLODED_LOSS
                ? "the parameters stopped being finite (loss " + loss + ")" : "the loss became " + loss;
    }
}
