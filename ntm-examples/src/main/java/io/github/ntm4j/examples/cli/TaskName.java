package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmActivation;

/**
 * The tasks the command line knows ({@code --task}), each with its training recipe: the settings that
 * worked for it, and the evidence for them in docs/results.md and docs/examples.md. {@code train --task T}
 * alone trains with T's recipe; an option given explicitly overrides that one setting.
 */
public enum TaskName {
    /**
     * NTM-Lasagne's copy recipe: Graves' RMSprop at 1e-4, one sequence at a time, ReLU keys and add vectors,
     * the rate dropped tenfold at the first error-free validation and training on to 50,000 sequences. On
     * lengths 1-20 (results.md, "Copy, trained on lengths 1 to 20 with NTM-Lasagne's recipe") five seeds of
     * five were error-free within 41,000 sequences, four within 4,000; the shipped copy model is seed 3. On
     * the default lengths 1-5 tanh keys converged more often (eight seeds of ten against five; results.md,
     * "Copy on lengths 1 to 5 with the new recipe"): {@code --key-activation tanh --add-activation tanh}.
     */
    COPY(Recipe.gravesOneAtATime(50_000, 10).withActivations(NtmActivation.RELU, NtmActivation.RELU).withLrDrop(0.1),
            "lengths 1-20: 5 of 5 seeds error-free within 41,000 sequences"),
    /**
     * An LSTM controller (NTM-Lasagne's reversed copy uses a recurrent one), DL4J's RMSprop at 1e-3, minibatches
     * of 16: {@code ReversedCopyExample}, which learned lengths 1-5 in 78,000 sequences (examples.md, "What has
     * been measured"). The copy recipe with a feed-forward controller did not converge (best 0.70 bit errors per
     * sequence after 50,000; examples.md).
     */
    REVERSED_COPY(new Recipe(Updater.RMSPROP, 1e-3, 16, Controller.LSTM, NtmActivation.TANH, NtmActivation.TANH,
            null, null, Recipe.TARGET_BIT_ERRORS, Long.MAX_VALUE, 30),
            "learned lengths 1-5 (1 seed, 78,000 sequences), no further"),
    /**
     * A curriculum over the number of repeats (one more each time the validation bit errors fall under 1), DL4J's
     * RMSprop at 1e-3, minibatches of 16: four seeds of five learned the whole task, in 4.4 to 31 minutes
     * (results.md, "Repeat copy"). The copy recipe, with or without the curriculum, did not.
     */
    REPEAT_COPY(new Recipe(Updater.RMSPROP, 1e-3, 16, Controller.FF, NtmActivation.TANH, NtmActivation.TANH,
            null, 1.0, Recipe.TARGET_BIT_ERRORS, Long.MAX_VALUE, 30),
            "4 of 5 seeds learned it, in 4 to 31 minutes"),
    /**
     * The copy recipe with tanh keys and add vectors, the rate dropped tenfold at the target, 50,000 episodes:
     * three seeds of three error-free within 27,000 episodes; the shipped model is seed 3 (results.md,
     * "Associative recall with the copy task's recipe and tanh keys"). With ReLU it generalised less.
     */
    ASSOCIATIVE_RECALL(Recipe.gravesOneAtATime(50_000, 12).withLrDrop(0.1),
            "3 of 3 seeds error-free within 27,000 episodes"),
    /**
     * The copy recipe with tanh keys and add vectors, the rate dropped tenfold at the target, 258,000 words:
     * five seeds of five error-free within 58,000 words, two of them generalising to words of 100; the shipped
     * model is seed 5 (results.md, "Dyck words with the copy task's recipe").
     */
    DYCK(Recipe.gravesOneAtATime(258_000, 16).withLrDrop(0.1), "5 of 5 seeds error-free within 58,000 words"),
    /**
     * The copy network and recipe with tanh keys, 200,000 sequences: seed 1 got to 8.5 wrong bits of 128 after
     * 135,000 sequences, seed 2 learned nothing (results.md, "Priority sort with the copy recipe"). Partly learned.
     */
    PRIORITY_SORT(Recipe.gravesOneAtATime(200_000, 30), "1 of 2 seeds partly learned it"),
    /**
     * The copy recipe with tanh keys, no target, 100,000 sequences: the best validation came after 97,000, 23.5
     * bits per 200-bit sequence above the Bayes-optimal cost, half as far as with DL4J's RMSprop (results.md,
     * "Dynamic n-grams"). Not learned to the paper's standard.
     */
    NGRAMS(Recipe.gravesOneAtATime(100_000, 40).withoutTarget(), "not learned: the closest to the optimum so far");

    private final Recipe recipe;
    private final String evidence;

    TaskName(Recipe recipe, String evidence) {
        this.recipe = recipe;
        this.evidence = evidence;
    }

    /** The settings {@code train} uses for this task unless told otherwise. */
    public Recipe recipe() {
        return recipe;
    }

    /** What the recipe achieved, in a few words (docs/results.md has the runs). */
    public String evidence() {
        return evidence;
    }

    /** The task of a command-line name such as {@code associative-recall}. */
    public static TaskName of(String name) {
        for (TaskName t : values()) {
            if (t.toString().equals(name)) {
                return t;
            }
        }
        throw new UsageException("unknown task \"" + name + "\"; the tasks are " + Cli.optionNames(TaskName.class));
    }

    /** Its name on the command line, e.g. {@code associative-recall}. */
    @Override
    public String toString() {
        return Cli.optionName(this);
    }
}
