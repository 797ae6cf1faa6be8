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
 * {@code demo}: loads the shipped pretrained copy model (trained on sequences of length 1 to 20, the
 * paper's setting), runs it on a fresh sequence longer than any it was trained on, and prints the
 * input, the target and the output with its bit errors, then the generalisation table.
 */
public final class DemoCommand {
    public static final String USAGE = "demo [--length 40] [--seed S] [--model model.zip] [--dashboard copy-dashboard.png]";
    /** The shipped model: see docs/results.md for the command, seed and wall time that made it. */
    public static final String SHIPPED_COPY_MODEL = "/models/copy.zip";
    /** The longest sequence the shipped model saw in training. */
    public static final int TRAINED_MAX_LENGTH = 20;
    /** Where demo writes its dashboard unless --dashboard says otherwise (in the current directory). */
    public static final String DEFAULT_DASHBOARD = "copy-dashboard.png";
    private static final int MAX_COLUMNS = 100;

    private final Options options;

    public DemoCommand(String[] args) {
        this.options = new Options(args, Set.of("length", "seed", "model", "dashboard"));
    }

    public int run() {
        int length = (int) options.getLong("length", 2 * TRAINED_MAX_LENGTH, 1);
        long seed = options.getLong("seed", System.nanoTime() % 100_000, Long.MIN_VALUE);
        String model = options.get("model", null);
        MultiLayerNetwork net = model == null ? ModelFiles.loadResource(SHIPPED_COPY_MODEL, "copy")
                : ModelFiles.load(new File(model), "copy");
        int rows = ((io.github.ntm4j.layer.NtmLayer) net.getLayer(0).conf().getLayer()).getMemoryRows();
        if (length > rows) {
            throw new UsageException("--length " + length + " is longer than the model's memory of " + rows
                    + " rows; a copy of more vectors than memory rows cannot work");
        }
        SequenceTask task = TaskCatalog.sweep("copy", length);
        DashboardCommand.Run run = DashboardCommand.run(net, "copy", length, seed);
        DataSet ds = run.dataSet();
        INDArray prediction = run.prediction();
        double errors = SequenceMetrics.bitErrors(prediction, ds.getLabels(), ds.getLabelsMaskArray())[0];

        String which = model == null ? "the shipped NTM copy model (trained on lengths 1-" + TRAINED_MAX_LENGTH + ")"
                : "the NTM copy model " + model;
        System.out.printf(Locale.ROOT, "%s on a fresh sequence of length %d (seed %d)%n%n", which, length, seed);
        printGrid("input ", ds.getFeatures(), 0, length, null);
        System.out.println();
        printGrid("target", ds.getLabels(), length + 1, 2 * length + 1, null);
        printGrid("output", prediction, length + 1, 2 * length + 1, ds.getLabels());
        System.out.printf(Locale.ROOT, "%nbit errors: %.0f of %d bits (X marks a wrong bit)%n%n", errors,
                length * task.outputSize());

        Path dashboard = Path.of(options.get("dashboard", DEFAULT_DASHBOARD));
        DashboardCommand.write(new Dashboard(run.data(), false), dashboard);
        System.out.printf(Locale.ROOT, "dashboard of this sequence (input, target, output, heads, memory): %s%n%n",
                dashboard.toAbsolutePath());

        System.out.println("generalisation, 20 fresh sequences per length:");
        int[] lengths = java.util.stream.IntStream.of(5, 10, 20, 40, 80, 120).filter(l -> l <= rows).toArray();
        System.out.println(EvalCommand.sweep(net, "copy", lengths, 20, seed + 1));
        return 0;
    }

    /** One row per channel, one column per step in [from, to): '#' for 1, '.' for 0, 'X' for a wrong bit. */
    private static void printGrid(String name, INDArray a, int from, int to, INDArray truth) {
        int channels = (int) a.size(1);
        int end = Math.min(to, from + MAX_COLUMNS);
        for (int c = 0; c < channels; c++) {
            StringBuilder line = new StringBuilder(c == 0 ? name + " " : "       ");
            for (int t = from; t < end; t++) {
                boolean bit = a.getDouble(0, c, t) > 0.5;
                if (truth != null && bit != truth.getDouble(0, c, t) > 0.5) {
                    line.append('X');
                } else {
                    line.append(bit ? '#' : '.');
                }
            }
            if (end < to) {
                line.append(" ...");
            }
            System.out.println(line);
        }
    }
}
