package io.github.ntm4j.examples.portable;

import io.github.ntm4j.examples.cli.ModelFiles;
import io.github.ntm4j.examples.cli.ShippedModels;
import io.github.ntm4j.examples.cli.TaskName;
import io.github.ntm4j.layer.NtmNetworks;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.tasks.Examples;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA user's path, checked on the CPU: the CUDA backend runs the portable SameDiff path in float, so
 * the shipped float models are run through it ({@link NtmNetworks#onPath}) at the lengths the docs advertise
 * and must make the same bit decisions as the fused CPU path on every scored output.
 */
class PortablePathShippedModelsTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"copy, 120, 3", "dyck, 100, 8"})
    void theSameDiffPathMakesTheFusedPathsBitDecisionsAtTheAdvertisedLengths(String name, int value, int examples) {
        ShippedModels.Shipped shipped = ShippedModels.named(name);
        MultiLayerNetwork fused = ModelFiles.loadResource(shipped.resource(), shipped.task());
        MultiLayerNetwork portable = NtmNetworks.onPath(fused, false);
        assertEquals("SameDiffNtmPath", ((NtmRecurrentLayer) portable.getLayer(0)).pathName());

        DataSet data = Examples.toDataSet(Examples.generate(TaskName.of(shipped.task()).at(value), examples, 5),
                DataType.FLOAT);
        long t0 = System.nanoTime();
        INDArray a = fused.output(data.getFeatures(), false, data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        long t1 = System.nanoTime();
        INDArray b = portable.output(data.getFeatures(), false, data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        long t2 = System.nanoTime();

        INDArray scored = data.getLabelsMaskArray() == null ? null : data.getLabelsMaskArray();
        long decisions = 0;
        long different = 0;
        double maxDiff = 0;
        for (int e = 0; e < a.size(0); e++) {
            for (int t = 0; t < a.size(2); t++) {
                if (scored != null && scored.getDouble(e, t) == 0) {
                    continue;
                }
                for (int o = 0; o < a.size(1); o++) {
                    double x = a.getDouble(e, o, t);
                    double y = b.getDouble(e, o, t);
                    maxDiff = Math.max(maxDiff, Math.abs(x - y));
                    decisions++;
                    different += (x > 0.5) != (y > 0.5) ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "portable path, %s at %d: %d bit decisions, %d different, max |output "
                        + "difference| %.2e; fused %.0f ms, SameDiff %.0f ms for %d sequences%n", name, value, decisions,
                different, maxDiff, (t1 - t0) / 1e6, (t2 - t1) / 1e6, examples);
        assertTrue(decisions > 0);
        assertEquals(0, different, "bit decisions that differ between the paths");
        assertTrue(maxDiff < 1e-3, "outputs within float rounding: " + maxDiff);
    }
}
