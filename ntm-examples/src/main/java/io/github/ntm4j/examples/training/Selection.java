package io.github.ntm4j.examples.training;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which validation score picks the best model of a run (the one a checkpoint saves and a sweep evaluates): every
 * validation measures both, on the same predictions.
 *
 * <p>Bit errors suit the deterministic tasks, whose outputs are right or wrong. For a probabilistic task such as
 * dynamic n-grams, where even the Bayes-optimal predictor gets a quarter of the bits wrong, the bit errors barely
 * move while the cost falls, and the model they pick can be the worse one by cost: there the cost is the measure
 * (the NTM paper reports n-grams by it).
 */
public enum Selection {
    /** The mean wrong bits per validation sequence (a prediction on the wrong side of 0.5). */
    BIT_ERRORS("bit-errors", "validation bit errors per sequence"),
    /**
     * The mean cost per validation sequence in bits, {@code -Σ [y log2 p + (1-y) log2 (1-p)]} with p clipped
     * to [1e-6, 1 - 1e-6], as {@code eval} reports it.
     */
    COST("cost", "validation cost in bits per sequence");

    private final String label;
    private final String description;

    Selection(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The score this selection ranks by, of a validation that measured both (lower is better). */
    public double of(double bitErrors, double cost) {
        return this == COST ? cost : bitErrors;
    }

    /** What the score is, for messages and the help: "validation cost in bits per sequence". */
    public String description() {
        return description;
    }

    /** The command line's and the log's name: {@code bit-errors}, {@code cost}. */
    @Override
    public String toString() {
        return label;
    }

    /**
     * The selection of that name.
     *
     * @throws IllegalArgumentException naming the names there are
     */
    public static Selection parse(String name) {
        for (Selection s : values()) {
            if (s.label.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("no selection '" + name + "'; choose one of "
                + Arrays.toString(values()));
    }
}
