package io.github.ntm4j.examples.analysis;

import io.github.ntm4j.examples.Ntm4j;
import io.github.ntm4j.examples.cli.Cli;
import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.cli.ShippedModels;
import io.github.ntm4j.examples.dashboard.DashboardData;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.inspect.NtmInspection;
import io.github.ntm4j.tasks.DyckWordsTask;
import io.github.ntm4j.tasks.Examples;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.Locale;

/**
 * Does a Dyck-word model's (first) read head follow the depth of the prefix, the number of opening brackets
 * so far minus the closing ones? NTM-Lasagne's pictures suggest its model does; this measures it.
 *
 * <p>For each word it takes the row the read head weights most at every step. Over the steps whose
 * prefix has never gone below zero and whose depth is at least 2, it finds the line
 * {@code row = c + dir * depth (mod rows)}, {@code dir} = +1 or -1, on which the most of them lie, and
 * counts the steps on it. (Below depth 2 the models seen so far sit on rows 0 and 127 in no fixed order.)
 * For the steps after a prefix has gone below zero, when the word can no longer be balanced, it counts
 * those at which the read head is still on the row it moved to then.
 *
 * <pre>
 * java -cp ntm4j.jar io.github.ntm4j.examples.analysis.DyckDepth [--model dyck.zip] [--length 40] [--words 100]
 * </pre>
 * Without {@code --model} it measures the shipped Dyck-word model. Word {@code s} (1..words) is generated
 * with seed {@code s}, as {@code dashboard --seed s} does.
 */
public final class DyckDepth {
    /** The depth from which a model's read-head row is expected on the depth line. */
    static final int MIN_DEPTH = 2;

    /**
     * What {@link #measure} found.
     *
     * @param words          words measured
     * @param classifiedRight words whose last step was classified right
     * @param trackedSteps   steps with a never-negative prefix of depth at least 2
     * @param onDepthLine    of those, the steps on their word's depth line
     * @param risingWords    words whose line rises with depth (the rest of those with tracked steps fall)
     * @param fallingWords   words whose line falls with depth
     * @param brokenSteps    steps after the prefix went below zero
     * @param parkedSteps    of those, the steps at which the read head is on the row it moved to then
     */
    public record Result(int words, int classifiedRight, long trackedSteps, long onDepthLine, int risingWords,
                         int fallingWords, long brokenSteps, long parkedSteps) {
        public double onDepthLineShare() {
            return trackedSteps == 0 ? Double.NaN : onDepthLine / (double) trackedSteps;
        }

        public double parkedShare() {
            return brokenSteps == 0 ? Double.NaN : parkedSteps / (double) brokenSteps;
        }
    }

    private DyckDepth() {
    }

    /** The command line: which model, which words. */
    @Command(name = "java -cp ntm4j.jar io.github.ntm4j.examples.analysis.DyckDepth", mixinStandardHelpOptions = true,
            versionProvider = Ntm4j.Version.class,
            description = "Measures whether a Dyck-word model's read head follows the depth of the prefix.")
    static final class Options {
        @Option(names = "--model", paramLabel = "FILE", description = "A Dyck-word model saved by train (default: "
                + "the shipped one).")
        File model;

        @Option(names = "--length", paramLabel = "L", converter = EvenLength.class, defaultValue = "40",
                description = "Length of the words, even (default: ${DEFAULT-VALUE}).")
        int length;

        @Option(names = "--words", paramLabel = "W", converter = Cli.PositiveInt.class, defaultValue = "100",
                description = "Words to measure, word s from seed s (default: ${DEFAULT-VALUE}).")
        int words;
    }

    /** A Dyck word's length: even, balanced words having as many ')' as '('. */
    static final class EvenLength implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int length = new Cli.PositiveInt().convert(value);
            if (length % 2 != 0) {
                throw new CommandLine.TypeConversionException("must be even (balanced words), got " + value);
            }
            return length;
        }
    }

    public static void main(String[] args) {
        Options options = new Options();
        Cli.parse(Cli.configure(new CommandLine(options), "DyckDepth"), args).ifPresent(System::exit);
        int length = options.length;
        int words = options.words;
        MultiLayerNetwork net;
        try {
            net = options.model == null ? ModelFiles.loadResource(ShippedModels.named("dyck").resource(), "dyck")
                    : ModelFiles.load(options.model, "dyck");
        } catch (ModelFiles.ModelFileException e) {
            System.err.println("DyckDepth: " + e.getMessage());
            System.exit(1);
            return;
        }
        Result r = measure(net, length, words);
        System.out.printf(Locale.ROOT, "words of length %d: %d, classified right: %d%n", length, r.words(),
                r.classifiedRight());
        System.out.printf(Locale.ROOT, "steps of a never-negative prefix at depth >= %d: %d; read head on its word's "
                + "depth line: %.1f%% (line rising with depth in %d words, falling in %d)%n", MIN_DEPTH,
                r.trackedSteps(), 100 * r.onDepthLineShare(), r.risingWords(), r.fallingWords());
        System.out.printf(Locale.ROOT, "steps after the prefix went below zero: %d; read head still on the row it "
                + "moved to then: %.1f%%%n", r.brokenSteps(), 100 * r.parkedShare());
    }

    /**
     * Runs words 1..{@code words} of {@code length} (word s from seed s) through {@code net} and measures
     * its read head.
     */
    public static Result measure(MultiLayerNetwork net, int length, int words) {
        if (!NtmInspection.isNtm(net.getLayer(0))) {
            throw new IllegalArgumentException("the network's first layer is not an NTM layer: "
                    + net.getLayer(0).getClass().getSimpleName());
        }
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        NtmLayer conf = (NtmLayer) layer.conf().getLayer();
        DyckWordsTask task = new DyckWordsTask(DyckWordsTask.Params.lasagne().withLength(length));
        int right = 0;
        int rising = 0;
        int falling = 0;
        long tracked = 0;
        long onLine = 0;
        long broken = 0;
        long parked = 0;
        boolean was = NtmInspection.isEnabled(layer);
        NtmInspection.enable(layer);
        try {
            for (int s = 1; s <= words; s++) {
                DataSet ds = Examples.toDataSet(Examples.generate(task, 1, s), DataType.FLOAT);
                INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
                DashboardData data = DashboardData.from("dyck", length, ds.getFeatures(), ds.getLabels(),
                        ds.getLabelsMaskArray(), out, NtmInspection.lastTrace(layer), conf.getReadHeads(), conf.getWriteHeads(),
                        0);
                int steps = data.steps();
                int[] row = mostWeightedRows(data.weightings[0]);
                int[] depth = new int[steps];
                int d = 0;
                int firstNegative = steps;
                for (int t = 0; t < steps; t++) {
                    d += data.input[DyckWordsTask.OPEN][t] > 0.5 ? 1 : -1;
                    depth[t] = d;
                    if (d < 0 && firstNegative == steps) {
                        firstNegative = t;
                    }
                }
                int rows = data.memoryRows();
                int[] rise = lineVotes(row, depth, firstNegative, +1, rows);
                int[] fall = lineVotes(row, depth, firstNegative, -1, rows);
                if (rise[1] > 0) {
                    tracked += rise[1];
                    onLine += Math.max(rise[0], fall[0]);
                    if (rise[0] >= fall[0]) {
                        rising++;
                    } else {
                        falling++;
                    }
                }
                for (int t = firstNegative; t < steps; t++) {
                    broken++;
                    if (row[t] == row[firstNegative]) {
                        parked++;
                    }
                }
                if ((data.prediction[0][steps - 1] > 0.5) == (data.target[0][steps - 1] > 0.5)) {
                    right++;
                }
            }
        } finally {
            if (!was) {
                NtmInspection.disable(layer);
            }
        }
        return new Result(words, right, tracked, onLine, rising, falling, broken, parked);
    }

    /** [T]: the row each step's weighting ({@code [rows][T]}) puts the most weight on. */
    static int[] mostWeightedRows(double[][] weighting) {
        int steps = weighting[0].length;
        int[] row = new int[steps];
        for (int t = 0; t < steps; t++) {
            for (int r = 1; r < weighting.length; r++) {
                if (weighting[r][t] > weighting[row[t]][t]) {
                    row[t] = r;
                }
            }
        }
        return row;
    }

    /**
     * Over steps {@code 0..end-1} at depth {@link #MIN_DEPTH} or more: {the most of them on one line
     * {@code row = c + dir * depth (mod rows)}, how many steps were counted}.
     */
    static int[] lineVotes(int[] row, int[] depth, int end, int dir, int rows) {
        int[] votes = new int[rows];
        int counted = 0;
        for (int t = 0; t < end; t++) {
            if (depth[t] >= MIN_DEPTH) {
                votes[Math.floorMod(row[t] - dir * depth[t], rows)]++;
                counted++;
            }
        }
        int most = 0;
        for (int v : votes) {
            most = Math.max(most, v);
        }
        return new int[] {most, counted};
    }
}
