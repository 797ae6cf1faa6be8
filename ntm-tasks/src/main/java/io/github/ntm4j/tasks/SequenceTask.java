package io.github.ntm4j.tasks;

import java.util.Random;

/**
 * An algorithmic sequence task: a seeded source of {@link Example}s of fixed widths.
 *
 * <p>The tasks follow Graves, Wayne and Danihelka, "Neural Turing Machines" (arXiv:1410.5401,
 * 2014), Section 4, and the task generators of NTM-Lasagne (snipsco/ntm-lasagne,
 * {@code utils/generators.py}) and pytorch-ntm (loudinthecloud/pytorch-ntm, {@code tasks/}).
 * Each implementation documents its encoding: the widths {@code X} and {@code Y}, the number
 * of steps {@code T} as a function of its parameters, and which steps are answers.
 *
 * <p>All randomness comes from the {@link Random} passed in, whose algorithm is fixed by its
 * specification, so the same seed gives the same data on every JVM.
 */
public interface SequenceTask {

    /**
     * The longest example any task may produce. It guards against parameters (a length of a
     * million, a repeat count of a thousand on a long sequence) that would silently allocate
     * gigabytes; the limit is far beyond every published setting and generalisation test.
     */
    int MAX_STEPS = 1_000_000;

    /** A short name, e.g. {@code "copy"}, used in tables and file names. */
    String name();

    /** {@code X}: the width of one input step; {@code DataSetIterator.inputColumns()}. */
    int inputSize();

    /** {@code Y}: the width of one target step; {@code DataSetIterator.totalOutcomes()}. */
    int outputSize();

    /** The number of steps {@code T} of the longest example the current parameters allow. */
    long maxSteps();

    /** Draws one example, its sizes (length, repeats, items...) sampled from the parameters. */
    Example sample(Random rng);
}
