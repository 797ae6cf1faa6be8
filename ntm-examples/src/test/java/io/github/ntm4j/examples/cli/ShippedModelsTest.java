package io.github.ntm4j.examples.cli;

import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
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
    record Recorded(String task, String resource, int[] values, double[] bitErrors) {
        @Override
        public String toString() {
            return task + " " + Arrays.toString(values);
        }
    }

    static Stream<Recorded> shippedModels() {
        return Stream.of(
                new Recorded("copy", DemoCommand.SHIPPED_COPY_MODEL, new int[]{10, 20, 40}, new double[]{0.82, 0.66, 10.90}),
                new Recorded("associative-recall", "/models/associative-recall.zip", new int[]{6, 12, 15},
                        new double[]{0.10, 0.34, 0.56}),
                new Recorded("dyck", "/models/dyck.zip", new int[]{20, 40, 100}, new double[]{0.10, 0.18, 2.14}));
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
