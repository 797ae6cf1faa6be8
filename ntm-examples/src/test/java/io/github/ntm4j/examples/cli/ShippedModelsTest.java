package io.github.ntm4j.examples.cli;

import io.github.ntm4j.tasks.metrics.GeneralisationSweep;
import io.github.ntm4j.tasks.metrics.Intervals;
import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.github.ntm4j.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped model still does what its held-out measurement says (docs/evidence/shipped, docs/protocol.md),
 * on a fresh test sample no choice looked at: this catches a change that silently breaks trained models or
 * their file format (a change of the parameter layout, of the step's semantics, of the task encodings).
 */
class ShippedModelsTest {

    /** The test seed of this check: held out like the published ones, and used for nothing else. */
    static final long CHECK_SEED = 271828;
    /** Sequences per value in the check: a smaller sample than the published 400, to stay within CI's time. */
    static final int CHECK_SEQUENCES = 50;

    /** A shipped model and the values its check covers: every value of its held-out table up to {@code maxValue}. */
    record Recorded(String name, int maxValue) {
        String task() {
            return ShippedModels.named(name).task();
        }

        String resource() {
            return ShippedModels.named(name).resource();
        }

        @Override
        public String toString() {
            return name + " up to " + maxValue;
        }
    }

    static Stream<Recorded> shippedModels() {
        return Stream.of(new Recorded("copy", 120), new Recorded("copy-1-5", 120),
                new Recorded("associative-recall", 20), new Recorded("dyck", 100), new Recorded("repeat-copy", 15),
                new Recorded("priority-sort", 40));
    }

    /** One row of the held-out measurement: the value, its sequences, and how many were perfect. */
    record HeldOut(int value, int sequences, int perfect) {
    }

    /** The held-out measurement of a shipped model: both seeds' CSVs in docs/evidence/shipped, added up. */
    static List<HeldOut> heldOut(String name) throws IOException {
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("docs/evidence/shipped");
        List<HeldOut> rows = new ArrayList<>();
        List<String> a = Files.readAllLines(dir.resolve(name + "-seed987654.csv"));
        List<String> b = Files.readAllLines(dir.resolve(name + "-seed424242.csv"));
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            int n = Integer.parseInt(x[1]) + Integer.parseInt(y[1]);
            int k = (int) Math.round(Double.parseDouble(x[4]) * Integer.parseInt(x[1]))
                    + (int) Math.round(Double.parseDouble(y[4]) * Integer.parseInt(y[1]));
            rows.add(new HeldOut(Integer.parseInt(x[0]), n, k));
        }
        return rows;
    }

    /**
     * The 95% prediction interval of the perfect share in a fresh sample of {@code m} sequences, given
     * {@code k} of {@code n} measured: Wilson's interval at the effective size {@code 1 / (1/n + 1/m)}, which
     * adds the fresh sample's own spread to the measurement's, widened to the shares {@code j / m} a sample of
     * {@code m} can have.
     */
    static double[] predictionInterval(int k, int n, int m) {
        int effective = (int) Math.round(1 / (1.0 / n + 1.0 / m));
        double[] w = Intervals.wilson((double) k / n * effective, effective, Intervals.Z95);
        return new double[]{Math.floor(w[0] * m) / m, Math.ceil(w[1] * m) / m};
    }

    /** The shipped models held to their cost above the Bayes-optimal predictor instead of a share of perfect sequences. */
    static final List<String> HELD_TO_COST = List.of("ngrams");

    /** One row of a held-out cost measurement: the length, its sequences, the mean cost above the optimum and its sd. */
    record CostAbove(int value, int sequences, double mean, double sd) {
    }

    /**
     * The held-out cost above the optimum of a shipped model: both seeds' {@code -above-optimal} CSVs in
     * docs/evidence/shipped, pooled (equal sample sizes: the mean of the means; each seed's sd from its 95% interval).
     */
    static List<CostAbove> heldOutCost(String name) throws IOException {
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("docs/evidence/shipped");
        List<String> a = Files.readAllLines(dir.resolve(name + "-seed987654-above-optimal.csv"));
        List<String> b = Files.readAllLines(dir.resolve(name + "-seed424242-above-optimal.csv"));
        List<CostAbove> rows = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            int n = Integer.parseInt(x[1]);
            assertEquals(n, Integer.parseInt(y[1]), "equal samples per test seed");
            double sdX = sdFromInterval(x, n);
            double sdY = sdFromInterval(y, n);
            double meanX = Double.parseDouble(x[4]);
            double meanY = Double.parseDouble(y[4]);
            double mean = (meanX + meanY) / 2;
            // The pooled sample's sd: the within-seed variances plus the spread of the two means.
            double variance = ((n - 1) * (sdX * sdX + sdY * sdY)
                    + n * ((meanX - mean) * (meanX - mean) + (meanY - mean) * (meanY - mean))) / (2 * n - 1);
            rows.add(new CostAbove(Integer.parseInt(x[0]), 2 * n, mean, Math.sqrt(variance)));
        }
        return rows;
    }

    /** The sd behind a row's 95% interval of the mean (columns 5 and 6: its low and high ends). */
    private static double sdFromInterval(String[] row, int n) {
        return (Double.parseDouble(row[6]) - Double.parseDouble(row[5])) / 2 / Intervals.Z95 * Math.sqrt(n);
    }

    @Test
    void theShippedNGramModelStillMeetsItsHeldOutCostAboveTheOptimum() throws IOException {
        List<CostAbove> measured = heldOutCost("ngrams");
        int[] lengths = measured.stream().mapToInt(CostAbove::value).toArray();
        MultiLayerNetwork net = ModelFiles.loadResource(ShippedModels.named("ngrams").resource(), "ngrams");
        List<GeneralisationSweep.CostDifference> fresh = EvalCommand.costAboveOptimal(net, lengths, CHECK_SEQUENCES,
                CHECK_SEED);
        for (int i = 0; i < lengths.length; i++) {
            CostAbove h = measured.get(i);
            GeneralisationSweep.CostDifference f = fresh.get(i);
            assertEquals(CHECK_SEQUENCES, f.n());
            // The 95% prediction interval of a fresh sample's mean: the measurement's spread and the sample's own.
            double halfWidth = Intervals.Z95 * h.sd() * Math.sqrt(1.0 / h.sequences() + 1.0 / CHECK_SEQUENCES);
            assertTrue(Math.abs(f.meanDifference() - h.mean()) <= halfWidth, "ngrams at " + h.value() + ": "
                    + f.meanDifference() + " bits above the optimum, measured " + h.mean() + " ± " + halfWidth);
        }
    }

    @Test
    void everyShippedModelHasARecordAndADemo(@TempDir File dir) {
        List<String> recorded = Stream.concat(shippedModels().map(Recorded::name), HELD_TO_COST.stream()).toList();
        for (ShippedModels.Shipped shipped : ShippedModels.ALL) {
            assertTrue(recorded.contains(shipped.name()), shipped.name() + " ships without recorded errors");
            File png = new File(dir, shipped.name() + ".png");
            CliRun r = CliRun.of("demo", "--pretrained", shipped.name(), "--seed", "3", "--dashboard", png.getPath());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("the shipped NTM " + shipped.name() + " model"), r.out());
            assertTrue(r.out().contains("bit errors: "), r.out());
            assertTrue(r.out().contains("generalisation, 20 fresh examples per"), r.out());
            assertTrue(png.isFile(), "dashboard written");
        }
        CliRun none = CliRun.of("demo", "--task", "reversed-copy");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no pretrained model of the reversed-copy task ships with ntm4j"), none.err());
        CliRun ngrams = CliRun.of("demo", "--pretrained", "ngrams", "--seed", "3", "--dashboard",
                new File(dir, "ngrams-demo.png").getPath());
        assertTrue(ngrams.out().contains("the Bayes-optimal predictor's on the same sequence"), ngrams.out());
        assertTrue(ngrams.out().contains("cost above the Bayes-optimal predictor, paired on the same sequences"),
                ngrams.out());
        CliRun unknown = CliRun.of("demo", "--pretrained", "sort");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no pretrained model called sort ships with ntm4j (there are: copy, copy-1-5,"),
                unknown.err());
        CliRun both = CliRun.of("demo", "--pretrained", "copy-1-5", "--model", "x.zip");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give either --pretrained or --model, not both"), both.err());
        File png = new File(dir, "dashboard-copy-1-5.png");
        CliRun dashboard = CliRun.of("dashboard", "--pretrained", "copy-1-5", "--length", "30", "--out", png.getPath());
        assertEquals(0, dashboard.exitCode(), dashboard.err());
        assertTrue(png.isFile(), "dashboard of a named shipped model written");
        CliRun mismatch = CliRun.of("demo", "--pretrained", "copy-1-5", "--task", "dyck");
        assertEquals(2, mismatch.exitCode());
        assertTrue(mismatch.err().contains("--pretrained copy-1-5 is a model of the copy task, not of dyck"),
                mismatch.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedModels")
    void shippedModelStillMeetsItsHeldOutMeasurement(Recorded recorded) throws IOException {
        List<HeldOut> measured = heldOut(recorded.name()).stream().filter(h -> h.value() <= recorded.maxValue())
                .toList();
        int[] values = measured.stream().mapToInt(HeldOut::value).toArray();
        MultiLayerNetwork net = ModelFiles.loadResource(recorded.resource(), recorded.task());
        SweepTable table = EvalCommand.sweep(net, recorded.task(), values, CHECK_SEQUENCES, CHECK_SEED);
        for (int i = 0; i < values.length; i++) {
            SweepTable.Row row = table.rows().get(i);
            HeldOut h = measured.get(i);
            assertEquals(CHECK_SEQUENCES, row.examples());
            String where = recorded.name() + " at " + row.value() + ": " + row.sequenceAccuracy() + " perfect, measured "
                    + h.perfect() + " of " + h.sequences();
            if (h.perfect() == h.sequences()) {
                // Perfect on every held-out sequence: it must stay perfect (a bit at exactly 0.5 counts as wrong).
                assertEquals(1.0, row.sequenceAccuracy(), where);
            } else {
                double[] interval = predictionInterval(h.perfect(), h.sequences(), CHECK_SEQUENCES);
                assertTrue(row.sequenceAccuracy() >= interval[0] && row.sequenceAccuracy() <= interval[1],
                        where + "; the 95% prediction interval for " + CHECK_SEQUENCES + " is "
                                + Arrays.toString(interval));
            }
        }
    }

    @Test
    void thePredictionIntervalIsWiderThanTheMeasurementsOwn() {
        double[] own = Intervals.wilson(348, 400, Intervals.Z95);
        double[] fresh = predictionInterval(348, 400, 50);
        assertTrue(fresh[0] < own[0] && fresh[1] > own[1], Arrays.toString(fresh) + " vs " + Arrays.toString(own));
    }
}
