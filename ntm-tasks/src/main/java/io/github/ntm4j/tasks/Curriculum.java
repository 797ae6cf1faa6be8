package io.github.ntm4j.tasks;

import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * A curriculum over one integer difficulty level, typically the maximum sequence length:
 * whenever a reported metric (a loss, bit errors per sequence...) falls under a threshold the
 * level grows, up to a final level.
 *
 * <p>NTM-Lasagne trained Dyck words this way ({@code examples/dyck-words.py}): every 500
 * minibatches, if the mean loss was under {@code 1e-4} and the maximum semilength under 20, the
 * maximum semilength doubled (from 5). {@link DyckWordsTask#lasagneCurriculum()} is that
 * schedule; {@link CurriculumListener} reports a DL4J network's score over a window.
 *
 * <p>Thread-safe: a prefetching iterator may read the level while training reports metrics.
 */
public final class Curriculum {

    private final IntFunction<? extends SequenceTask> taskAtLevel;
    private final int finalLevel;
    private final double threshold;
    private final IntUnaryOperator grow;

    private volatile int level;
    private volatile SequenceTask task;

    private Curriculum(IntFunction<? extends SequenceTask> taskAtLevel, int startLevel, int finalLevel,
                       double threshold, IntUnaryOperator grow) {
        this.taskAtLevel = taskAtLevel;
        this.finalLevel = finalLevel;
        this.threshold = threshold;
        this.grow = grow;
        this.level = startLevel;
        this.task = taskAtLevel.apply(startLevel);
    }

    /**
     * A curriculum from {@code startLevel} to {@code finalLevel}, growing by {@code grow}
     * (clamped to the final level) each time the metric falls under {@code threshold}.
     *
     * @param taskAtLevel the task for a level, e.g. {@code n -> new CopyTask(p.withMaxLength(n))}
     */
    public static Curriculum of(IntFunction<? extends SequenceTask> taskAtLevel, int startLevel, int finalLevel,
                                double threshold, IntUnaryOperator grow) {
        Objects.requireNonNull(taskAtLevel, "taskAtLevel");
        Objects.requireNonNull(grow, "grow");
        Checks.ordered("startLevel", startLevel, "finalLevel", finalLevel);
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive finite number, got " + threshold);
        }
        return new Curriculum(taskAtLevel, startLevel, finalLevel, threshold, grow);
    }

    /** As {@link #of} with the level doubling at each promotion, as NTM-Lasagne did. */
    public static Curriculum doubling(IntFunction<? extends SequenceTask> taskAtLevel, int startLevel,
                                      int finalLevel, double threshold) {
        Checks.atLeast("startLevel", startLevel, 1);
        return of(taskAtLevel, startLevel, finalLevel, threshold, n -> 2 * n);
    }

    /**
     * Reports a metric measured at the current level; if it is under the threshold and the
     * final level is not reached, moves to the next level.
     *
     * @return true if the level was raised
     */
    public synchronized boolean report(double metric) {
        if (!(metric < threshold) || level >= finalLevel) {
            return false;
        }
        int next = Math.min(finalLevel, grow.applyAsInt(level));
        if (next <= level) {
            throw new IllegalStateException("the grow function must increase the level, got " + level + " -> " + next);
        }
        task = taskAtLevel.apply(next);
        level = next;
        return true;
    }

    /**
     * Puts the curriculum back at {@code level}, one it had reached in a run being resumed from a checkpoint.
     *
     * @throws IllegalArgumentException if {@code level} is above the final level
     */
    public synchronized void restoreLevel(int level) {
        if (level > finalLevel) {
            throw new IllegalArgumentException("level " + level + " is above the final level " + finalLevel);
        }
        if (level != this.level) {
            task = taskAtLevel.apply(level);
            this.level = level;
        }
    }

    /** The current level. */
    public int level() {
        return level;
    }

    /** The final level. */
    public int finalLevel() {
        return finalLevel;
    }

    /** The metric must fall strictly under this value to advance. */
    public double threshold() {
        return threshold;
    }

    /** The task at the current level. */
    public SequenceTask task() {
        return task;
    }
}
