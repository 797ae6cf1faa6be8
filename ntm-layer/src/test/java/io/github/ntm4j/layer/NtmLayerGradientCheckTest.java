package io.github.ntm4j.layer;

import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's own finite-difference gradient check ({@link GradientCheckUtil}) in double precision over the
 * matrix the layer must support: every parameter and the input, through an RnnOutputLayer with XENT.
 * Tolerances are DL4J's defaults for its own layers: relative error 1e-3, ignored below an absolute
 * 1e-8. The fixed initial memory (1e-6) makes some gradients ~1e-5, where central differences of a
 * score of ~8 carry ~1e-9 of rounding noise, so a tighter absolute floor fails on noise, not on bugs.
 */
class NtmLayerGradientCheckTest {

    /** Every case on both paths: the fused CPU kernel and the portable SameDiff graph. */
    static Stream<Arguments> cases() {
        return Stream.of(true, false).flatMap(fused -> layerCases().map(a -> {
            Object[] args = a.get().clone();
            args[0] = (fused ? "fused: " : "samediff: ") + args[0];
            args[1] = ((NtmLayer.Builder) args[1]).fusedCpuPath(fused).build();
            return Arguments.of(args);
        }));
    }

    static Stream<Arguments> layerCases() {
        return Stream.of(
                Arguments.of("feed-forward T=4 B=3", NtmTestNets.small(), 3, 4, null, RNNFormat.NCW),
                Arguments.of("T=1", NtmTestNets.small(), 2, 1, null, RNNFormat.NCW),
                Arguments.of("minibatch 1", NtmTestNets.small(), 1, 4, null, RNNFormat.NCW),
                Arguments.of("masks, lengths 5,3,1", NtmTestNets.small(), 3, 5, new int[]{5, 3, 1}, RNNFormat.NCW),
                Arguments.of("2 read + 2 write heads", NtmTestNets.small().readHeads(2).writeHeads(2), 2, 3, null, RNNFormat.NCW),
                Arguments.of("shift range 2", NtmTestNets.small().memory(6, 3).shiftRange(2), 2, 4, null, RNNFormat.NCW),
                Arguments.of("shift range 0", NtmTestNets.small().shiftRange(0), 2, 4, null, RNNFormat.NCW),
                Arguments.of("one memory row (N = 1, shift range 0), 2 read + 2 write heads", NtmTestNets.small()
                        .memory(1, 3).shiftRange(0).readHeads(2).writeHeads(2), 2, 4, null, RNNFormat.NCW),
                Arguments.of("LSTM controller", NtmTestNets.small().controller(ControllerType.LSTM), 2, 4, null, RNNFormat.NCW),
                Arguments.of("learned initial state", NtmTestNets.small().learnInitialState(true), 2, 4, null, RNNFormat.NCW),
                Arguments.of("ReLU controller, sigmoid keys, identity adds", NtmTestNets.small()
                        .controllerActivation(NtmActivation.RELU).keyActivation(NtmActivation.SIGMOID)
                        .addActivation(NtmActivation.IDENTITY), 2, 3, null, RNNFormat.NCW),
                Arguments.of("NWC data", NtmTestNets.small().dataFormat(RNNFormat.NWC), 2, 3, null, RNNFormat.NWC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(String name, NtmLayer layer, int batch, int steps, int[] lengths, RNNFormat format) {
        MultiLayerNetwork net = NtmTestNets.net(layer, new NoOp(), format, 42);
        String expectedPath = layer.isUseFusedCpuPath() ? "FusedNtmPath" : "SameDiffNtmPath";
        assertEquals(expectedPath, ((NtmRecurrentLayer) net.getLayer(0)).pathName());
        INDArray input = NtmTestNets.input(7, batch, steps);
        INDArray labels = NtmTestNets.labels(8, batch, steps);
        if (format == RNNFormat.NWC) {
            input = input.permute(0, 2, 1).dup('c');
            labels = labels.permute(0, 2, 1).dup('c');
        }
        INDArray mask = lengths == null ? null : NtmTestNets.mask(steps, lengths);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(labels).inputMask(mask).labelMask(mask).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
        assertTrue(ok, name + ": gradient check failed (see log for the parameters)");
    }
}
