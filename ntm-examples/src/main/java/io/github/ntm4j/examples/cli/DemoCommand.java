package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.dashboard.Dashboard;
import io.github.ntm4j.tasks.DynamicNGramsTask;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code demo}: loads a shipped pretrained model ({@link ShippedModels}; the copy model unless {@code --task}
 * or {@code --pretrained} says otherwise), runs it on a fresh example beyond its training range, and prints
 * the input, the target and the output of the scored steps with the bit errors, writes the dashboard of that
 * example (named after the model, in {@code --out-dir}), and prints the generalisation table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a shipped pretrained model (the copy model unless told otherwise) on a fresh example "
                + "beyond its training range: its input, target and output, the dashboard of that example as a "
                + "PNG, and its generalisation table.", "", ShippedModels.WHERE, ""})
public final class DemoCommand implements Callable<Integer> {
    private static final int MAX_COLUMNS = 100;

    @Option(names = "--task", paramLabel = "TASK", description = "The shipped model of this task: ${COMPLETION-CANDIDATES} "
            + "(not every task has one; default: copy).")
    TaskName task;

    @Option(names = "--pretrained", paramLabel = "NAME", completionCandidates = ShippedModels.Names.class,
            description = "The shipped model to run: ${COMPLETION-CANDIDATES}.")
    String pretrained;

    @Option(names = "--length", paramLabel = "L", converter = Cli.PositiveInt.class,
            description = "The example's length (items for associative-recall, inputs for priority-sort; default: "
                    + "beyond the model's training range).")
    Integer length;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the example (default: a different one each run).")
    Long seed;

    @Option(names = "--model", paramLabel = "FILE", description = "A model saved by train instead (of --task).")
    File model;

    @Option(names = "--dashboard", paramLabel = "FILE",
            description = "Where the dashboard goes (default: NAME-dashboard.png, after the model's name).")
    String dashboard;

    @Mixin
    OutputFiles output;

    @Override
    public Integer call() {
        ShippedModels.Shipped shipped = ShippedModels.chosen(pretrained, task == null ? null : task.toString(),
                model == null ? null : model.getPath());
        String taskName = shipped.task();
        int value = length != null ? length : shipped.demoValue();
        long seed = this.seed != null ? this.seed : System.nanoTime() % 100_000;
        DashboardCommand.task(taskName, value);   // a value the task refuses is a usage error before loading
        Path dashboardFile = output.file(dashboard != null ? dashboard : modelName(shipped) + "-dashboard.png");
        MultiLayerNetwork net = model == null ? ModelFiles.loadResource(shipped.resource(), taskName)
                : ModelFiles.load(model, taskName);
        DashboardCommand.checkFits(net, taskName, value);
        DashboardCommand.Run run = DashboardCommand.run(net, taskName, value, seed);
        DataSet ds = run.dataSet();
        INDArray prediction = run.prediction();
        INDArray scored = ds.getLabelsMaskArray();
        double errors = SequenceMetrics.bitErrors(prediction, ds.getLabels(), scored)[0];
        long bits = scored == null ? ds.getLabels().length() : scored.sumNumber().longValue() * ds.getLabels().size(1);

        String variable = TaskName.of(taskName).sweepVariable();
        String which = model == null
                ? "the shipped NTM " + shipped.name() + " model (trained on " + shipped.trainedOn() + ")"
                : "the NTM " + taskName + " model " + model;
        System.out.printf(Locale.ROOT, "%s on a fresh example, %s %d (seed %d)%n%n", which, variable, value, seed);
        int steps = (int) ds.getFeatures().size(2);
        int[] all = java.util.stream.IntStream.range(0, steps).toArray();
        int[] answers = scored == null ? all
                : java.util.stream.IntStream.range(0, steps).filter(t -> scored.getDouble(0, t) > 0).toArray();
        printGrid("input ", ds.getFeatures(), all, null);
        System.out.println();
        printGrid("target", ds.getLabels(), answers, null);
        printGrid("output", prediction, answers, ds.getLabels());
        System.out.printf(Locale.ROOT, "%nbit errors: %.0f of %d scored bits (X marks a wrong bit)%n", errors, bits);
        if (taskName.equals("ngrams")) {
            // Bits of a random 6-gram sequence are unpredictable in part: the paper's measure is the cost in bits
            // against the Bayes-optimal predictor's on the same sequence.
            double cost = SequenceMetrics.costBits(prediction, ds.getLabels(), scored)[0];
            double optimal = SequenceMetrics.costBits(new DynamicNGramsTask().bayesOptimalPredictor().predict(ds),
                    ds.getLabels(), scored)[0];
            System.out.printf(Locale.ROOT, "cost: %.1f bits; the Bayes-optimal predictor's on the same sequence: %.1f "
                    + "(%+.1f)%n", cost, optimal, cost - optimal);
        }
        System.out.println();

        DashboardCommand.write(new Dashboard(run.data(), false), dashboardFile);
        System.out.printf(Locale.ROOT, "dashboard of this example (input, target, output, heads, memory): %s%n%n",
                dashboardFile.toAbsolutePath());

        System.out.println("generalisation, 20 fresh examples per " + variable + ":");
        int rows = DashboardCommand.ntmConf(net).getMemoryRows();
        int[] values = java.util.stream.IntStream.of(shipped.sweep())
                .filter(v -> !TaskName.of(taskName).storesSequence() || v <= rows).toArray();
        System.out.println(EvalCommand.sweep(net, taskName, values, 20, seed + 1));
        if (taskName.equals("ngrams")) {
            System.out.println("cost above the Bayes-optimal predictor, paired on the same sequences (bits per sequence):");
            System.out.println(EvalCommand.costAboveTable(EvalCommand.costAboveOptimal(net, values, 20, seed + 1)));
        }
        return 0;
    }

    /** The model's name for file names: the shipped model's, or the model file's without its extension. */
    private String modelName(ShippedModels.Shipped shipped) {
        if (model == null) {
            return shipped.name();
        }
        String file = model.getName();
        return file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
    }

    /** One row per channel, one column per step of {@code steps}: '#' for 1, '.' for 0, 'X' for a wrong bit. */
    private static void printGrid(String name, INDArray a, int[] steps, INDArray truth) {
        int channels = (int) a.size(1);
        int shown = Math.min(steps.length, MAX_COLUMNS);
        for (int c = 0; c < channels; c++) {
            StringBuilder line = new StringBuilder(c == 0 ? name + " " : "       ");
            for (int i = 0; i < shown; i++) {
                int t = steps[i];
                boolean bit = a.getDouble(0, c, t) > 0.5;
                if (truth != null && bit != truth.getDouble(0, c, t) > 0.5) {
                    line.append('X');
                } else {
                    line.append(bit ? '#' : '.');
                }
            }
            if (shown < steps.length) {
                line.append(" ...");
            }
            System.out.println(line);
        }
    }
}
