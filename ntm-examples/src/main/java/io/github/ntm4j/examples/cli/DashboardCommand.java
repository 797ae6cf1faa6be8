package io.github.ntm4j.examples.cli;

import io.github.ntm4j.examples.dashboard.Dashboard;
import io.github.ntm4j.examples.dashboard.DashboardData;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.inspect.NtmTrace;
import io.github.ntm4j.layer.inspect.NtmInspection;
import io.github.ntm4j.tasks.Example;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.RepeatCopyTask;
import io.github.ntm4j.tasks.SequenceTask;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dashboard}: runs a trained NTM on one fresh sequence of a task and draws the input, target,
 * prediction, every head's weighting over time and the final memory as one PNG ({@link Dashboard});
 * {@code --head-params} adds each head's β, g, γ and shift weights over time. {@code --length} is the
 * task's sweep value ({@link TaskName#at}): the number of items for associative recall, of
 * inputs for priority sort, the sequence length otherwise. {@code --repeats} sets repeat copy's number of
 * repeats, so that a picture can show a model beyond the repeats it was trained on.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Draw a trained NTM's heads moving over memory on one fresh sequence as a PNG: the input, "
                + "target and prediction, every head's weighting over time and the final memory.", "",
                ShippedModels.WHERE, ""})
public final class DashboardCommand implements Callable<Integer> {
    /** Time per frame of the animated GIF. */
    public static final int GIF_DELAY_MS = 200;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The PNG to write.")
    String out;

    @Option(names = "--model", paramLabel = "FILE", description = "A model saved by train (default: the task's "
            + "shipped model).")
    File model;

    @Option(names = "--pretrained", paramLabel = "NAME", completionCandidates = ShippedModels.Names.class,
            description = "A shipped model: ${COMPLETION-CANDIDATES}.")
    String pretrained;

    @Option(names = "--task", paramLabel = "TASK", description = "${COMPLETION-CANDIDATES} (default: the shipped model's, else copy).")
    TaskName task;

    @Option(names = "--length", paramLabel = "L", converter = Cli.PositiveInt.class,
            description = "The sequence's length (items for associative-recall, inputs for priority-sort; default: "
                    + "a picture beyond the training range).")
    Integer length;

    @Option(names = "--repeats", paramLabel = "R", converter = Cli.PositiveInt.class,
            description = "repeat-copy only: the number of repeats (default: drawn from the training range, 1-5).")
    Integer repeats;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the sequence (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--all-rows", description = "Draw every memory row, not only those the heads visit.")
    boolean allRows;

    @Option(names = "--head-params", description = "Add each head's beta, g, gamma and shift weights over time.")
    boolean headParams;

    @Option(names = "--gif", paramLabel = "FILE", description = "Also write an animation, one frame per step.")
    String gif;

    @Mixin
    OutputFiles output;

    @Override
    public Integer call() {
        Dashboard.Config config = Dashboard.Config.DEFAULT.withAllRows(allRows).withHeadParams(headParams);
        String taskOption = task == null ? null : task.toString();
        ShippedModels.Shipped shipped = pretrained == null ? null
                : ShippedModels.chosen(pretrained, taskOption, model == null ? null : model.getPath());
        String task = shipped != null ? shipped.task() : taskOption != null ? taskOption : "copy";
        int length = this.length != null ? this.length : TaskName.of(task).dashboardValue();
        if (repeats != null && !task.equals("repeat-copy")) {
            throw new UsageException("--repeats applies to repeat-copy only, not " + task);
        }
        SequenceTask sequenceTask = task(task, length, repeats); // refused before any model is loaded
        Path file = output.file(out);
        Path gifFile = gif == null ? null : output.file(gif);
        MultiLayerNetwork net;
        if (model == null) {
            net = ModelFiles.loadResource((shipped != null ? shipped : ShippedModels.of(task)).resource(), task);
        } else {
            net = ModelFiles.load(model, task);
        }
        checkFits(net, task, sequenceTask, length);
        Run run = run(net, task, sequenceTask, length, seed);
        Dashboard dashboard = new Dashboard(run.data, config);
        write(dashboard, file);
        System.out.printf(Locale.ROOT, "%s; seed %d; dashboard written to %s%n", dashboard.title(), seed, file);
        if (gifFile != null) {
            try {
                dashboard.writeGif(gifFile, GIF_DELAY_MS);
            } catch (IOException e) {
                throw new CommandFailure("could not write " + gifFile + ": " + e.getMessage());
            }
            System.out.printf(Locale.ROOT, "animation, one frame per step (%d frames): %s%n", run.data.steps(), gifFile);
        }
        return 0;
    }

    /**
     * A model of another task's widths is a model-file error; for the copy tasks, a sequence longer
     * than the memory's rows cannot be stored, so it is a usage error. The other tasks need no row per
     * step (Dyck words and n-grams keep a count or a stack, associative recall and priority sort can
     * pack or drop items), so any length runs, however badly the model may do.
     */
    static void checkFits(MultiLayerNetwork net, String task, int length) {
        checkFits(net, task, task(task, length), length);
    }

    /** {@link #checkFits(MultiLayerNetwork, String, int)} for a task already built at {@code length}. */
    static void checkFits(MultiLayerNetwork net, String task, SequenceTask t, int length) {
        NtmLayer conf = ntmConf(net);
        long outputs = ((FeedForwardLayer) net.getLayer(net.getnLayers() - 1).conf().getLayer()).getNOut();
        if (conf.getNIn() != t.inputSize() || outputs != t.outputSize()) {
            throw new ModelFiles.ModelFileException("the model has " + conf.getNIn() + " input and " + outputs
                    + " output channels; the " + task + " task has " + t.inputSize() + " and " + t.outputSize());
        }
        int rows = conf.getMemoryRows();
        if (TaskName.of(task).storesSequence() && length > rows) {
            throw new UsageException("--length " + length + " is longer than the model's memory of " + rows
                    + " rows; a sequence of more vectors than memory rows cannot be stored");
        }
    }

    /** The task at this length; a length the task cannot take is a usage error. */
    static SequenceTask task(String name, int length) {
        return task(name, length, null);
    }

    /**
     * The task at this length and, for repeat copy, this number of repeats (null: the training range); one
     * the task cannot take is a usage error.
     */
    static SequenceTask task(String name, int length, Integer repeats) {
        try {
            return repeats == null ? TaskName.of(name).at(length) : TaskName.repeatCopy(length, repeats);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the " + name + " task cannot take --length " + length
                    + (repeats == null ? "" : " with --repeats " + repeats) + ": " + e.getMessage());
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
        return run(net, task, task(task, length), length, seed);
    }

    /** {@link #run(MultiLayerNetwork, String, int, long)} for a task already built at {@code length}. */
    static Run run(MultiLayerNetwork net, String task, SequenceTask t, int length, long seed) {
        List<Example> one = Examples.generate(t, 1, seed);
        DataSet ds = Examples.toDataSet(one, DataType.FLOAT);
        if (!NtmInspection.isNtm(net.getLayer(0))) {
            throw new ModelFiles.ModelFileException("the model's first layer does not record traces ("
                    + net.getLayer(0).getClass().getSimpleName() + ")");
        }
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        boolean was = NtmInspection.isEnabled(layer);
        NtmInspection.enable(layer);
        INDArray prediction;
        DashboardData data;
        try {
            prediction = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace trace = NtmInspection.lastTrace(layer);
            NtmLayer conf = ntmConf(net);
            data = DashboardData.from(task, length, ds.getFeatures(), ds.getLabels(), ds.getLabelsMaskArray(),
                    prediction, trace, conf.getReadHeads(), conf.getWriteHeads(), 0)
                    .withLengthName(sizeName(task, t));
        } finally {
            if (!was) {
                NtmInspection.disable(layer);
            }
        }
        return new Run(ds, prediction, data);
    }

    /**
     * What the title calls the length: the task's sweep variable ("length", "items", "inputs"), and for repeat
     * copy at one number of repeats "vectors x R repeats".
     */
    static String sizeName(String task, SequenceTask t) {
        if (t instanceof RepeatCopyTask repeatCopy
                && repeatCopy.params().minRepeats() == repeatCopy.params().maxRepeats()) {
            int r = repeatCopy.params().maxRepeats();
            return "vector" + (repeatCopy.params().maxLength() == 1 ? "" : "s") + " x " + r + " repeat" + (r == 1 ? "" : "s");
        }
        return TaskName.of(task).sweepVariable();
    }

    static void write(Dashboard dashboard, Path file) {
        try {
            dashboard.writePng(file);
        } catch (IOException e) {
            throw new CommandFailure("could not write " + file + ": " + e.getMessage());
        }
    }
}
