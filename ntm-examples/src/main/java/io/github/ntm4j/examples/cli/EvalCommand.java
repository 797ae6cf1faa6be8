package io.github.ntm4j.examples.cli;

import io.github.ntm4j.tasks.DynamicNGramsTask;
import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code eval}: the generalisation table of a trained model: mean bit errors, cost in bits and
 * accuracy over a fixed-seed test set at each length (or item count).
 */
public final class EvalCommand {
    public static final String USAGE = "eval --model model.zip --task " + TaskCatalog.CHOICES + " "
            + "[--lengths L1,L2,...] [--examples 50] [--seed 1] [--csv out.csv]";

    private final Options options;

    public EvalCommand(String[] args) {
        this.options = new Options(args, Set.of("model", "task", "lengths", "examples", "seed", "csv"));
    }

    public int run() {
        String model = options.get("model", null);
        if (model == null) {
            throw new UsageException("eval needs --model model.zip");
        }
        String task = options.get("task", "copy");
        TaskCatalog.sweepVariable(task);   // rejects an unknown task before the model is read
        int[] values = BenchCommand.ints(options.get("lengths", TaskCatalog.defaultSweep(task)), "lengths").stream()
                .mapToInt(Integer::intValue).toArray();
        MultiLayerNetwork net = ModelFiles.load(new File(model), task, false);   // an LSTM baseline too
        SweepTable table = sweep(net, task, values, (int) options.getLong("examples", 50, 1),
                options.getLong("seed", 1, Long.MIN_VALUE));
        System.out.println(table);
        if (task.equals("ngrams")) {
            // The paper judges n-gram models against the Bayes-optimal predictor (Section 4.4): the same
            // sweep, the same seeded sequences.
            System.out.println("the Bayes-optimal predictor on the same sequences:");
            System.out.println(sweep(net, task, values, (int) options.getLong("examples", 50, 1),
                    options.getLong("seed", 1, Long.MIN_VALUE), true));
        }
        String csv = options.get("csv", null);
        if (csv != null) {
            try {
                table.writeCsv(Path.of(csv));
                System.out.println("wrote " + csv);
            } catch (IOException e) {
                System.err.println("ntm4j: could not write " + csv + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    static SweepTable sweep(MultiLayerNetwork net, String task, int[] values, int examples, long seed) {
        return sweep(net, task, values, examples, seed, false);
    }

    /** The sweep of {@code net}, or with {@code bayesOptimal} of the n-gram task's Bayes-optimal predictor. */
    private static SweepTable sweep(MultiLayerNetwork net, String task, int[] values, int examples, long seed,
                                    boolean bayesOptimal) {
        GeneralisationSweep sweep = GeneralisationSweep.over(TaskCatalog.sweepVariable(task), v -> TaskCatalog.sweep(task, v))
                .values(values).examples(examples).batchSize(Math.min(examples, 32)).seed(seed);
        return bayesOptimal ? sweep.run(new DynamicNGramsTask().bayesOptimalPredictor()) : sweep.run(net);
    }
}
