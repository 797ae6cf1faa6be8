package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The network {@code bench} times is the one its options describe. */
class BenchCommandTest {
    @Test
    void theControllerOptionChoosesTheControllerTimed() {
        for (Controller c : Controller.values()) {
            MultiLayerNetwork net = BenchCommand.network(true, 16, 4, c, 6, 1, Updater.RMSPROP);
            NtmLayer layer = (NtmLayer) net.getLayer(0).conf().getLayer();
            assertEquals(c.type(), layer.getController(), c.toString());
        }
    }
}
