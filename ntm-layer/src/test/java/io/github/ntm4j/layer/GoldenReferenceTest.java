package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reproduces every golden file of the test resources' {@code golden} folder (its README describes them)
 * and of the folder named by the system property {@code ntm.golden.dir}, in double precision to 1e-9:
 * the outputs and the final state (with an LSTM controller also its h and c), from the file's initial
 * state and with its feature mask if it has one, through the public API ({@code rnnSetPreviousState},
 * {@code setLayerMaskArrays}, {@code rnnTimeStep}, {@code rnnGetPreviousState}), on both the fused CPU
 * path and the portable SameDiff path.
 */
class GoldenReferenceTest {
    static final double TOLERANCE = 1e-9;

    static List<Path> goldenFiles() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>();
        files.addAll(jsonIn(Paths.get(GoldenReferenceTest.class.getResource("/golden").toURI())));
        String extra = System.getProperty("ntm.golden.dir");
        if (extra != null && !extra.isBlank()) {
            Path dir = Paths.get(extra);
            assertTrue(Files.isDirectory(dir), "ntm.golden.dir is not a folder: " + dir);
            files.addAll(jsonIn(dir));
        }
        return files;
    }

    private static List<Path> jsonIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> reproducesEveryGoldenFile() throws Exception {
        List<Path> files = goldenFiles();
        assertFalse(files.isEmpty(), "no golden files found");
        return files.stream().flatMap(f -> Stream.of(true, false).map(fused -> DynamicTest.dynamicTest(
                "golden " + f.getFileName() + " on the " + (fused ? "fused" : "SameDiff") + " path (" + f.getParent() + ")",
                () -> check(new GoldenCase(f), fused))));
    }

    static MultiLayerNetwork network(GoldenCase g, boolean fused) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(g.layer(fused)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        g.assignParams(net.getLayer(0).paramTable());
        return net;
    }

    static void check(GoldenCase g, boolean fused) {
        MultiLayerNetwork net = network(g, fused);
        assertTrue(((io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer) net.getLayer(0)).pathName()
                .equals(fused ? "FusedNtmPath" : "SameDiffNtmPath"));
        net.rnnSetPreviousState(0, g.initialState().toMap());
        // rnnTimeStep takes no mask argument: DL4J's way is to set the feature mask on the layers first.
        net.setLayerMaskArrays(g.mask, null);
        INDArray y = net.rnnTimeStep(g.input);
        net.clearLayerMaskArrays();
        Map<String, INDArray> state = net.rnnGetPreviousState(0);
        assertClose(g.name + " y", g.y, y);
        assertClose(g.name + " M_T", g.mT, state.get(NtmState.STATE_KEY_MEMORY));
        assertClose(g.name + " w_T", g.wT, state.get(NtmState.STATE_KEY_WEIGHTINGS));
        assertClose(g.name + " r_T", g.rT, state.get(NtmState.STATE_KEY_READS));
        if (g.controller == ControllerType.LSTM) {
            assertClose(g.name + " h_T", g.hT, state.get(NtmState.STATE_KEY_CONTROLLER_H));
            assertClose(g.name + " c_T", g.cT, state.get(NtmState.STATE_KEY_CONTROLLER_C));
        }
    }

    static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double maxDiff = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                expected.sub(actual.castTo(DataType.DOUBLE)))).getDouble(0);
        assertTrue(maxDiff <= TOLERANCE, what + ": max |difference| " + maxDiff + " > " + TOLERANCE);
    }
}
