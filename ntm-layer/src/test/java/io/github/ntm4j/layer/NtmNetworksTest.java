package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NtmNetworksTest {

    private static int rows(MultiLayerNetwork net) {
        return ((NtmLayer) net.getLayer(0).conf().getLayer()).getMemoryRows();
    }

    @Test
    void theSameRowsGiveTheSameNetwork() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        INDArray x = NtmTestNets.input(3, 2, 6);
        MultiLayerNetwork copy = NtmNetworks.withMemoryRows(net, 5);
        assertEquals(net.output(x), copy.output(x));
    }

    @Test
    void moreRowsKeepTheParametersAndLeaveTheOriginalAlone() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        INDArray x = NtmTestNets.input(3, 2, 6);
        INDArray before = net.output(x);

        MultiLayerNetwork bigger = NtmNetworks.withMemoryRows(net, 9);

        assertEquals(9, rows(bigger));
        assertEquals(5, rows(net));
        assertEquals(net.params(), bigger.params());
        assertEquals(before, net.output(x));
        INDArray resized = bigger.output(x);
        assertArrayEquals(before.shape(), resized.shape());
        assertTrue(Double.isFinite(resized.sumNumber().doubleValue()), "finite outputs");
        // four more rows of 1e-6 take part in content addressing and the shift: the answer changes a little
        assertNotEquals(before, resized);
    }

    @Test
    void impossibleResizesAreRefusedWithTheReason() {
        MultiLayerNetwork learned = NtmTestNets.net(NtmTestNets.small().learnInitialState(true).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NtmNetworks.withMemoryRows(learned, 9));
        assertTrue(e.getMessage().contains("learns its initial state"), e.getMessage());

        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        e = assertThrows(IllegalArgumentException.class, () -> NtmNetworks.withMemoryRows(net, 2));
        assertTrue(e.getMessage().contains("cannot have 2 memory rows") && e.getMessage().contains("shiftRange"),
                e.getMessage());
        assertEquals(5, rows(net));

        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).build()).build());
        dense.init();
        e = assertThrows(IllegalArgumentException.class, () -> NtmNetworks.withMemoryRows(dense, 9));
        assertTrue(e.getMessage().contains("no NtmLayer"), e.getMessage());
    }
}
