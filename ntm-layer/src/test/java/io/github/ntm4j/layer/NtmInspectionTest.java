package io.github.ntm4j.layer;

import io.github.ntm4j.layer.inspect.NtmInspection;
import io.github.ntm4j.layer.inspect.NtmTrace;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NtmInspectionTest {
    @Test
    void tracesAndPathsWithoutCastingToRuntimeClasses() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build());
        net.output(NtmTestNets.input(1, 2, 4));
        assertNull(NtmInspection.lastTrace(net, 0), "off by default");

        NtmInspection.enable(net, 0);
        net.output(NtmTestNets.input(1, 2, 4));
        NtmTrace trace = NtmInspection.lastTrace(net, 0);
        assertArrayEquals(new long[]{2, 2, 5, 4}, trace.weightings.shape(), "[B, R+V, N, T]");
        assertTrue(NtmInspection.isFusedPath(net.getLayer(0)));
        assertFalse(NtmInspection.isFusedPath(NtmNetworks.onPath(net, false).getLayer(0)));

        NtmInspection.disable(net.getLayer(0));
        assertNull(NtmInspection.lastTrace(net, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NtmInspection.enable(net, 1));
        assertTrue(e.getMessage().contains("not an NTM layer"), e.getMessage());
    }
}
