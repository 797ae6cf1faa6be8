package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.calibration.TemperatureScaling;
import io.github.ntm4j.tasks.Example;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code calibrate}: temperature scaling ({@link TemperatureScaling}) of a trained model. A network trained on
 * cross-entropy is often too sure of its wrong bits, and each costs many bits. One temperature {@code T}, fitted on
 * fresh sequences of the training distribution, divides the output layer's pre-activation: the cost in bits falls,
 * and no bit's decision changes, so the bit errors and the share of perfect sequences stay as they were.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit a temperature to a trained model's outputs on fresh sequences of its training distribution"
                + " (temperature scaling: sigmoid(z / T), T fitted by cross-entropy) and write the scaled model for "
                + "inference. The cost in bits changes; every bit's decision, so the bit errors, does not.", "",
                "Fit on sequences drawn like the training data (--seed), never on the test sets a model is "
                        + "judged on (eval's --seed).", ""})
public final class CalibrateCommand implements Callable<Integer> {
    /** The default seed of the calibration sequences: none of eval's test seeds. */
    static final long DEFAULT_SEED = 31415;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by train.")
    File model;

    @Option(names = "--task", paramLabel = "TASK", description = "The task the model was trained on: "
            + "${COMPLETION-CANDIDATES} (default: the one the file records).")
    TaskName task;

    @Option(names = "--examples", paramLabel = "E", converter = Cli.PositiveInt.class, defaultValue = "1000",
            description = "Calibration sequences, drawn like the training data (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DEFAULT_SEED,
            description = "Seed of the calibration sequences (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The calibrated model file to write.")
    String out;

    @Mixin
    OutputFiles output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path file = output.file(out);
        if (file.toAbsolutePath().normalize().equals(model.toPath().toAbsolutePath().normalize())) {
            throw new UsageException("--out names the model itself; calibrate writes a new file beside it");
        }
        String taskName = task != null ? task.toString() : ModelFiles.recordedTask(model);
        MultiLayerNetwork net = ModelFiles.load(model, taskName, false);
        SequenceTask training = TaskName.of(taskName).training(0);
        List<DataSet> batches = batches(training, examples, seed);

        TemperatureScaling.Fit fit;
        try {
            fit = TemperatureScaling.fit(net, batches);
        } catch (IllegalArgumentException e) {
            throw new UsageException(model + ": " + e.getMessage());
        }
        double[] before = costAndErrors(net, batches);
        TemperatureScaling.apply(net, fit.temperature());
        double[] after = costAndErrors(net, batches);

        String calibration = String.format(Locale.ROOT, "temperature %.6g fitted on %d %s sequences from seed %d",
                fit.temperature(), examples, training.name(), seed);
        // The original arguments are the whole command line's: they name "calibrate" unless it is the root.
        String command = "ntm4j " + (spec.root() == spec ? "calibrate " : "")
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        try {
            ModelFiles.saveCalibrated(net, model, calibration, command, file.toFile());
        } catch (IOException e) {
            throw new CommandFailure("could not write " + file + ": " + e.getMessage());
        }
        System.out.printf(Locale.ROOT, "temperature=%.4f on %d calibration sequences of %s (seed %d)%n",
                fit.temperature(), examples, training.name(), seed);
        System.out.printf(Locale.ROOT, "cost_per_seq %.4f -> %.4f bits; bit_errors_per_seq %.4f -> %.4f "
                + "(unchanged: no decision moves)%n", before[0], after[0], before[1], after[1]);
        System.out.println("wrote " + file + " (for inference, no updater state): eval, dashboard and demo read it");
        return 0;
    }

    /** The calibration set: {@code count} sequences from {@code seed}, in minibatches of 32 (PrioritySortExample's too). */
    public static List<DataSet> batches(SequenceTask task, int count, long seed) {
        List<Example> all = Examples.generate(task, count, seed);
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 32) {
            batches.add(Examples.toDataSet(all.subList(from, Math.min(all.size(), from + 32)), DataType.FLOAT));
        }
        return batches;
    }

    /** The mean cost in bits ({@link SequenceMetrics#costBits}, as eval reports it) and bit errors per sequence. */
    private static double[] costAndErrors(MultiLayerNetwork net, List<DataSet> batches) {
        double cost = 0;
        double errors = 0;
        int n = 0;
        for (DataSet b : batches) {
            var p = net.output(b.getFeatures(), false, b.getFeaturesMaskArray(), b.getLabelsMaskArray());
            for (double c : SequenceMetrics.costBits(p, b.getLabels(), b.getLabelsMaskArray())) {
                cost += c;
            }
            for (double e : SequenceMetrics.bitErrors(p, b.getLabels(), b.getLabelsMaskArray())) {
                errors += e;
            }
            n += b.numExamples();
        }
        return new double[] {cost / n, errors / n};
    }
}
