package io.github.ntm4j.layer;

import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import io.github.ntm4j.layer.internal.step.fused.FusedNtmPath;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The fused path reproduces every golden file ({@link GoldenReferenceTest#goldenFiles()}) in double
 * precision to 1e-9, called directly with the file's parameters and initial state: the outputs and
 * the final memory, weightings and reads. The same files are checked with and without backprop
 * bookkeeping, which use different state storage.
 */
class FusedGoldenTest {

    @TestFactory
    Stream<DynamicTest> fusedReproducesEveryGoldenFile() throws Exception {
        List<Path> files = GoldenReferenceTest.goldenFiles();
        assertFalse(files.isEmpty(), "no golden files found");
        return files.stream().map(f -> DynamicTest.dynamicTest("fused golden " + f.getFileName(),
                () -> check(new GoldenCase(f))));
    }

    private static void check(GoldenCase g) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        NtmLayer layer = g.layer(true);
        Map<String, INDArray> params = NtmParams.views(layer,
                Nd4j.zeros(DataType.DOUBLE, 1, NtmParams.getInstance().numParams(layer)));
        params.get(NtmParams.CONTROLLER_WEIGHTS).assign(g.wc);
        params.get(NtmParams.CONTROLLER_BIAS).assign(g.bc);
        params.get(NtmParams.HEAD_WEIGHTS).assign(g.wh);
        params.get(NtmParams.HEAD_BIAS).assign(g.bh);
        NtmState initial = new NtmState(g.m0, g.w0, g.r0, null, null);
        FusedNtmPath path = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), DataType.DOUBLE);
        for (boolean forBackprop : new boolean[]{true, false}) {
            NtmForwardPass fwd = path.forward(params, g.input, null, initial, forBackprop, false);
            String at = g.name + (forBackprop ? " (for backprop)" : " (inference)");
            GoldenReferenceTest.assertClose(at + " y", g.y, fwd.output);
            GoldenReferenceTest.assertClose(at + " M_T", g.mT, fwd.finalState().memory);
            GoldenReferenceTest.assertClose(at + " w_T", g.wT, fwd.finalState().weightings);
            GoldenReferenceTest.assertClose(at + " r_T", g.rT, fwd.finalState().reads);
        }
    }
}
