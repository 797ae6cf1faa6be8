package io.github.ntm4j.examples.cli;

import io.github.ntm4j.tasks.AssociativeRecallTask;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.DyckWordsTask;
import io.github.ntm4j.tasks.DynamicNGramsTask;
import io.github.ntm4j.tasks.PrioritySortTask;
import io.github.ntm4j.tasks.RepeatCopyTask;
import io.github.ntm4j.tasks.ReversedCopyTask;
import io.github.ntm4j.tasks.SequenceTask;

import java.util.List;

/**
 * The tasks the command line knows ({@link TaskName}), by name: the task each trains on (NTM-Lasagne's parameters where
 * it published them, the paper's otherwise), and the task at one point of a generalisation sweep.
 */
final class TaskCatalog {
    private TaskCatalog() {
    }

    /**
     * The training task of {@code name}. {@code maxLength > 0} sets the longest sequence of the copy
     * tasks and the longest word of Dyck words; the other tasks reject it.
     */
    static SequenceTask training(String name, int maxLength) {
        requireKnown(name);
        if (maxLength > 0 && !List.of("copy", "reversed-copy", "dyck").contains(name)) {
            throw new UsageException("--max-length applies to copy, reversed-copy and dyck only");
        }
        switch (name) {
            case "copy":
                return new CopyTask(maxLength > 0 ? CopyTask.Params.lasagne().withMaxLength(maxLength) : CopyTask.Params.lasagne());
            case "reversed-copy":
                return new ReversedCopyTask(maxLength > 0 ? CopyTask.Params.lasagne().withMaxLength(maxLength) : CopyTask.Params.lasagne());
            case "repeat-copy":
                return new RepeatCopyTask(RepeatCopyTask.Params.lasagne());
            case "associative-recall":
                return new AssociativeRecallTask(AssociativeRecallTask.Params.lasagne());
            case "dyck":
                if (maxLength > 0 && maxLength % 2 != 0) {
                    throw new UsageException("--max-length of Dyck words must be even (balanced words), got " + maxLength);
                }
                return new DyckWordsTask(maxLength > 0 ? DyckWordsTask.Params.lasagne().withMaxLength(maxLength) : DyckWordsTask.Params.lasagne());
            case "priority-sort":
                return new PrioritySortTask(PrioritySortTask.Params.paper());
            default:
                return new DynamicNGramsTask(DynamicNGramsTask.Params.paper());
        }
    }

    /**
     * The curriculum {@code train --curriculum E} follows for {@code name}, advancing each time the
     * validation bit errors per sequence fall under {@code threshold}: repeat copy's number of
     * repeats, from 1 to its training maximum. The other tasks have none.
     */
    static Curriculum curriculum(String name, double threshold) {
        requireKnown(name);
        if (!name.equals("repeat-copy")) {
            throw new UsageException("--curriculum applies to repeat-copy only (its number of repeats grows from 1)");
        }
        return RepeatCopyTask.repeatsCurriculum(RepeatCopyTask.Params.lasagne(), threshold);
    }

    /**
     * The task of {@code name} at one point of a sweep: the sequence length for the copy tasks,
     * repeat copy, Dyck words (characters, even) and n-grams; the item count for associative recall;
     * the number of inputs for priority sort.
     */
    static SequenceTask sweep(String name, int value) {
        requireKnown(name);
        if (value < 1) {
            throw new UsageException("sweep values must be positive, got " + value);
        }
        switch (name) {
            case "copy": return new CopyTask(CopyTask.Params.lasagne().withLength(value));
            case "reversed-copy": return new ReversedCopyTask(CopyTask.Params.lasagne().withLength(value));
            case "repeat-copy": return new RepeatCopyTask(RepeatCopyTask.Params.lasagne().withLength(value));
            case "associative-recall": return new AssociativeRecallTask(AssociativeRecallTask.Params.lasagne().withItems(value));
            case "dyck":
                if (value % 2 != 0) {
                    throw new UsageException("Dyck words have even lengths, got " + value);
                }
                return new DyckWordsTask(DyckWordsTask.Params.lasagne().withLength(value));
            case "priority-sort": return new PrioritySortTask(PrioritySortTask.Params.paper().withInputs(value));
            default:
                try {
                    return new DynamicNGramsTask(DynamicNGramsTask.Params.paper().withLength(value));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
        }
    }

    /** Repeat copy of exactly {@code length} vectors and {@code repeats} repeats (training's other settings). */
    static SequenceTask repeatCopy(int length, int repeats) {
        if (length < 1 || repeats < 1) {
            throw new UsageException("lengths and repeats must be positive, got " + length + " and " + repeats);
        }
        return new RepeatCopyTask(RepeatCopyTask.Params.lasagne().withLength(length).withRepeats(repeats));
    }

    /** What a sweep of {@code name} varies. */
    static String sweepVariable(String name) {
        requireKnown(name);
        switch (name) {
            case "associative-recall": return "items";
            case "priority-sort": return "inputs";
            default: return "length";
        }
    }

    /**
     * The sweep value a dashboard of {@code name} draws unless told otherwise: twice the longest
     * training sequence for the copy tasks, a generalisation picture (40 for copy and reversed copy,
     * whose shipped model trained on up to 20; 10 for repeat copy), and the training setting's
     * largest size for the others (6 items, Dyck words of 40, 20 inputs, 200 n-gram bits).
     */
    static int dashboardValue(String name) {
        requireKnown(name);
        switch (name) {
            case "repeat-copy": return 2 * RepeatCopyTask.Params.lasagne().maxLength();
            case "associative-recall": return AssociativeRecallTask.Params.lasagne().maxItems();
            case "dyck": return DyckWordsTask.Params.lasagne().maxLength();
            case "priority-sort": return PrioritySortTask.Params.paper().inputs();
            case "ngrams": return DynamicNGramsTask.Params.paper().length();
            default: return 40;   // twice the longest copy the shipped model was trained on
        }
    }

    /** True for the tasks that store their whole input sequence one vector a row (copy, reversed copy, repeat copy). */
    static boolean storesSequence(String name) {
        requireKnown(name);
        return List.of("copy", "reversed-copy", "repeat-copy").contains(name);
    }

    /** A few sweep values that suit {@code name}, from its training range to well beyond it. */
    static int[] defaultSweep(String name) {
        requireKnown(name);
        switch (name) {
            case "repeat-copy": return new int[]{3, 5, 8, 10, 15, 20};
            case "associative-recall": return new int[]{3, 6, 9, 12, 15};
            case "dyck": return new int[]{10, 20, 40, 60, 80, 100};
            case "priority-sort": return new int[]{10, 20, 30, 40};
            case "ngrams": return new int[]{50, 200, 400};
            default: return new int[]{10, 20, 40, 80, 120};
        }
    }

    private static void requireKnown(String name) {
        TaskName.of(name);
    }
}
