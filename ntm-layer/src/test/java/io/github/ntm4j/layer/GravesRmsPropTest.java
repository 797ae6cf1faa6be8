package io.github.ntm4j.layer;

import io.github.ntm4j.layer.updater.GravesRmsProp;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GravesRmsPropTest {

    /** Graves' equations element by element, in plain doubles, against the updater on three steps. */
    @Test
    void updatesFollowGravesEquations() {
        GravesRmsProp config = new GravesRmsProp(1e-2, null, 0.95, 0.9, 1e-4);
        int n = 4;
        GradientUpdater<?> updater = config.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 3 * n), true);
        double[][] grads = {{0.5, -1.0, 2.0, 0.0}, {0.4, 1.0, -3.0, 1e-3}, {-0.2, 0.5, 2.5, 7.0}};
        double[] ms = new double[n];
        double[] m = new double[n];
        double[] delta = new double[n];
        for (int it = 0; it < grads.length; it++) {
            INDArray gradient = Nd4j.createFromArray(grads[it]).reshape(1, n);
            updater.applyUpdater(gradient, it, 0);
            for (int i = 0; i < n; i++) {
                double g = grads[it][i];
                ms[i] = 0.95 * ms[i] + 0.05 * g * g;
                m[i] = 0.95 * m[i] + 0.05 * g;
                delta[i] = 0.9 * delta[i] - 1e-2 * g / Math.sqrt(ms[i] - m[i] * m[i] + 1e-4);
                assertEquals(-delta[i], gradient.getDouble(0, i), 1e-12, "step " + it + ", element " + i);
            }
        }
    }

    @Test
    void trainsAnNtmAndSurvivesJsonAndModelSerializer(@TempDir File dir) throws Exception {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build(), new GravesRmsProp(1e-2), RNNFormat.NCW, 3);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(GravesRmsProp.class, back.getConf(0).getLayer().getUpdaterByParam("Wc"));
        assertEquals(conf.toJson(), back.toJson());

        DataSet ds = new DataSet(NtmTestNets.input(1, 2, 5), NtmTestNets.labels(2, 2, 5));
        double first = net.score(ds);
        for (int i = 0; i < 30; i++) {
            net.fit(ds);
        }
        assertTrue(net.score(ds) < first, "the loss falls: " + first + " -> " + net.score(ds));

        File file = new File(dir, "ntm.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        net.fit(ds);
        restored.fit(ds);
        assertEquals(net.params(), restored.params(), "training continues identically after restore");
    }

    @Test
    void impossibleSettingsAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GravesRmsProp(-1))
                .getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GravesRmsProp(1e-4, null, 1.0, 0.9, 1e-4))
                .getMessage().contains("decay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GravesRmsProp(1e-4, null, 0.95, -0.1, 1e-4))
                .getMessage().contains("momentum"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GravesRmsProp(1e-4, null, 0.95, 0.9, 0))
                .getMessage().contains("epsilon"));
    }
}
