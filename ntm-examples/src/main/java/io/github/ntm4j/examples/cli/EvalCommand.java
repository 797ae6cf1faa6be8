package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmNetworks;
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
            + "[--lengths L1,L2,...] [--repeats R1,R2,...] [--examples 50] [--seed 1] [--csv out.csv] "
            + "[--memory-rows N]";

    private final Options options;

    public EvalCommand(String[] args) {
        this.options = new Options(args, Set.of("model", "task", "lengths", "repeats", "examples", "seed", "csv",
                "memory-rows"));
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
        int[] repeats = null;
        if (options.has("repeats")) {
            if (!task.equals("repeat-copy")) {
                throw new UsageException("--repeats applies to repeat-copy only");
            }
            repeats = BenchCommand.ints(options.get("repeats", ""), "repeats").stream().mapToInt(Integer::intValue).toArray();
        }
        MultiLayerNetwork net = ModelFiles.load(new File(model), task, false);   // an LSTM baseline too
        if (options.has("memory-rows")) {
            net = withMemoryRows(net, (int) options.getLong("memory-rows", 128, 1));
        }
        int examples = (int) options.getLong("examples", 50, 1);
        long seed = options.getLong("seed", 1, Long.MIN_VALUE);
        if (repeats != null) {
            // One table per repeat count, each over the lengths: generalisation in both directions.
            for (int r : repeats) {
                SweepTable table = sized(GeneralisationSweep.over("length", v -> TaskCatalog.repeatCopy(v, r)), values,
                        examples, seed).run(net);
                System.out.println("repeats=" + r);
                System.out.println(table);
                if (options.has("csv") && !writeCsv(table, withSuffix(options.get("csv", null), "-repeats" + r))) {
                    return 1;
                }
            }
            return 0;
        }
        SweepTable table = sweep(net, task, values, examples, seed);
        System.out.println(table);
        if (task.equals("ngrams")) {
            // The paper judges n-gram models against the Bayes-optimal predictor (Section 4.4): the same
            // sweep, the same seeded sequences.
            System.out.println("the Bayes-optimal predictor on the same sequences:");
            System.out.println(sweep(net, task, values, examples, seed, true));
        }
        String csv = options.get("csv", null);
        return csv == null || writeCsv(table, csv) ? 0 : 1;
    }

    private static boolean writeCsv(SweepTable table, String csv) {
        try {
            table.writeCsv(Path.of(csv));
            System.out.println("wrote " + csv);
            return true;
        } catch (IOException e) {
            System.err.println("ntm4j: could not write " + csv + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * {@code --memory-rows N}: the same model with N memory rows (NTM parameters do not depend on N), for
     * sequences whose heads would wrap around the memory it was trained with.
     */
    private static MultiLayerNetwork withMemoryRows(MultiLayerNetwork net, int rows) {
        if (!(net.getLayer(0).conf().getLayer() instanceof NtmLayer)) {
            throw new UsageException("--memory-rows applies to NTM models; this one's first layer is "
                    + net.getLayer(0).conf().getLayer().getClass().getSimpleName());
        }
        int trained = ((NtmLayer) net.getLayer(0).conf().getLayer()).getMemoryRows();
        try {
            MultiLayerNetwork resized = NtmNetworks.withMemoryRows(net, rows);
            System.out.println("memory rows: " + rows + " (the model was trained with " + trained + ")");
            return resized;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--memory-rows " + rows + ": " + e.getMessage());
        }
    }

    /** {@code out.csv} with {@code -repeats5} before its extension. */
    static String withSuffix(String file, String suffix) {
        int dot = file.lastIndexOf('.');
        return dot > Math.max(file.lastIndexOf('/'), file.lastIndexOf(File.separatorChar))
                ? file.substring(0, dot) + suffix + file.substring(dot) : file + suffix;
    }

    static SweepTable sweep(MultiLayerNetwork net, String task, int[] values, int examples, long seed) {
        return sweep(net, task, values, examples, seed, false);
    }

    /** The sweep of {@code net}, or with {@code bayesOptimal} of the n-gram task's Bayes-optimal predictor. */
    private static SweepTable sweep(MultiLayerNetwork net, String task, int[] values, int examples, long seed,
                                    boolean bayesOptimal) {
        GeneralisationSweep sweep = sized(GeneralisationSweep.over(TaskCatalog.sweepVariable(task),
                v -> TaskCatalog.sweep(task, v)), values, examples, seed);
        return bayesOptimal ? sweep.run(new DynamicNGramsTask().bayesOptimalPredictor()) : sweep.run(net);
    }

    /** {@code sweep} over {@code values}, {@code examples} seeded test sequences per value. */
    private static GeneralisationSweep sized(GeneralisationSweep sweep, int[] values, int examples, long seed) {
        return sweep.values(values).examples(examples).batchSize(Math.min(examples, 32)).seed(seed);
    }
}
