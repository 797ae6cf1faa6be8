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
 * precision to 1e-9, called directly with the file's parameters, initial state and mask: the outputs
 * and the final memory, weightings and reads (and LSTM h and c). The same files are checked with and
 * without backprop bookkeeping, which use different state storage, and with the trace on, which
 * changes how masked steps are handled.
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
        g.assignParams(params);
        FusedNtmPath path = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), DataType.DOUBLE);
        // {forBackprop, inspect}: inspection makes the masked steps run the step and then discard it,
        // where otherwise they are skipped.
        for (boolean[] mode : new boolean[][]{{true, false}, {false, false}, {false, true}}) {
            NtmForwardPass fwd = path.forward(params, g.input, g.mask, g.initialState(), mode[0], mode[1]);
            String at = g.name + (mode[0] ? " (for backprop)" : " (inference)") + (mode[1] ? " (inspected)" : "");
            GoldenReferenceTest.assertClose(at + " y", g.y, fwd.output());
            GoldenReferenceTest.assertClose(at + " M_T", g.mT, fwd.finalState().memory);
            GoldenReferenceTest.assertClose(at + " w_T", g.wT, fwd.finalState().weightings);
            GoldenReferenceTest.assertClose(at + " r_T", g.rT, fwd.finalState().reads);
            if (g.controller == ControllerType.LSTM) {
                GoldenReferenceTest.assertClose(at + " h_T", g.hT, fwd.finalState().controllerH);
                GoldenReferenceTest.assertClose(at + " c_T", g.cT, fwd.finalState().controllerC);
            }
        }
    }
}
