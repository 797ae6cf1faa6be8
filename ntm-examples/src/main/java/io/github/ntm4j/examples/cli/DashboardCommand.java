package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.dashboard.Dashboard;
import io.github.ntm4j.examples.dashboard.DashboardData;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.inspect.NtmTrace;
import io.github.ntm4j.layer.runtime.NtmRecurrentLayer;
import io.github.ntm4j.tasks.Example;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code dashboard}: runs a trained NTM on one fresh sequence of a task and draws the input, target,
 * prediction, every head's weighting over time and the final memory as one PNG ({@link Dashboard}).
 */
public final class DashboardCommand {
    public static final String USAGE = "dashboard --out file.png [--model model.zip] [--task copy] [--length 40] [--seed S] "
            + "[--all-rows] [--gif file.gif]";
    /** Time per frame of the animated GIF. */
    public static final int GIF_DELAY_MS = 200;

    private final Options options;
    private final boolean allRows;

    public DashboardCommand(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        this.allRows = rest.remove("--all-rows");
        this.options = new Options(rest.toArray(new String[0]), Set.of("model", "task", "length", "seed", "out", "gif"));
    }

    public int run() {
        String out = options.get("out", null);
        if (out == null) {
            throw new UsageException("dashboard needs --out file.png");
        }
        String task = options.get("task", "copy");
        int length = (int) options.getLong("length", 2 * DemoCommand.TRAINED_MAX_LENGTH, 1);
        task(task, length); // an unknown task or a length the task refuses is a usage error before any model is loaded
        long seed = options.getLong("seed", 1, Long.MIN_VALUE);
        String model = options.get("model", null);
        MultiLayerNetwork net;
        if (model == null) {
            if (!task.equals("copy")) {
                throw new UsageException("the shipped model is for the copy task; give --model for " + task);
            }
            net = ModelFiles.loadResource(DemoCommand.SHIPPED_COPY_MODEL, "copy");
        } else {
            net = ModelFiles.load(new File(model), task);
        }
        checkLength(net, length);
        Run run = run(net, task, length, seed);
        Path file = Path.of(out);
        Dashboard dashboard = new Dashboard(run.data, allRows);
        write(dashboard, file);
        System.out.printf(Locale.ROOT, "%s task, length %d, seed %d: %d bit errors of %d; dashboard written to %s%n",
                task, length, seed, run.data.bitErrors(), run.data.scoredBits(), file);
        String gif = options.get("gif", null);
        if (gif != null) {
            Path gifFile = Path.of(gif);
            try {
                dashboard.writeGif(gifFile, GIF_DELAY_MS);
            } catch (IOException e) {
                throw new ModelFiles.ModelFileException("could not write " + gifFile + ": " + e.getMessage());
            }
            System.out.printf(Locale.ROOT, "animation, one frame per step (%d frames): %s%n", run.data.steps(), gifFile);
        }
        return 0;
    }

    /** A length over the memory's rows cannot be stored, so it is a usage error. */
    static void checkLength(MultiLayerNetwork net, int length) {
        int rows = ntmConf(net).getMemoryRows();
        if (length > rows) {
            throw new UsageException("--length " + length + " is longer than the model's memory of " + rows
                    + " rows; a sequence of more vectors than memory rows cannot be stored");
        }
    }

    /** The task at this length; a length the task cannot take is a usage error. */
    static SequenceTask task(String name, int length) {
        try {
            return TaskCatalog.sweep(name, length);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the " + name + " task cannot take --length " + length + ": " + e.getMessage());
        }
    }

    static NtmLayer ntmConf(MultiLayerNetwork net) {
        return (NtmLayer) net.getLayer(0).conf().getLayer();
    }

    /** One sequence through the network with the heads traced. */
    record Run(DataSet dataSet, INDArray prediction, DashboardData data) {
    }

    /** Generates one sequence of {@code task} at {@code length} and runs it with inspection on. */
    static Run run(MultiLayerNetwork net, String task, int length, long seed) {
        SequenceTask t = task(task, length);
        List<Example> one = Examples.generate(t, 1, seed);
        DataSet ds = Examples.toDataSet(one, DataType.FLOAT);
        if (!(net.getLayer(0) instanceof NtmRecurrentLayer)) {
            throw new ModelFiles.ModelFileException("the model's first layer does not record traces ("
                    + net.getLayer(0).getClass().getSimpleName() + ")");
        }
        NtmRecurrentLayer layer = (NtmRecurrentLayer) net.getLayer(0);
        boolean was = layer.isInspection();
        layer.setInspection(true);
        INDArray prediction;
        DashboardData data;
        try {
            prediction = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace trace = layer.getLastTrace();
            NtmLayer conf = ntmConf(net);
            data = DashboardData.from(task, length, ds.getFeatures(), ds.getLabels(), ds.getLabelsMaskArray(),
                    prediction, trace, conf.getReadHeads(), conf.getWriteHeads(), 0);
        } finally {
            layer.setInspection(was);
        }
        return new Run(ds, prediction, data);
    }

    static void write(Dashboard dashboard, Path file) {
        try {
            dashboard.writePng(file);
        } catch (IOException e) {
            throw new ModelFiles.ModelFileException("could not write " + file + ": " + e.getMessage());
        }
    }
}
