package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.examples.Ntm4j;
import io.github.ntm4j.examples.cli.Cli;
import io.github.ntm4j.examples.training.ConsoleProgress;
import io.github.ntm4j.examples.training.JsonLinesLog;
import io.github.ntm4j.examples.training.Selection;
import io.github.ntm4j.examples.training.Trainer;
import io.github.ntm4j.tasks.Curriculum;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.util.ModelSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The plumbing the standalone task examples share, so that each of them shows only what differs:
 * the task, the network and the training settings. It reads the few command-line options
 * ({@link ExampleOptions}; {@code --help} lists them), runs the training loop within the budget
 * (validating, and keeping the best parameters), prints the generalisation table and saves the model.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = Ntm4j.Version.class, description = "Trains an NTM on the example's task, prints its "
        + "generalisation table and saves the model.")
public final class ExampleRunner {
    /**
     * Validation (and a progress line) every this many sequences: by sequences rather than by the clock,
     * so that the same example stops at the same point on any machine.
     */
    private static final long VALIDATE_EVERY_SEQUENCES = 1000;
    /** Sequences in the fixed validation set of the training task. */
    private static final int VALIDATION_SEQUENCES = 64;
    /** Seed of the validation set: not a small number, so it differs from the examples' training seeds. */
    private static final long VALIDATION_SEED = 20_141_020L;
    /** Training stops at this many bit errors per validation sequence (the {@code train} command's default). */
    public static final double TARGET_BIT_ERRORS = 0.01;

    @Mixin
    private ExampleOptions options = new ExampleOptions();
    private final double defaultMinutes;
    private final File defaultOut;
    private long defaultMinibatches = Long.MAX_VALUE;
    /** A curriculum that advances on the validation bit errors, or null. */
    private Curriculum onBitErrors;
    /** Validation bit errors per sequence at which training stops (or the learning rate drops). */
    private double target = TARGET_BIT_ERRORS;
    /** What the learning rate is multiplied by once the target is reached; null when training stops there. */
    private Double dropAtTarget;
    private Selection selection = Selection.BIT_ERRORS;
    /** The gradient's global L2 norm is clipped to this before the element-wise clipping; null for none. */
    private Double clipGlobalNorm;
    /** Sequences into the second stage from which its parameters are averaged, or null ({@link #averageSecondStageFrom}). */
    private Long averageSecondStageFrom;
    /** The example's class name, for the header line. */
    private final String example;

    private ExampleRunner(Class<?> example, double defaultMinutes, File defaultOut) {
        this.example = example.getSimpleName();
        this.defaultMinutes = defaultMinutes;
        this.defaultOut = defaultOut;
    }

    /**
     * Reads {@code --minutes}, {@code --minibatches}, {@code --examples}, {@code --out} and {@code --seed}. On
     * {@code --help} it prints the usage and exits with 0; on a bad option it prints one line and exits with 2.
     *
     * @param example        the example's class, named in the usage
     * @param defaultMinutes the training budget when {@code --minutes} is not given
     * @param defaultOut     the model file when {@code --out} is not given
     */
    public static ExampleRunner fromArgs(Class<?> example, String[] args, double defaultMinutes, String defaultOut) {
        ExampleRunner runner = new ExampleRunner(example, defaultMinutes, new File(defaultOut));
        Cli.parse(commandLine(example, runner), args).ifPresent(System::exit);
        return runner;
    }

    /** The command line of {@code example}, parsing into {@code runner}'s options. */
    static CommandLine commandLine(Class<?> example, ExampleRunner runner) {
        return Cli.configure(new CommandLine(runner).setCommandName("java -cp ntm4j.jar " + example.getName()),
                example.getSimpleName());
    }

    /** A runner with the example's defaults and {@code args} parsed, for tests; a bad option throws. */
    static ExampleRunner parsed(Class<?> example, double defaultMinutes, String defaultOut, String... args) {
        ExampleRunner runner = new ExampleRunner(example, defaultMinutes, new File(defaultOut));
        commandLine(example, runner).parseArgs(args);
        return runner;
    }

    /**
     * Reports each validation measurement (bit errors per sequence) to {@code curriculum}, which advances
     * when they fall under its threshold: the repeat-copy curriculum. (NTM-Lasagne's Dyck-words
     * curriculum follows the training loss instead, through a {@link io.github.ntm4j.tasks.CurriculumListener}.)
     */
    public void advanceOnBitErrors(Curriculum curriculum) {
        this.onBitErrors = curriculum;
    }

    /**
     * Reaching the target no longer stops training: the learning rate is multiplied by {@code factor}
     * once, and training goes on to the end of the budget, keeping the best (on a tie, the latest)
     * parameters. NTM-Lasagne dropped its rate tenfold once the loss was low; with this, the Dyck-words
     * recipe of docs/results.md trains on after its first error-free validation.
     *
     * @throws IllegalArgumentException unless {@code 0 < factor < 1}
     */
    public void dropLearningRateAtTarget(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("the learning rate drop at the target must be a factor between 0 and 1 "
                    + "(NTM-Lasagne's is 0.1), got " + factor);
        }
        this.dropAtTarget = factor;
    }

    /**
     * Which validation score picks the parameters kept: the bit errors (the default), or the cost in bits, which
     * ranks models of a probabilistic task such as dynamic n-grams, where the bit errors barely move.
     */
    public void selectBy(Selection selection) {
        this.selection = java.util.Objects.requireNonNull(selection, "selection");
    }

    /**
     * Clips the gradient's global L2 norm to {@code maxNorm} before each update
     * ({@link io.github.ntm4j.layer.updater.GlobalNormClipping}, which DL4J lacks), as Collier &amp; Beel and
     * DeepMind's DNC do; the network's own element-wise clipping applies after it.
     *
     * @throws IllegalArgumentException unless {@code maxNorm} is finite and above 0
     */
    public void clipGlobalNorm(double maxNorm) {
        if (!(maxNorm > 0 && Double.isFinite(maxNorm))) {
            throw new IllegalArgumentException("the global norm to clip the gradient to must be finite and above 0 "
                    + "(Collier & Beel's is 50), got " + maxNorm);
        }
        this.clipGlobalNorm = maxNorm;
    }

    /**
     * Averages the second stage's parameters over its validations from {@code sequences} sequences into it on, and
     * leaves the network with the average instead of the best parameters, as {@code train --average-from} does; a
     * second stage too short to reach {@code sequences} keeps its best parameters.
     *
     * @throws IllegalArgumentException unless {@code sequences} is at least 1
     */
    public void averageSecondStageFrom(long sequences) {
        if (sequences < 1) {
            throw new IllegalArgumentException("averaging starts after 1 sequence or more, got " + sequences);
        }
        this.averageSecondStageFrom = sequences;
    }

    /** Sets the validation bit errors per sequence that count as reaching the target (tests use a lax one). */
    void target(double bitErrors) {
        this.target = bitErrors;
    }

    /**
     * The example's own budget in minibatches, used unless {@code --minibatches} is given. With it the
     * example stops at the same point on any machine (the time budget then only caps a slow one).
     */
    public void defaultMinibatches(long minibatches) {
        defaultMinibatches = minibatches;
    }

    /** The seed to train with: {@code --seed} if it was given, else {@code exampleSeed}. */
    public long seed(long exampleSeed) {
        if (options.seed == null) {
            options.seed = exampleSeed;
        }
        return options.seed;
    }

    /** The file the model is saved to. */
    public File out() {
        return options.out != null ? options.out : defaultOut;
    }

    private double minutes() {
        return options.minutes != null ? options.minutes : defaultMinutes;
    }

    private long maxMinibatches() {
        return options.minibatches != null ? options.minibatches : defaultMinibatches;
    }

    /**
     * Trains {@code net} with the shared {@link Trainer}: one minibatch at a time until the time or
     * minibatch budget runs out, the loss diverges, or the network makes no more than
     * {@value #TARGET_BIT_ERRORS} bit errors per sequence on a fixed validation set (of the final task, if a
     * curriculum drives the iterator), unless {@link #dropLearningRateAtTarget} says to train on. Every 1000
     * sequences it prints a progress line in {@code train}'s format (and, with {@code --log}, a JSON line), and
     * keeps the parameters that scored best, the later ones on a tie: NTM training can fall apart after it
     * has converged (docs/results.md), so the network is left with its best parameters, not its last.
     */
    public void train(MultiLayerNetwork net, TaskIterator data) {
        train(net, data, maxMinibatches(), "");
    }

    /**
     * A second stage, as the {@code train} command's recipes have: from the parameters {@link #train} kept, sets the
     * learning rate to {@code learningRate} and trains on {@code freshData} (a stream the first stage did not see)
     * for {@code minibatches} more, or {@code --minibatches} if that is fewer, keeping the best parameters again. The
     * time budget ({@code --minutes}) caps each stage on its own.
     *
     * @throws IllegalArgumentException unless {@code minibatches} is at least 1 and {@code learningRate} is finite and
     *                                  above 0
     */
    public void trainSecondStage(MultiLayerNetwork net, TaskIterator freshData, long minibatches, double learningRate) {
        if (minibatches < 1) {
            throw new IllegalArgumentException("the second stage needs at least 1 minibatch, got " + minibatches);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("the second stage's learning rate must be finite and above 0, got "
                    + learningRate);
        }
        net.setLearningRate(learningRate);
        long budget = options.minibatches != null ? Math.min(options.minibatches, minibatches) : minibatches;
        System.out.println("second stage: " + budget + " minibatches at learning rate " + learningRate
                + ", from the best parameters of the first, on fresh data" + (averageSecondStageFrom == null ? ""
                : "; its parameters averaged from " + averageSecondStageFrom + " sequences on"));
        INDArray average = train(net, freshData, budget, " stage=2", averageSecondStageFrom);
        if (average != null) {
            net.setParams(average);
            System.out.println("the network keeps the average of the second stage's parameters");
        }
    }

    private void train(MultiLayerNetwork net, TaskIterator data, long minibatches, String stage) {
        train(net, data, minibatches, stage, null);
    }

    /**
     * Trains one stage; with {@code averageFrom}, returns the stage's averaged parameters (null if the stage ended
     * before averaging began, or without {@code averageFrom}).
     */
    private INDArray train(MultiLayerNetwork net, TaskIterator data, long minibatches, String stage, Long averageFrom) {
        INDArray[] average = new INDArray[1];
        Trainer.Builder trainer = Trainer.builder().minutes(minutes()).validateEvery(VALIDATE_EVERY_SEQUENCES)
                .validation(VALIDATION_SEQUENCES, VALIDATION_SEED).target(target).keepBestParameters()
                .selectBy(selection).listener(new ConsoleProgress());
        if (minibatches != Long.MAX_VALUE) {
            trainer.maxMinibatches(minibatches);
        }
        if (dropAtTarget != null) {
            trainer.dropLearningRateAtTarget(dropAtTarget);
        }
        if (onBitErrors != null) {
            trainer.curriculumOnBitErrors(onBitErrors);
        }
        if (clipGlobalNorm != null) {
            trainer.clipGlobalNorm(clipGlobalNorm);
        }
        if (averageFrom != null) {
            trainer.averageFrom(averageFrom, n -> {
                average[0] = n.params().dup();
                return null;
            });
        }
        String model = example + (minibatches == Long.MAX_VALUE ? "" : " max_minibatches=" + minibatches) + stage;
        long seed = options.seed == null ? 0 : options.seed;
        if (options.log == null) {
            trainer.build().train(net, data, data.currentTask().name(), model, seed);
            return average[0];
        }
        // A second stage appends to the first stage's log.
        try (JsonLinesLog log = new JsonLinesLog(options.log.toPath())) {
            trainer.listener(log).build().train(net, data, data.currentTask().name(), model, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the log " + options.log + ": " + e.getMessage(), e);
        }
        return average[0];
    }

    /** Runs {@code sweep} on {@code net} with {@code --examples} test sequences per row, and prints the table. */
    public SweepTable printTable(String title, GeneralisationSweep sweep, MultiLayerNetwork net) {
        SweepTable table = sized(sweep).run(net);
        print(title, table);
        return table;
    }

    /** The sweep with {@code --examples} test sequences per row (for a second predictor on the same sequences). */
    public GeneralisationSweep sized(GeneralisationSweep sweep) {
        return sweep.examples(options.examples).batchSize(Math.min(options.examples, 32));
    }

    /** Prints a table under a title line. */
    public static void print(String title, SweepTable table) {
        System.out.println();
        System.out.println(title);
        System.out.print(table);
        System.out.println();
    }

    /**
     * Saves {@code net} to {@code --out}, without updater state: the kept best parameters and the
     * updater's last state do not belong together.
     */
    public void save(MultiLayerNetwork net) throws IOException {
        File out = out();
        File parent = out.getAbsoluteFile().getParentFile();
        if (parent != null) {
            parent.mkdirs();
        }
        ModelSerializer.writeModel(net, out, false);
        System.out.println("saved " + out + " (load it with SafeModelLoader.defaults().restoreMultiLayerNetwork)");
    }
}
