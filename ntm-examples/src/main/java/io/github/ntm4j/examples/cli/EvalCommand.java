package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.training.Trainer;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmNetworks;
import io.github.ntm4j.tasks.DynamicNGramsTask;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import io.github.ntm4j.tasks.metrics.Predictor;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code eval}: the generalisation table of a trained model: mean bit errors, cost in bits and
 * accuracy over a fixed-seed test set at each length (or item count).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"The generalisation table of a trained model (a file saved by train, or a shipped one): "
                + "mean bit errors, cost in bits and accuracy over a fixed-seed test set at each length "
                + "(items for associative-recall, inputs for priority-sort).", "", ShippedModels.WHERE, ""})
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", description = "A model saved by train.")
    File model;

    @Option(names = "--pretrained", paramLabel = "NAME", completionCandidates = ShippedModels.Names.class,
            description = "A shipped model instead: ${COMPLETION-CANDIDATES}.")
    String pretrained;

    @Option(names = "--task", paramLabel = "TASK", description = "The task the model was trained on: ${COMPLETION-CANDIDATES} "
            + "(default: the shipped model's, else copy).")
    TaskName task;

    @Option(names = "--lengths", paramLabel = "L1,L2", split = ",", converter = Cli.PositiveInt.class,
            description = "The sweep's values (default: a few from the training range to well beyond it).")
    List<Integer> lengths;

    @Option(names = "--repeats", paramLabel = "R1,R2", split = ",", converter = Cli.PositiveInt.class,
            description = "repeat-copy only: one table per repeat count, each over the lengths.")
    List<Integer> repeats;

    @Option(names = "--examples", paramLabel = "E", converter = Cli.PositiveInt.class, defaultValue = "50",
            description = "Test sequences per value (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the test sequences (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    String csv;

    @Option(names = "--memory-rows", paramLabel = "N", converter = Cli.PositiveInt.class,
            description = "Run the same weights with N memory rows (NTM parameters do not depend on N).")
    Integer memoryRows;

    @Option(names = "--validation-of", paramLabel = "S",
            description = "Instead of the test sets: the validation set that train --seed S (or --data-seed S) "
                    + "validated on, the 64 sequences (--validation-sequences) of the training range from seed S + 1, "
                    + "scored as train scores them; for ngrams also against the Bayes-optimal predictor. Validation costs of n-gram runs with "
                    + "different seeds are on different sets: their costs above the optimum can be compared. (A run "
                    + "with a curriculum validated on its current level's set instead.)")
    Long validationOf;

    @Option(names = "--max-length", paramLabel = "L", converter = Cli.PositiveInt.class,
            description = "With --validation-of: the longest training sequence, as train's --max-length.")
    Integer maxLength;

    @Option(names = "--validation-sequences", paramLabel = "N", converter = Cli.PositiveInt.class,
            description = "With --validation-of: the validation set's size, as train's --validation-sequences "
                    + "(default: " + TrainingJob.VALIDATION_SEQUENCES + ").")
    Integer validationSequences;

    @Mixin
    OutputFiles output;

    @Override
    public Integer call() {
        if (model == null && pretrained == null) {
            throw new UsageException("eval needs --model model.zip or --pretrained NAME");
        }
        ShippedModels.Shipped shipped = pretrained == null ? null
                : ShippedModels.chosen(pretrained, task == null ? null : task.toString(), model == null ? null : model.getPath());
        String taskName = shipped != null ? shipped.task() : task == null ? "copy" : task.toString();
        int[] values = lengths != null ? ints(lengths) : TaskName.of(taskName).defaultSweep();
        if (repeats != null && !taskName.equals("repeat-copy")) {
            throw new UsageException("--repeats applies to repeat-copy only");
        }
        if (validationOf != null) {
            return validation(shipped, taskName);
        }
        if (maxLength != null || validationSequences != null) {
            throw new UsageException((maxLength != null ? "--max-length" : "--validation-sequences")
                    + " goes with --validation-of; the test sets' values are --lengths, their sizes --examples");
        }
        List<Path> csvFiles = csv == null ? List.of() : repeats == null ? List.of(output.file(csv))
                : repeats.stream().map(r -> output.file(withSuffix(csv, "-repeats" + r))).toList();
        MultiLayerNetwork net = shipped != null ? ModelFiles.loadResource(shipped.resource(), taskName)
                : ModelFiles.load(model, taskName, false);   // an LSTM baseline too
        if (memoryRows != null) {
            net = withMemoryRows(net, memoryRows);
        }
        if (repeats != null) {
            // One table per repeat count, each over the lengths: generalisation in both directions.
            for (int i = 0; i < repeats.size(); i++) {
                int r = repeats.get(i);
                SweepTable table = sized(GeneralisationSweep.over("length", v -> TaskName.repeatCopy(v, r)), values,
                        examples, seed).run(net);
                System.out.println("repeats=" + r);
                System.out.println(table);
                if (csv != null) {
                    writeCsv(table, csvFiles.get(i));
                }
            }
            return 0;
        }
        SweepTable table = sweep(net, taskName, values, examples, seed);
        System.out.println(table);
        if (taskName.equals("ngrams")) {
            // The paper judges n-gram models against the Bayes-optimal predictor (Section 4.4): the same
            // sweep, the same seeded sequences.
            System.out.println("the Bayes-optimal predictor on the same sequences:");
            System.out.println(sweep(net, taskName, values, examples, seed, true));
            List<GeneralisationSweep.CostDifference> above = costAboveOptimal(net, values, examples, seed);
            String differences = costAboveTable(above);
            System.out.println("cost above the Bayes-optimal predictor, paired on the same sequences (bits per sequence):");
            System.out.println(differences);
            if (csv != null) {
                Path file = Path.of(withSuffix(csvFiles.get(0).toString(), "-above-optimal"));
                try {
                    Files.writeString(file, costAboveCsv(above));
                    System.out.println("wrote " + file);
                } catch (IOException e) {
                    throw new CommandFailure("could not write " + file + ": " + e.getMessage());
                }
            }
        }
        if (csv != null) {
            writeCsv(table, csvFiles.get(0));
        }
        return 0;
    }

    /** {@code --validation-of}: the model's scores on a training run's validation set. */
    private int validation(ShippedModels.Shipped shipped, String taskName) {
        if (lengths != null || repeats != null || csv != null || memoryRows != null) {
            throw new UsageException("--validation-of scores the validation set only: drop --lengths, --repeats, "
                    + "--csv and --memory-rows");
        }
        MultiLayerNetwork net = shipped != null ? ModelFiles.loadResource(shipped.resource(), taskName)
                : ModelFiles.load(model, taskName, false);
        SequenceTask training = TaskName.of(taskName).training(maxLength == null ? 0 : maxLength);
        long validationSeed = validationOf + 1;
        int size = validationSequences == null ? TrainingJob.VALIDATION_SEQUENCES : validationSequences;
        DataSet set = Examples.toDataSet(Examples.generate(training, size, validationSeed),
                DataType.FLOAT);
        Trainer.Scores scores = Trainer.validate(net, set);
        System.out.printf(Locale.ROOT, "validation set of seed %d (%d sequences from seed %d): bit_errors_per_seq=%.4f "
                        + "cost_per_seq=%.4f%n", validationOf, size, validationSeed,
                scores.bitErrors(), scores.cost());
        if (taskName.equals("ngrams")) {
            double optimal = Arrays.stream(SequenceMetrics.costBits(
                    new DynamicNGramsTask().bayesOptimalPredictor().predict(set), set.getLabels(),
                    set.getLabelsMaskArray())).average().orElseThrow();
            System.out.printf(Locale.ROOT, "the Bayes-optimal predictor: cost_per_seq=%.4f; the model is %.4f bits per "
                    + "sequence above it%n", optimal, scores.cost() - optimal);
        }
        return 0;
    }

    /** The paired differences as a table: length, n, the two mean costs, the mean difference and its interval. */
    static String costAboveTable(List<GeneralisationSweep.CostDifference> rows) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%6s  %8s  %10s  %13s  %12s  %9s  %9s%n",
                "length", "examples", "model_cost", "optimal_cost", "cost_above", "above_lo95", "above_hi95"));
        for (GeneralisationSweep.CostDifference r : rows) {
            t.append(String.format(Locale.ROOT, "%6d  %8d  %10.4f  %13.4f  %12.4f  %9.4f  %9.4f%n", r.value(), r.n(),
                    r.modelCost(), r.referenceCost(), r.meanDifference(), r.lo95(), r.hi95()));
        }
        return t.toString();
    }

    public static String costAboveCsv(List<GeneralisationSweep.CostDifference> rows) {
        StringBuilder t = new StringBuilder("length,examples,model_cost_bits,optimal_cost_bits,cost_above_bits,"
                + "cost_above_lo95,cost_above_hi95\n");
        for (GeneralisationSweep.CostDifference r : rows) {
            t.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f%n", r.value(), r.n(), r.modelCost(),
                    r.referenceCost(), r.meanDifference(), r.lo95(), r.hi95()));
        }
        return t.toString();
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void writeCsv(SweepTable table, Path csv) {
        try {
            table.writeCsv(csv);
            System.out.println("wrote " + csv);
        } catch (IOException e) {
            throw new CommandFailure("could not write " + csv + ": " + e.getMessage());
        }
    }

    /**
     * {@code --memory-rows N}: the same model with N memory rows (NTM parameters do not depend on N), for
     * sequences whose heads would wrap around the memory it was trained with.
     */
    private static MultiLayerNetwork withMemoryRows(MultiLayerNetwork net, int rows) {
        if (!(net.getLayer(0).conf().getLayer() instanceof NtmLayer)) {
            throw new UsageException("--memory-rows applies to NTM models; this one's first layer is "
                    + net.getLayer(0).conf().getLayer().getClass().getSimpleName());
        }
        int trained = ((NtmLayer) net.getLayer(0).conf().getLayer()).getMemoryRows();
        try {
            MultiLayerNetwork resized = NtmNetworks.withMemoryRows(net, rows);
            System.out.println("memory rows: " + rows + " (the model was trained with " + trained + ")");
            return resized;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--memory-rows " + rows + ": " + e.getMessage());
        }
    }

    /** {@code out.csv} with {@code -repeats5} before its extension. */
    static String withSuffix(String file, String suffix) {
        int dot = file.lastIndexOf('.');
        return dot > Math.max(file.lastIndexOf('/'), file.lastIndexOf(File.separatorChar))
                ? file.substring(0, dot) + suffix + file.substring(dot) : file + suffix;
    }

    /** The generalisation table of {@code net} on {@code task} at {@code values}, {@code examples} test sequences each from {@code seed}. */
    public static SweepTable sweep(MultiLayerNetwork net, String task, int[] values, int examples, long seed) {
        return sweep(net, task, values, examples, seed, false);
    }

    /**
     * An n-gram model's cost above the Bayes-optimal predictor's at each length, paired on the same {@code examples}
     * test sequences from {@code seed} (the paper's measure, Section 4.4).
     */
    public static List<GeneralisationSweep.CostDifference> costAboveOptimal(MultiLayerNetwork net, int[] lengths,
                                                                            int examples, long seed) {
        return taskSweep("ngrams", lengths, examples, seed)
                .costAbove(Predictor.of(net), new DynamicNGramsTask().bayesOptimalPredictor());
    }

    /** The sweep of {@code net}, or with {@code bayesOptimal} of the n-gram task's Bayes-optimal predictor. */
    private static SweepTable sweep(MultiLayerNetwork net, String task, int[] values, int examples, long seed,
                                    boolean bayesOptimal) {
        GeneralisationSweep sweep = taskSweep(task, values, examples, seed);
        return bayesOptimal ? sweep.run(new DynamicNGramsTask().bayesOptimalPredictor()) : sweep.run(net);
    }

    /** The task's sweep over {@code values}, {@code examples} seeded test sequences per value. */
    private static GeneralisationSweep taskSweep(String task, int[] values, int examples, long seed) {
        return sized(GeneralisationSweep.over(TaskName.of(task).sweepVariable(), v -> TaskName.of(task).at(v)), values,
                examples, seed);
    }

    /** {@code sweep} over {@code values}, {@code examples} seeded test sequences per value. */
    private static GeneralisationSweep sized(GeneralisationSweep sweep, int[] values, int examples, long seed) {
        return sweep.values(values).examples(examples).batchSize(Math.min(examples, 32)).seed(seed);
    }
}
