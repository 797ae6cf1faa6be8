package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code train}: trains an NTM on a task with NTM-Lasagne's settings (RMSprop, gradients clipped
 * element-wise at 10), validating and printing a progress line every 1000 sequences
 * ({@code --validate-every}), until the bit errors on a fixed validation set fall to the target
 * (unless {@code --target-bit-errors off}), or the time or sequence budget runs out. With
 * {@code --lr-drop F} reaching the target does not stop training: the learning rate is multiplied by F
 * once and training goes on to the end of the budget (NTM-Lasagne's associative recall dropped its rate
 * tenfold once the loss was low). With {@code --out} the best model so far (by validation bit errors;
 * the later one on a tie) is saved at every improvement, so a NaN or exploding loss, which stops
 * training, leaves the last good checkpoint.
 *
 * <p>With {@code --curriculum E} (repeat copy) the minibatches and the validation set come from the
 * curriculum's current level, which rises each time the validation bit errors fall under E; the target
 * stops training only at the final level. The level is not saved: {@code --resume} starts the curriculum
 * again from one repeat, and a trained model climbs back within a few validations.
 */
public final class TrainCommand {
    public static final String USAGE = "train --task " + TaskCatalog.CHOICES + " "
            + "[--controller ff|lstm] [--seed S] [--minutes M] [--max-sequences N] [--batch B] [--lr R] "
            + "[--updater rmsprop|graves|adam] [--key-activation A] [--add-activation A] [--target-bit-errors E|off] [--lr-drop F] [--validate-every N] [--max-length L] [--curriculum E] [--baseline lstm [--lstm-units U]] "
            + "[--controller-size H] [--memory-rows N] [--memory-width W] [--read-heads R] [--write-heads V] "
            + "[--initial-state fixed|learned] [--out model.zip] [--resume model.zip | --init-from model.zip]";

    /** The width of the copy tasks' vectors (the task defaults). */
    private static final int BITS = 8;

    /** A loss above this (bits of cross-entropy per minibatch) is taken as exploded: training stops. */
    static final double EXPLODED_LOSS = 1e6;

    private final Options options;

    public TrainCommand(String[] args) {
        this.options = new Options(args, Set.of("task", "controller", "seed", "minutes", "max-sequences", "batch", "lr", "out",
                "target-bit-errors", "max-length", "baseline", "updater", "resume", "curriculum", "init-from",
                "key-activation", "add-activation", "lr-drop", "validate-every", "lstm-units", "controller-size",
                "memory-rows", "memory-width", "read-heads", "write-heads", "initial-state"));
    }

    public int run() {
        String taskName = options.get("task", "copy");
        SequenceTask task = TaskCatalog.training(taskName, (int) options.getLong("max-length", 0, 1));
        // With --curriculum the minibatches come from the curriculum's current task, which grows to `task`.
        Curriculum curriculum = options.has("curriculum")
                ? TaskCatalog.curriculum(taskName, options.getDouble("curriculum", 1)) : null;
        String controllerName = options.get("controller", "ff");
        ControllerType controller;
        switch (controllerName) {
            case "ff": controller = ControllerType.FEED_FORWARD; break;
            case "lstm": controller = ControllerType.LSTM; break;
            default: throw new UsageException("--controller must be ff or lstm, got \"" + controllerName + "\"");
        }
        long seed = options.getLong("seed", 42, Long.MIN_VALUE);
        double minutes = options.getDouble("minutes", 1.0);
        long maxSequences = options.getLong("max-sequences", Long.MAX_VALUE, 1);
        int batch = (int) options.getLong("batch", 16, 1);
        double lr = options.getDouble("lr", 1e-3);
        String out = options.get("out", null);
        // "off": train for the whole budget (NTM-Lasagne trained for a fixed number of sequences).
        double target = "off".equals(options.get("target-bit-errors", null)) ? Double.NEGATIVE_INFINITY
                : options.getDouble("target-bit-errors", 0.01);

        // NTM-Lasagne's associative recall: once the error is low, go on at a tenth of the rate.
        double lrDrop = options.getDouble("lr-drop", 1);
        if (options.has("lr-drop") && lrDrop >= 1) {
            throw new UsageException("--lr-drop multiplies the learning rate once the target is reached; it must be "
                    + "under 1 (0.1 is NTM-Lasagne's), got " + options.get("lr-drop", null));
        }
        boolean dropPending = options.has("lr-drop");
        if (dropPending && target == Double.NEGATIVE_INFINITY) {
            throw new UsageException("--lr-drop acts when the target is reached; it does not go with --target-bit-errors off");
        }
        String baseline = options.get("baseline", null);
        if (baseline != null && !baseline.equals("lstm")) {
            throw new UsageException("--baseline takes lstm, got \"" + baseline + "\"");
        }
        IUpdater updater = updater(options.get("updater", "rmsprop"), lr);
        NtmActivation keyActivation = activation("key-activation");
        NtmActivation addActivation = activation("add-activation");
        if ((options.has("key-activation") || options.has("add-activation")) && baseline != null) {
            throw new UsageException("--key-activation and --add-activation configure the NTM; they do not go with --baseline");
        }
        int lstmUnits = (int) options.getLong("lstm-units", LSTM_BASELINE_SIZE, 1);
        if (options.has("lstm-units") && baseline == null) {
            throw new UsageException("--lstm-units sizes the LSTM baseline; it needs --baseline lstm");
        }
        String resume = options.get("resume", null);
        if ((options.has("key-activation") || options.has("add-activation")) && resume != null) {
            throw new UsageException("--key-activation and --add-activation shape a new NTM; --resume keeps the saved one's");
        }
        String initFrom = options.get("init-from", null);
        if (initFrom != null && (resume != null || baseline != null)) {
            throw new UsageException("--init-from starts a new NTM from another task's model; it does not go with "
                    + (resume != null ? "--resume" : "--baseline"));
        }
        Shape shape = shape();
        MultiLayerNetwork net;
        if (resume != null) {
            // The saved configuration (network, updater and its state) continues; --lr, if given, replaces its rate.
            net = ModelFiles.load(new File(resume), options.get("task", "copy"), baseline == null, true);
            if (options.has("lr")) {
                net.setLearningRate(lr);
            }
        } else {
            net = baseline == null ? network(task, controller, seed, updater, keyActivation, addActivation, shape)
                    : lstmBaseline(task, seed, updater, lstmUnits);
        }
        if (initFrom != null) {
            File file = new File(initFrom);
            String fromTask = ModelFiles.recordedTask(file);
            WarmStart.apply(ModelFiles.load(file, fromTask), fromTask, net, taskName, BITS);
            System.out.println("init-from=" + initFrom + " trained_on=" + fromTask);
        }
        TaskIterator train = (curriculum != null ? TaskIterator.builder(curriculum) : TaskIterator.builder(task))
                .batchSize(batch).seed(seed).freshDataEachEpoch(true).dataType(DataType.FLOAT).build();
        DataSet validation = validationSet(curriculum != null ? curriculum.task() : task, seed);

        String model = baseline == null
                ? "ntm controller=" + controllerName + " path="
                        + ((io.github.ntm4j.layer.runtime.NtmRecurrentLayer) net.getLayer(0)).pathName()
                        + (shape.equals(LASAGNE) ? "" : " " + shape)
                : "lstm-baseline 3x" + ((FeedForwardLayer) net.getLayer(0).conf().getLayer()).getNOut();
        System.out.printf(Locale.ROOT, "task=%s model=%s params=%d seed=%d budget=%.1fmin%n",
                task.name(), model, net.numParams(), seed, minutes);
        long start = System.nanoTime();
        long deadline = start + (long) (minutes * 60e9);
        // Validation by sequences seen, not by the clock: the same command then stops and checkpoints at the
        // same point on any machine, so a run can be reproduced exactly.
        long validateEvery = options.getLong("validate-every", 1000, 1);
        long nextValidation = validateEvery;
        long sequences = 0;
        double bitErrors = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        String stopReason = "budget";
        while (System.nanoTime() < deadline && sequences < maxSequences) {
            if (!train.hasNext()) {
                train.reset();
            }
            DataSet ds = train.next();
            net.fit(ds);
            sequences += ds.numExamples();
            if (!Double.isFinite(net.score()) || net.score() > EXPLODED_LOSS) {
                System.out.println("stopped: the loss became " + net.score() + " after " + sequences + " sequences"
                        + (out != null && best < Double.POSITIVE_INFINITY ? "; the last good checkpoint is " + out
                        + " (bit errors " + best + ")" : ""));
                return 1;
            }
            long now = System.nanoTime();
            if (sequences >= nextValidation || now >= deadline || sequences >= maxSequences) {
                nextValidation = (sequences / validateEvery + 1) * validateEvery;
                bitErrors = validationBitErrors(net, validation);
                double elapsed = (now - start) / 1e9;
                System.out.printf(Locale.ROOT, "sequences=%d seq_per_s=%.1f loss=%.4f bit_errors_per_seq=%.3f time_left_s=%.0f%n",
                        sequences, sequences / elapsed, net.score(), bitErrors, Math.max(0, (deadline - now) / 1e9));
                // On a tie the later model is kept: it has trained longer for the same validation error.
                if (bitErrors <= best) {
                    best = bitErrors;
                    if (out != null && !checkpoint(net, out, sequences, bitErrors)) {
                        return 1;
                    }
                }
                boolean finalTask = curriculum == null || curriculum.level() >= curriculum.finalLevel();
                if (bitErrors <= target && finalTask) {
                    if (!dropPending) {
                        stopReason = "target";
                        break;
                    }
                    // Train on at the lower rate to the end of the budget.
                    double rate = net.getLearningRate(0) * lrDrop;
                    net.setLearningRate(rate);
                    dropPending = false;
                    target = Double.NEGATIVE_INFINITY;
                    System.out.printf(Locale.ROOT, "lr_drop learning_rate=%.3g after %d sequences%n", rate, sequences);
                }
                if (curriculum != null && curriculum.report(bitErrors)) {
                    // A harder task: validate on it, and let the next checkpoint be the best on it.
                    validation = validationSet(curriculum.task(), seed);
                    best = Double.POSITIVE_INFINITY;
                    System.out.printf(Locale.ROOT, "curriculum level=%d of %d after %d sequences%n",
                            curriculum.level(), curriculum.finalLevel(), sequences);
                }
            }
        }
        System.out.printf(Locale.ROOT, "done stop=%s sequences=%d seconds=%.0f bit_errors_per_seq=%.3f best=%.3f%n",
                stopReason, sequences, (System.nanoTime() - start) / 1e9, bitErrors, best);
        return 0;
    }

    /** Saves the best model so far (by validation bit errors); false if it could not be written. */
    private boolean checkpoint(MultiLayerNetwork net, String out, long sequences, double bitErrors) {
        try {
            ModelFiles.save(net, options.get("task", "copy"), new File(out));
            System.out.printf(Locale.ROOT, "checkpoint=%s sequences=%d bit_errors_per_seq=%.3f%n", out, sequences, bitErrors);
            return true;
        } catch (IOException e) {
            System.err.println("ntm4j: could not write " + out + ": " + e.getMessage());
            return false;
        }
    }

    /** The fixed validation set: 64 sequences of {@code task}, seeded from the run's seed. */
    private static DataSet validationSet(SequenceTask task, long seed) {
        return Examples.toDataSet(Examples.generate(task, 64, seed + 1), DataType.FLOAT);
    }

    static double validationBitErrors(MultiLayerNetwork net, DataSet validation) {
        INDArray predictions = net.output(validation.getFeatures(), false, validation.getFeaturesMaskArray(),
                validation.getLabelsMaskArray());
        return SequenceMetrics.meanBitErrors(predictions, validation.getLabels(), validation.getLabelsMaskArray());
    }

    /** Units in each of the LSTM baseline's three layers. */
    static final int LSTM_BASELINE_SIZE = 64;

    /**
     * The baseline of the NTM paper's comparisons: a 3-layer LSTM (DL4J's own), here of 64 units a layer
     * (85,000 parameters for the copy task, against the NTM's 13,000; the paper used 256), trained with
     * the same updater, clipping and data.
     */
    public static MultiLayerNetwork lstmBaseline(SequenceTask task, long seed, double lr) {
        return lstmBaseline(task, seed, new RmsProp(lr));
    }

    /** {@link #lstmBaseline(SequenceTask, long, double)} with another updater. */
    public static MultiLayerNetwork lstmBaseline(SequenceTask task, long seed, IUpdater updater) {
        return lstmBaseline(task, seed, updater, LSTM_BASELINE_SIZE);
    }

    /**
     * The baseline with {@code units} per layer: 24 matches the copy NTM's 13,260 parameters (12,872 for the
     * copy task's 9 inputs and 8 outputs).
     */
    public static MultiLayerNetwork lstmBaseline(SequenceTask task, long seed, IUpdater updater, int units) {
        NeuralNetConfiguration.ListBuilder list = training(seed, updater);
        for (int i = 0; i < 3; i++) {
            list.layer(new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nOut(units)
                    .activation(Activation.TANH).build());
        }
        return withBitsOutput(list, task);
    }

    /**
     * The size of the NTM {@code train} builds: NTM-Lasagne's copy network ({@link #LASAGNE}) unless
     * {@code --controller-size}, {@code --memory-rows}, {@code --memory-width}, {@code --read-heads},
     * {@code --write-heads} or {@code --initial-state learned} say otherwise.
     */
    public record Shape(int controllerSize, int memoryRows, int memoryWidth, int readHeads, int writeHeads,
                        boolean learnInitialState) {
        @Override
        public String toString() {
            return "controller_size=" + controllerSize + " memory=" + memoryRows + "x" + memoryWidth + " heads="
                    + readHeads + "+" + writeHeads + (learnInitialState ? " initial_state=learned" : "");
        }
    }

    /** FF controller 100, memory 128 x 20, one read and one write head, fixed initial state. */
    public static final Shape LASAGNE = new Shape(100, 128, 20, 1, 1, false);

    private static final List<String> SHAPE_OPTIONS = List.of("controller-size", "memory-rows", "memory-width",
            "read-heads", "write-heads", "initial-state");

    /** The NTM's size from the options; a usage error if they do not go with the rest of the command. */
    private Shape shape() {
        List<String> given = SHAPE_OPTIONS.stream().filter(options::has).toList();
        if (given.isEmpty()) {
            return LASAGNE;
        }
        if (options.has("baseline") || options.has("resume") || options.has("init-from")) {
            throw new UsageException("--" + given.get(0) + " sizes a new NTM; it does not go with "
                    + (options.has("resume") ? "--resume (the saved network keeps its size)"
                    : options.has("init-from") ? "--init-from (which maps weights onto the default size)"
                    : "--baseline"));
        }
        String initial = options.get("initial-state", "fixed");
        if (!initial.equals("fixed") && !initial.equals("learned")) {
            throw new UsageException("--initial-state must be fixed or learned, got \"" + initial + "\"");
        }
        return new Shape((int) options.getLong("controller-size", LASAGNE.controllerSize(), 1),
                (int) options.getLong("memory-rows", LASAGNE.memoryRows(), 1),
                (int) options.getLong("memory-width", LASAGNE.memoryWidth(), 1),
                (int) options.getLong("read-heads", LASAGNE.readHeads(), 1),
                (int) options.getLong("write-heads", LASAGNE.writeHeads(), 1),
                initial.equals("learned"));
    }

    /** NTM-Lasagne's copy network: FF controller 100, memory 128 x 20, one read and one write head. */
    public static MultiLayerNetwork network(SequenceTask task, ControllerType controller, long seed, double lr) {
        return network(task, controller, seed, new RmsProp(lr));
    }

    /** {@link #network(SequenceTask, ControllerType, long, double)} with another updater. */
    public static MultiLayerNetwork network(SequenceTask task, ControllerType controller, long seed, IUpdater updater) {
        return network(task, controller, seed, updater, NtmActivation.TANH, NtmActivation.TANH);
    }

    /**
     * {@link #network(SequenceTask, ControllerType, long, IUpdater)} with other activations for the keys and
     * the add vectors (NTM-Lasagne's copy example used ReLU for both).
     */
    public static MultiLayerNetwork network(SequenceTask task, ControllerType controller, long seed, IUpdater updater,
                                            NtmActivation keyActivation, NtmActivation addActivation) {
        return network(task, controller, seed, updater, keyActivation, addActivation, LASAGNE);
    }

    /** {@link #network(SequenceTask, ControllerType, long, IUpdater, NtmActivation, NtmActivation)} of another size. */
    public static MultiLayerNetwork network(SequenceTask task, ControllerType controller, long seed, IUpdater updater,
                                            NtmActivation keyActivation, NtmActivation addActivation, Shape shape) {
        NtmLayer ntm;
        try {
            ntm = new NtmLayer.Builder().nIn(task.inputSize()).memory(shape.memoryRows(), shape.memoryWidth())
                    .controllerSize(shape.controllerSize()).controller(controller).readHeads(shape.readHeads())
                    .writeHeads(shape.writeHeads()).shiftRange(1).learnInitialState(shape.learnInitialState())
                    .keyActivation(keyActivation).addActivation(addActivation).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return withBitsOutput(training(seed, updater).layer(ntm), task);
    }

    /** The activation named by {@code --option}: relu, tanh, sigmoid, hard-sigmoid or identity; tanh if absent. */
    private NtmActivation activation(String option) {
        String name = options.get(option, "tanh");
        for (NtmActivation a : NtmActivation.values()) {
            if (a.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(name)) {
                return a;
            }
        }
        throw new UsageException("--" + option + " must be relu, tanh, sigmoid, hard-sigmoid or identity, got \"" + name + "\"");
    }

    /** NTM-Lasagne's training settings, shared by the NTM and its baseline: the updater (RMSprop by default), element-wise clipping at 10. */
    private static NeuralNetConfiguration.ListBuilder training(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(updater)
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(10)
                .list();
    }

    /** Adds the sigmoid + cross-entropy output every bit-vector task needs, and builds the network. */
    private static MultiLayerNetwork withBitsOutput(NeuralNetConfiguration.ListBuilder list, SequenceTask task) {
        MultiLayerConfiguration conf = list
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(task.outputSize()).build())
                .setInputType(InputType.recurrent(task.inputSize()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The updater {@code --updater} names (rmsprop, graves or adam) at learning rate {@code lr}. */
    static IUpdater updater(String name, double lr) {
        switch (name) {
            case "rmsprop": return new RmsProp(lr);
            case "graves": return new GravesRmsProp(lr);
            case "adam": return new Adam(lr);
            default: throw new UsageException("--updater must be rmsprop, graves or adam, got \"" + name + "\"");
        }
    }
}
