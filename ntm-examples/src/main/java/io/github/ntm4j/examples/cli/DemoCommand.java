package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.dashboard.Dashboard;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code demo}: loads a shipped pretrained model ({@link ShippedModels}; the copy model unless {@code --task}
 * or {@code --pretrained} says otherwise), runs it on a fresh example beyond its training range, and prints
 * the input, the target and the output of the scored steps with the bit errors, writes the dashboard of that example, and prints the
 * generalisation table.
 */
public final class DemoCommand {
    public static final String USAGE = "demo [--task copy|associative-recall|dyck|repeat-copy] "
            + "[--pretrained " + ShippedModels.names().replace(", ", "|") + "] [--length L] [--seed S] "
            + "[--model model.zip] [--dashboard copy-dashboard.png]";
    /** The shipped copy model: see docs/results.md for the command, seed and wall time that made it. */
    public static final String SHIPPED_COPY_MODEL = "/models/copy.zip";
    private static final int MAX_COLUMNS = 100;

    private final Options options;

    public DemoCommand(String[] args) {
        this.options = new Options(args, Set.of("task", "pretrained", "length", "seed", "model", "dashboard"));
    }

    public int run() {
        ShippedModels.Shipped shipped = ShippedModels.chosen(options.get("pretrained", null),
                options.get("task", null), options.get("model", null));
        String taskName = shipped.task();
        int value = (int) options.getLong("length", shipped.demoValue(), 1);
        long seed = options.getLong("seed", System.nanoTime() % 100_000, Long.MIN_VALUE);
        String model = options.get("model", null);
        DashboardCommand.task(taskName, value);   // a value the task refuses is a usage error before loading
        MultiLayerNetwork net = model == null ? ModelFiles.loadResource(shipped.resource(), taskName)
                : ModelFiles.load(new File(model), taskName);
        DashboardCommand.checkFits(net, taskName, value);
        DashboardCommand.Run run = DashboardCommand.run(net, taskName, value, seed);
        DataSet ds = run.dataSet();
        INDArray prediction = run.prediction();
        INDArray scored = ds.getLabelsMaskArray();
        double errors = SequenceMetrics.bitErrors(prediction, ds.getLabels(), scored)[0];
        long bits = scored == null ? ds.getLabels().length() : scored.sumNumber().longValue() * ds.getLabels().size(1);

        String variable = TaskCatalog.sweepVariable(taskName);
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
        System.out.printf(Locale.ROOT, "%nbit errors: %.0f of %d scored bits (X marks a wrong bit)%n%n", errors, bits);

        Path dashboard = Path.of(options.get("dashboard", taskName + "-dashboard.png"));
        DashboardCommand.write(new Dashboard(run.data(), false), dashboard);
        System.out.printf(Locale.ROOT, "dashboard of this example (input, target, output, heads, memory): %s%n%n",
                dashboard.toAbsolutePath());

        System.out.println("generalisation, 20 fresh examples per " + variable + ":");
        int rows = DashboardCommand.ntmConf(net).getMemoryRows();
        int[] values = java.util.stream.IntStream.of(shipped.sweep())
                .filter(v -> !TaskCatalog.storesSequence(taskName) || v <= rows).toArray();
        System.out.println(EvalCommand.sweep(net, taskName, values, 20, seed + 1));
        return 0;
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
