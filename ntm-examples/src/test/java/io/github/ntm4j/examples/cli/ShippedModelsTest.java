package io.github.ntm4j.examples.cli;

import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.github.ntm4j.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped model still meets the errors recorded for it in docs/results.md, on the same
 * fixed-seed test set: this catches a change that silently breaks trained models or their file
 * format (a change of the parameter layout, of the step's semantics, of the task encodings).
 */
class ShippedModelsTest {

    /**
     * A shipped model and what {@code eval --model <resource> --task <task> --lengths <values> --examples 50
     * --seed 1} printed for it when it was recorded in docs/results.md.
     */
    record Recorded(String name, int[] values, double[] bitErrors) {
        String task() {
            return ShippedModels.named(name).task();
        }

        String resource() {
            return ShippedModels.named(name).resource();
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(values);
        }
    }

    static Stream<Recorded> shippedModels() {
        return Stream.of(
                new Recorded("copy", new int[]{20, 40, 120}, new double[]{0.00, 0.00, 0.00}),
                new Recorded("copy-1-5", new int[]{5, 20, 120}, new double[]{0.00, 0.00, 0.00}),
                new Recorded("associative-recall", new int[]{6, 12, 15}, new double[]{0.00, 0.16, 0.30}),
                new Recorded("dyck", new int[]{20, 40, 100}, new double[]{0.00, 0.00, 0.30}),
                new Recorded("repeat-copy", new int[]{3, 5, 8, 10}, new double[]{0.06, 0.00, 3.58, 13.82}),
                new Recorded("priority-sort", new int[]{10, 20, 40}, new double[]{5.60, 5.94, 22.42}));
    }

    @Test
    void everyShippedModelHasARecordAndADemo(@TempDir File dir) {
        List<String> recorded = shippedModels().map(Recorded::name).toList();
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
        CliRun none = CliRun.of("demo", "--task", "ngrams");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no pretrained model of the ngrams task ships with ntm4j"), none.err());
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
    void shippedModelStillMeetsItsRecordedErrors(Recorded recorded) {
        MultiLayerNetwork net = ModelFiles.loadResource(recorded.resource(), recorded.task());
        SweepTable table = EvalCommand.sweep(net, recorded.task(), recorded.values(), 50, 1);
        // A little slack for other CPUs' BLAS kernels, which can flip a bit that sits at 0.5.
        for (int i = 0; i < recorded.values().length; i++) {
            SweepTable.Row row = table.rows().get(i);
            assertEquals(50, row.examples());
            assertTrue(row.meanBitErrors() <= recorded.bitErrors()[i] * 1.05 + 0.1,
                    recorded.task() + " at " + row.value() + ": " + row.meanBitErrors()
                            + " bit errors per sequence, recorded " + recorded.bitErrors()[i]);
        }
    }
}
