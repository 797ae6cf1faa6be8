package io.github.ntm4j.examples.cli;

import io.github.ntm4j.tasks.metrics.SweepTable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped model still meets the errors recorded for it in docs/results.md, on the same
 * fixed-seed test set: this catches a change that silently breaks trained models or their file
 * format (a change of the parameter layout, of the step's semantics, of the task encodings).
 */
class ShippedModelsTest {

    @Test
    void shippedCopyModelStillMeetsItsRecordedErrors() {
        MultiLayerNetwork net = ModelFiles.loadResource(DemoCommand.SHIPPED_COPY_MODEL, "copy");
        SweepTable table = EvalCommand.sweep(net, "copy", new int[]{10, 20, 40}, 50, 1);
        // Recorded with `eval --lengths 10,20,40 --examples 50 --seed 1` (docs/results.md). A little slack
        // for other CPUs' BLAS kernels, which can flip a bit that sits at 0.5.
        double[] recordedBitErrors = {RECORDED_10, RECORDED_20, RECORDED_40};
        for (int i = 0; i < 3; i++) {
            SweepTable.Row row = table.rows().get(i);
            assertEquals(50, row.examples());
            assertTrue(row.meanBitErrors() <= recordedBitErrors[i] * 1.05 + 0.1,
                    "length " + row.value() + ": " + row.meanBitErrors() + " bit errors per sequence, recorded "
                            + recordedBitErrors[i]);
        }
    }

    static final double RECORDED_10 = 0.82;
    static final double RECORDED_20 = 0.66;
    static final double RECORDED_40 = 10.90;
}
