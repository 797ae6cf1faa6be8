package io.github.ntm4j.examples.tasks;

import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;
import java.io.IOException;
import java.util.Locale;

/**
 * The plumbing the standalone task examples share, so that each of them shows only what differs:
 * the task, the network and the training settings. It reads the few command-line options, runs the
 * training loop within the budget, prints the generalisation table and saves the model.
 *
 * <pre>
 *   [--minutes M]        stop training after M minutes (default: the example's own budget)
 *   [--minibatches N]    stop training after N minibatches (default: no limit)
 *   [--examples E]       test sequences per row of the generalisation table (default 100)
 *   [--out model.zip]    where to save the trained network (default: the example's file name)
 * </pre>
 */
public final class ExampleRunner {
    /** How often the training loop prints a progress line. */
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final String usage;
    private double minutes;
    private long maxMinibatches = Long.MAX_VALUE;
    private int testExamples = 100;
    private File out;

    private ExampleRunner(String usage, double minutes, File out) {
        this.usage = usage;
        this.minutes = minutes;
        this.out = out;
    }

    /**
     * Reads {@code --minutes}, {@code --minibatches}, {@code --examples} and {@code --out}.
     *
     * @param example        the example's class, named in the usage line
     * @param defaultMinutes the training budget when {@code --minutes} is not given
     * @param defaultOut     the model file when {@code --out} is not given
     * @throws IllegalArgumentException on an unknown option or a bad value, with the usage line
     */
    public static ExampleRunner fromArgs(Class<?> example, String[] args, double defaultMinutes, String defaultOut) {
        ExampleRunner runner = new ExampleRunner("usage: java -cp ntm4j.jar " + example.getName()
                + " [--minutes M] [--minibatches N] [--examples E] [--out model.zip]", defaultMinutes, new File(defaultOut));
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw runner.usageError(args[i] + " needs a value");
            }
            String value = args[i + 1];
            try {
                switch (args[i]) {
                    case "--minutes": runner.minutes = positive(Double.parseDouble(value)); break;
                    case "--minibatches": runner.maxMinibatches = (long) positive(Long.parseLong(value)); break;
                    case "--examples": runner.testExamples = (int) positive(Integer.parseInt(value)); break;
                    case "--out": runner.out = new File(value); break;
                    default: throw runner.usageError("unknown option " + args[i]);
                }
            } catch (NumberFormatException e) {
                throw runner.usageError(args[i] + " needs a positive number, got \"" + value + "\"");
            }
        }
        return runner;
    }

    private static double positive(double value) {
        if (!(value > 0)) {
            throw new NumberFormatException();
        }
        return value;
    }

    private IllegalArgumentException usageError(String problem) {
        return new IllegalArgumentException(problem + "\n" + usage);
    }

    /** The file the model is saved to. */
    public File out() {
        return out;
    }

    /**
     * Trains {@code net} one minibatch at a time ({@code net.fit(minibatch)}) until the time or
     * minibatch budget runs out or the loss stops being finite, printing a progress line every ten
     * seconds. The iterator is reset whenever an epoch ends.
     */
    public void train(MultiLayerNetwork net, DataSetIterator data) {
        System.out.printf(Locale.ROOT, "parameters=%d budget: %.1f minutes%s%n", net.numParams(), minutes,
                maxMinibatches == Long.MAX_VALUE ? "" : " or " + maxMinibatches + " minibatches");
        long start = System.nanoTime();
        long deadline = start + (long) (minutes * 60e9);
        long lastPrint = start;
        long minibatches = 0;
        long sequences = 0;
        double lossSum = 0;
        int lossCount = 0;
        while (System.nanoTime() < deadline && minibatches < maxMinibatches) {
            if (!data.hasNext()) {
                data.reset();
            }
            DataSet minibatch = data.next();
            net.fit(minibatch);
            minibatches++;
            sequences += minibatch.numExamples();
            lossSum += net.score();
            lossCount++;
            if (!Double.isFinite(net.score())) {
                System.out.println("stopped: the loss became " + net.score() + " at minibatch " + minibatches);
                break;
            }
            long now = System.nanoTime();
            if (now - lastPrint >= PROGRESS_EVERY_NANOS || now >= deadline || minibatches >= maxMinibatches) {
                System.out.printf(Locale.ROOT, "minibatch=%d sequences=%d mean_loss=%.5f elapsed_s=%.0f%n",
                        minibatches, sequences, lossSum / lossCount, (now - start) / 1e9);
                lastPrint = now;
                lossSum = 0;
                lossCount = 0;
            }
        }
    }

    /** Runs {@code sweep} on {@code net} with {@code --examples} test sequences per row, and prints the table. */
    public SweepTable printTable(String title, GeneralisationSweep sweep, MultiLayerNetwork net) {
        SweepTable table = sized(sweep).run(net);
        print(title, table);
        return table;
    }

    /** The sweep with {@code --examples} test sequences per row (for a second predictor on the same sequences). */
    public GeneralisationSweep sized(GeneralisationSweep sweep) {
        return sweep.examples(testExamples).batchSize(Math.min(testExamples, 32));
    }

    /** Prints a table under a title line. */
    public static void print(String title, SweepTable table) {
        System.out.println();
        System.out.println(title);
        System.out.print(table);
        System.out.println();
    }

    /** Saves {@code net} with its updater state (so training can resume) to {@code --out}. */
    public void save(MultiLayerNetwork net) throws IOException {
        File parent = out.getAbsoluteFile().getParentFile();
        if (parent != null) {
            parent.mkdirs();
        }
        ModelSerializer.writeModel(net, out, true);
        System.out.println("saved " + out + " (load it with ModelSerializer.restoreMultiLayerNetwork)");
    }
}
