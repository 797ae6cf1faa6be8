package io.github.ntm4j.examples.sweep;

import io.github.ntm4j.examples.cli.Recipe;
import io.github.ntm4j.examples.cli.TaskName;
import io.github.ntm4j.examples.training.Networks;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One run of a sweep: what {@code train} would be told (task, longest training sequence, recipe, size, the
 * weights' seed and the data's seed), how it is evaluated, and where it goes. Serializable: the driver ships
 * one to each Spark task; it holds only strings, numbers, enums and records of them.
 *
 * @param setting       the setting's id, the same for every seed of it ({@code copy-3f2a9c1e})
 * @param description   the setting in words ({@code copy --max-length 5 --updater graves ...})
 * @param maxLength     {@code --max-length}; 0 for the task's default
 * @param shape         the NTM's size; not used when {@code lstmUnits} is above 0
 * @param lstmUnits     units per layer of the LSTM baseline ({@code --baseline lstm}) trained instead of the NTM;
 *                      0 for the NTM
 * @param seed          the seed of the network's weights
 * @param dataSeed      the seed of the training data (the validation set is drawn from it + 1)
 * @param testLengths   the values of the held-out evaluation (lengths, or items for associative recall)
 * @param testExamples  test sequences per value and test seed
 * @param testSeeds     the held-out test sets' seeds, as {@code eval --seed} takes them
 * @param out           the sweep's directory, which every executor must see
 * @param trainCommand  the {@code ntm4j train} command that makes the same model, recorded in it
 */
public record RunSpec(String setting, String description, TaskName task, int maxLength, Recipe recipe,
                      Networks.Shape shape, int lstmUnits, long seed, long dataSeed, long validateEvery,
                      int[] testLengths, int testExamples, long[] testSeeds, String out, String trainCommand)
        implements Serializable {

    /** {@code seed1-data1}: the run's directory inside its setting's. */
    public String runName() {
        return "seed" + seed + "-data" + dataSeed;
    }

    /** {@code copy-3f2a9c1e/seed1-data1}. */
    public String runId() {
        return setting + "/" + runName();
    }

    /** Where the run's files are once it has completed. */
    public Path directory() {
        return Path.of(out, setting, runName());
    }
}
