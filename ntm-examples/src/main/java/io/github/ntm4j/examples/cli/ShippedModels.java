package io.github.ntm4j.examples.cli;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pretrained models in this jar: one per task, named after it, and a second copy model trained on
 * NTM-Lasagne's shorter sequences. docs/results.md records the command, seed and wall time that made each,
 * and {@code ShippedModelsTest} holds each to its recorded errors.
 */
public final class ShippedModels {

    /**
     * A shipped model.
     *
     * @param name      its name for {@code demo --pretrained}; the task's name for the task's default model
     * @param task      the task name the command line uses
     * @param resource  where it is in the jar
     * @param trainedOn the training range, in words
     * @param demoValue the sweep value {@code demo} shows by default: beyond the training range
     * @param sweep     the sweep values of {@code demo}'s generalisation table
     */
    public record Shipped(String name, String task, String resource, String trainedOn, int demoValue, int[] sweep) {
    }

    public static final List<Shipped> ALL = List.of(
            new Shipped("copy", "copy", "/models/copy.zip", "sequences of 1-20 vectors", 120,
                    new int[]{5, 10, 20, 40, 80, 120}),
            new Shipped("copy-1-5", "copy", "/models/copy-1-5.zip", "sequences of 1-5 vectors", 120,
                    new int[]{5, 10, 20, 40, 80, 120}),
            new Shipped("associative-recall", "associative-recall", "/models/associative-recall.zip",
                    "episodes of 2-6 items", 12, new int[]{3, 6, 9, 12, 15, 20}),
            new Shipped("dyck", "dyck", "/models/dyck.zip", "words of up to 40 parentheses", 100,
                    new int[]{10, 20, 40, 60, 80, 100, 120}),
            new Shipped("repeat-copy", "repeat-copy", "/models/repeat-copy.zip",
                    "sequences of 3-5 vectors repeated 1-5 times", 8, new int[]{3, 5, 6, 8, 10, 12, 15}),
            new Shipped("priority-sort", "priority-sort", "/models/priority-sort.zip",
                    "20 inputs, of which it outputs the 16 highest; two read and two write heads", 20,
                    new int[]{10, 20, 30, 40}),
            new Shipped("ngrams", "ngrams", "/models/ngrams.zip",
                    "sequences of 200 bits, each from a new table of 6-gram probabilities", 400,
                    new int[]{50, 200, 400}));

    private ShippedModels() {
    }

    /** The shipped model called {@code name}, if there is one. */
    public static Optional<Shipped> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The default shipped model of {@code task}; a usage error naming the shipped ones if there is none. */
    public static Shipped of(String task) {
        return find(task).orElseThrow(() -> new UsageException(
                "no pretrained model of the " + task + " task ships with ntm4j (there are: " + names()
                        + "); give --model model.zip"));
    }

    /** The shipped model called {@code name}; a usage error naming the shipped ones if there is none. */
    public static Shipped named(String name) {
        return find(name).orElseThrow(() -> new UsageException(
                "no pretrained model called " + name + " ships with ntm4j (there are: " + names() + ")"));
    }

    /**
     * The shipped model a command's options pick: {@code --pretrained NAME} if given, else the default model of
     * {@code --task} (copy when that is absent too).
     *
     * @param pretrained {@code --pretrained}, or null
     * @param task       {@code --task}, or null
     * @param model      {@code --model}, or null: a model file, which does not go with {@code --pretrained}
     */
    public static Shipped chosen(String pretrained, String task, String model) {
        if (pretrained == null) {
            return of(task == null ? "copy" : task);
        }
        Shipped shipped = named(pretrained);
        if (task != null && !task.equals(shipped.task())) {
            throw new UsageException("--pretrained " + pretrained + " is a model of the " + shipped.task()
                    + " task, not of " + task + "; drop --task or give a model of that task");
        }
        if (model != null) {
            throw new UsageException("give either --pretrained or --model, not both");
        }
        return shipped;
    }

    /** The names of the shipped models, for picocli's {@code ${COMPLETION-CANDIDATES}} in help texts. */
    public static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ALL.stream().map(Shipped::name).iterator();
        }
    }

    /** Where the shipped models are, for help texts. */
    public static final String WHERE = "The shipped models are inside ntm4j.jar as /models/NAME.zip; in the "
            + "source tree, ntm-examples/src/main/resources/models/NAME.zip. docs/results.md has the command that "
            + "made each.";

    /** The names of the shipped models, comma-separated. */
    public static String names() {
        return ALL.stream().map(Shipped::name).collect(Collectors.joining(", "));
    }
}
