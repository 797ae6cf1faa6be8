package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

import static io.github.ntm4j.layer.NtmLayerNetworkTest.assertClose;

/**
 * The fused CPU path and the portable SameDiff path, inside whole networks: the same gradients, scores
 * and outputs (1e-9 in double), and the same parameters after several training steps. Includes the cases
 * where a softmax runs over an axis of size 1 (one memory row, one shift).
 */
class PathEquivalenceNetworkTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"feed-forward", "lstm, 2+2 heads, learned initial state",
            "one memory row (N = 1, shift range 0), lstm, 2+2 heads, learned initial state",
            "shift range 0, 2+2 heads"})
    void bothPathsTrainTheSameNetwork(String which) {
        NtmLayer.Builder b = NtmTestNets.small();
        if (which.contains("lstm")) {
            b.controller(ControllerType.LSTM).learnInitialState(true);
        }
        if (which.contains("2+2 heads")) {
            b.readHeads(2).writeHeads(2);
        }
        if (which.contains("shift range 0")) {
            b.shiftRange(0);
        }
        if (which.contains("N = 1")) {
            b.memory(1, 3);
        }
        MultiLayerNetwork fused = NtmTestNets.net(b.fusedCpuPath(true).build(), new Sgd(0.1), RNNFormat.NCW, 5);
        MultiLayerNetwork portable = NtmTestNets.net(b.fusedCpuPath(false).build(), new Sgd(0.1), RNNFormat.NCW, 5);
        portable.setParams(fused.params());
        INDArray mask = NtmTestNets.mask(5, 5, 2, 4);
        DataSet ds = new DataSet(NtmTestNets.input(21, 3, 5), NtmTestNets.labels(22, 3, 5), mask, mask);

        for (MultiLayerNetwork net : new MultiLayerNetwork[]{fused, portable}) {
            net.setInput(ds.getFeatures());
            net.setLabels(ds.getLabels());
            net.setLayerMaskArrays(mask, mask);
            net.computeGradientAndScore();
        }
        assertClose(portable.gradient().gradient(), fused.gradient().gradient(), 1e-9, which + ": gradients");
        assertClose(portable.output(ds.getFeatures(), false, mask, null), fused.output(ds.getFeatures(), false, mask, null),
                1e-9, which + ": outputs");
        for (int i = 0; i < 3; i++) {
            fused.fit(ds);
            portable.fit(ds);
        }
        assertClose(portable.params(), fused.params(), 1e-9, which + ": parameters after 3 updates");
    }
}
