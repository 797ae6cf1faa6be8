package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
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
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code train}: trains an NTM on a task with the task's recipe ({@link TaskName}, {@link Recipe}: the
 * settings that worked for it in docs/results.md), any option given overriding that one setting. Gradients
 * are clipped element-wise at 10 (the NTM paper, NTM-Lasagne). It validates and prints a progress line
 * every 1000 sequences ({@code --validate-every}), until the bit errors on a fixed validation set fall to
 * the target (unless {@code --target-bit-errors off}), or the time or sequence budget runs out. With a
 * learning-rate drop ({@code --lr-drop F}) reaching the target does not stop training: the learning rate is
 * multiplied by F once and training goes on to the end of the budget (NTM-Lasagne dropped its rate
 * tenfold once the loss was low). With {@code --out} the best model so far (by validation bit errors;
 * the later one on a tie) is saved at every improvement, so a NaN or exploding loss, which stops
 * training, leaves the last good checkpoint.
 *
 * <p>With a curriculum ({@code --curriculum E}, repeat copy) the minibatches and the validation set come
 * from the curriculum's current level, which rises each time the validation bit errors fall under E; the
 * target stops training only at the final level. The level is not saved: {@code --resume} starts the
 * curriculum again from one repeat, and a trained model climbs back within a few validations.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an NTM (or an LSTM baseline) on a task and print its progress: a line and a "
                + "validation every 1000 sequences, the best model saved along the way with --out.", "",
                "Each task has a recipe, the settings that worked for it (below): train --task T alone trains with "
                        + "it, and an option given overrides that one setting.", ""})
public final class TrainCommand implements Callable<Integer> {
    /** The width of the copy tasks' vectors (the task defaults). */
    private static final int BITS = 8;

    /** A loss above this (bits of cross-entropy per minibatch) is taken as exploded: training stops. */
    static final double EXPLODED_LOSS = 1e6;

    /** {@code --baseline}: a network other than the NTM, trained the same way. */
    enum Baseline {
        /** DL4J's 3-layer LSTM, the baseline of the NTM paper's comparisons. */
        LSTM;

        @Override
        public String toString() {
            return Cli.optionName(this);
        }
    }

    /** {@code --initial-state}: the NTM's state before the first step. */
    enum InitialState {
        /** The layer's fixed initial state. */
        FIXED,
        /** Learned, as parameters. */
        LEARNED;

        @Override
        public String toString() {
            return Cli.optionName(this);
        }
    }

    /** The command-line names of the activations, for the help. */
    static final class ActivationNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(NtmActivation.values()).map(Cli::optionName).iterator();
        }
    }

    private static final String RECIPE = "(default: the task's recipe)";

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "copy", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TaskName taskName;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the weights, the training data and the "
            + "validation set; any whole number (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the best model so far is saved.")
    String out;

    @Option(names = "--max-length", paramLabel = "L", converter = Cli.PositiveInt.class,
            description = "The longest training sequence: copy and reversed-copy (default 5), dyck (default 40, even).")
    Integer maxLength;

    // ---- The recipe's settings: null unless given ----
    @Option(names = "--updater", paramLabel = "UPDATER", description = "${COMPLETION-CANDIDATES}; graves: Graves' RMSprop with momentum, "
            + "the NTM paper's " + RECIPE + ".")
    Updater updater;

    @Option(names = "--lr", paramLabel = "R", converter = Cli.PositiveDouble.class,
            description = "Learning rate, above 0 " + RECIPE + ".")
    Double lr;

    @Option(names = "--batch", paramLabel = "B", converter = Cli.PositiveInt.class,
            description = "Sequences per minibatch " + RECIPE + ".")
    Integer batch;

    @Option(names = "--controller", paramLabel = "ff|lstm", description = "${COMPLETION-CANDIDATES} " + RECIPE + ".")
    Controller controller;

    @Option(names = "--key-activation", paramLabel = "A", completionCandidates = ActivationNames.class,
            description = "Of the heads' keys: ${COMPLETION-CANDIDATES} " + RECIPE + ".")
    NtmActivation keyActivation;

    @Option(names = "--add-activation", paramLabel = "A", completionCandidates = ActivationNames.class,
            description = "Of the add vectors: ${COMPLETION-CANDIDATES} " + RECIPE + ".")
    NtmActivation addActivation;

    @Option(names = "--lr-drop", paramLabel = "F|off", converter = Cli.FractionOrOff.class,
            description = "At the target, multiply the learning rate by F, in (0, 1], and train on to the end of the "
                    + "budget; off: stop at the target " + RECIPE + ".")
    Double lrDrop;

    @Option(names = "--curriculum", paramLabel = "E|off", converter = Cli.PositiveOrOff.class,
            description = "repeat-copy: start at one repeat, one more each time the validation bit errors per "
                    + "sequence fall under E " + RECIPE + ".")
    Double curriculumThreshold;

    @Option(names = "--target-bit-errors", paramLabel = "E|off", converter = Cli.NonNegativeOrOff.class,
            description = "Validation bit errors per sequence that count as learned " + RECIPE + ".")
    Double targetBitErrors;

    @Option(names = "--max-sequences", paramLabel = "N", converter = Cli.PositiveLong.class,
            description = "Budget in sequences " + RECIPE + ".")
    Long maxSequences;

    @Option(names = "--minutes", paramLabel = "M", converter = Cli.PositiveDouble.class,
            description = "Budget in time, a cap for a slow machine " + RECIPE + ".")
    Double minutes;

    // ---- The rest ----
    @Option(names = "--validate-every", paramLabel = "N", converter = Cli.PositiveLong.class, defaultValue = "1000",
            description = "Sequences between validations (default: ${DEFAULT-VALUE}).")
    long validateEvery;

    @Option(names = "--baseline", paramLabel = "lstm", description = "Train ${COMPLETION-CANDIDATES} instead of the NTM: DL4J's 3-layer "
            + "LSTM.")
    Baseline baseline;

    @Option(names = "--lstm-units", paramLabel = "U", converter = Cli.PositiveInt.class,
            description = "Units per layer of the LSTM baseline (default: " + LSTM_BASELINE_SIZE + ").")
    Integer lstmUnits;

    @Option(names = "--resume", paramLabel = "FILE", description = "Go on training a saved model, with its updater "
            + "state; --lr replaces its rate.")
    File resume;

    @Option(names = "--init-from", paramLabel = "FILE", description = "Start from the weights of a model of a related "
            + "task (copy, reversed-copy, repeat-copy), channels matched by meaning.")
    File initFrom;

    @Option(names = "--controller-size", paramLabel = "H", converter = Cli.PositiveInt.class,
            description = "Controller units (default: 100).")
    Integer controllerSize;

    @Option(names = "--memory-rows", paramLabel = "N", converter = Cli.PositiveInt.class,
            description = "Memory rows (default: 128).")
    Integer memoryRows;

    @Option(names = "--memory-width", paramLabel = "W", converter = Cli.PositiveInt.class,
            description = "Memory width (default: 20).")
    Integer memoryWidth;

    @Option(names = "--read-heads", paramLabel = "R", converter = Cli.PositiveInt.class,
            description = "Read heads (default: 1).")
    Integer readHeads;

    @Option(names = "--write-heads", paramLabel = "V", converter = Cli.PositiveInt.class,
            description = "Write heads (default: 1).")
    Integer writeHeads;

    @Option(names = "--initial-state", paramLabel = "fixed|learned", description = "${COMPLETION-CANDIDATES} (default: fixed).")
    InitialState initialState;

    /**
     * Adds the table of every task's recipe to {@code train}'s help: the defaults of the options marked
     * "the task's recipe".
     */
    public static void describeRecipes(CommandLine train) {
        List<String> lines = new ArrayList<>(List.of("", "The recipes (docs/results.md has the runs behind them):"));
        for (TaskName t : TaskName.values()) {
            lines.add(String.format(Locale.ROOT, "  %s: %s.", t, t.evidence()));
            lines.addAll(wrap(t.recipe().asOptions(), "      ", 79));
        }
        train.getCommandSpec().usageMessage().footer(lines.toArray(new String[0]));
    }

    /** {@code text} in lines of at most {@code width} characters, each starting with {@code indent}. */
    private static List<String> wrap(String text, String indent, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The task's recipe with the options given in place of its settings. */
    Recipe settings() {
        Recipe r = taskName.recipe();
        boolean noTarget = targetBitErrors != null && targetBitErrors == Double.NEGATIVE_INFINITY;
        // Off given for the target: a learning-rate drop, which acts at the target, cannot act.
        Double drop = lrDrop != null ? (Cli.isOff(lrDrop) ? null : lrDrop) : noTarget ? null : r.lrDrop();
        return new Recipe(orElse(updater, r.updater()), orElse(lr, r.learningRate()), orElse(batch, r.batch()),
                orElse(controller, r.controller()), orElse(keyActivation, r.keyActivation()),
                orElse(addActivation, r.addActivation()), drop,
                curriculumThreshold != null ? (Cli.isOff(curriculumThreshold) ? null : curriculumThreshold) : r.curriculum(),
                orElse(targetBitErrors, r.targetBitErrors()), orElse(maxSequences, r.maxSequences()), orElse(minutes, r.minutes()));
    }

    private static <T> T orElse(T given, T recipe) {
        return given != null ? given : recipe;
    }

    @Override
    public Integer call() {
        checkOptionsGoTogether();
        Recipe settings = settings();
        String name = taskName.toString();
        SequenceTask task = TaskCatalog.training(name, maxLength == null ? 0 : maxLength);
        // With a curriculum the minibatches come from the curriculum's current task, which grows to `task`.
        Curriculum curriculum = settings.curriculum() == null ? null
                : TaskCatalog.curriculum(name, settings.curriculum());
        double target = settings.targetBitErrors();
        boolean dropPending = settings.lrDrop() != null;
        IUpdater optimiser = settings.updater().create(settings.learningRate());
        Shape shape = shape();
        MultiLayerNetwork net;
        if (resume != null) {
            // The saved configuration (network, updater and its state) continues; --lr, if given, replaces its rate.
            net = ModelFiles.load(resume, name, baseline == null, true);
            if (lr != null) {
                net.setLearningRate(lr);
            }
        } else {
            net = baseline == null ? network(task, settings.controller().type(), seed, optimiser, settings.keyActivation(),
                    settings.addActivation(), shape) : lstmBaseline(task, seed, optimiser, orElse(lstmUnits, LSTM_BASELINE_SIZE));
        }
        if (initFrom != null) {
            String fromTask = ModelFiles.recordedTask(initFrom);
            WarmStart.apply(ModelFiles.load(initFrom, fromTask), fromTask, net, name, BITS);
            System.out.println("init-from=" + initFrom + " trained_on=" + fromTask);
        }
        TaskIterator train = (curriculum != null ? TaskIterator.builder(curriculum) : TaskIterator.builder(task))
                .batchSize(settings.batch()).seed(seed).freshDataEachEpoch(true).dataType(DataType.FLOAT).build();
        DataSet validation = validationSet(curriculum != null ? curriculum.task() : task, seed);

        String model = baseline == null
                ? "ntm controller=" + Controller.of(((NtmLayer) net.getLayer(0).conf().getLayer()).getController()) + " path="
                        + ((io.github.ntm4j.layer.runtime.NtmRecurrentLayer) net.getLayer(0)).pathName()
                        + (shape.equals(LASAGNE) ? "" : " " + shape)
                : "lstm-baseline 3x" + ((FeedForwardLayer) net.getLayer(0).conf().getLayer()).getNOut();
        System.out.printf(Locale.ROOT, "task=%s model=%s params=%d seed=%d budget=%.1fmin%n",
                task.name(), model, net.numParams(), seed, settings.minutes());
        System.out.println("settings: " + settings.asOptions() + " (the " + name + " recipe, and the options given"
                + (resume != null ? "; --resume keeps the saved network, its updater and, unless --lr is given, its rate)"
                : ")"));
        long start = System.nanoTime();
        long deadline = start + (long) (settings.minutes() * 60e9);
        long maxSequences = settings.maxSequences();
        // Validation by sequences seen, not by the clock: the same command then stops and checkpoints at the
        // same point on any machine, so a run can be reproduced exactly.
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
                    double rate = net.getLearningRate(0) * settings.lrDrop();
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
            ModelFiles.save(net, taskName.toString(), new File(out));
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

    /** The NTM's size from the options. */
    private Shape shape() {
        return new Shape(orElse(controllerSize, LASAGNE.controllerSize()), orElse(memoryRows, LASAGNE.memoryRows()),
                orElse(memoryWidth, LASAGNE.memoryWidth()), orElse(readHeads, LASAGNE.readHeads()),
                orElse(writeHeads, LASAGNE.writeHeads()), initialState == InitialState.LEARNED);
    }

    /** Options that parse but do not go together: a usage error naming them. */
    private void checkOptionsGoTogether() {
        if (lrDrop != null && !Cli.isOff(lrDrop) && targetBitErrors != null && targetBitErrors == Double.NEGATIVE_INFINITY) {
            throw new UsageException("--lr-drop acts when the target is reached; it does not go with --target-bit-errors off");
        }
        if ((keyActivation != null || addActivation != null) && baseline != null) {
            throw new UsageException("--key-activation and --add-activation configure the NTM; they do not go with --baseline");
        }
        if (lstmUnits != null && baseline == null) {
            throw new UsageException("--lstm-units sizes the LSTM baseline; it needs --baseline lstm");
        }
        if ((keyActivation != null || addActivation != null) && resume != null) {
            throw new UsageException("--key-activation and --add-activation shape a new NTM; --resume keeps the saved one's");
        }
        if (initFrom != null && (resume != null || baseline != null)) {
            throw new UsageException("--init-from starts a new NTM from another task's model; it does not go with "
                    + (resume != null ? "--resume" : "--baseline"));
        }
        Map<String, Object> shapeOptions = new LinkedHashMap<>();
        shapeOptions.put("--controller-size", controllerSize);
        shapeOptions.put("--memory-rows", memoryRows);
        shapeOptions.put("--memory-width", memoryWidth);
        shapeOptions.put("--read-heads", readHeads);
        shapeOptions.put("--write-heads", writeHeads);
        shapeOptions.put("--initial-state", initialState);
        String given = shapeOptions.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (given != null && (baseline != null || resume != null || initFrom != null)) {
            throw new UsageException(given + " sizes a new NTM; it does not go with "
                    + (resume != null ? "--resume (the saved network keeps its size)"
                    : initFrom != null ? "--init-from (which maps weights onto the default size)"
                    : "--baseline"));
        }
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
}
