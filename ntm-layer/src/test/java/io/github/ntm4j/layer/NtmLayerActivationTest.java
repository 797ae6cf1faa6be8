package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the layer reports to DL4J as its activation ({@code BaseLayer.getActivationFn()}, shown by DL4J's UI
 * and written to JSON): the controller's, never BaseLayer's default sigmoid.
 */
class NtmLayerActivationTest {

    private static IActivation reported(NtmLayer.Builder b) {
        return b.nIn(3).build().getActivationFn();
    }

    @Test
    void reportsTheFeedForwardControllersActivation() {
        assertEquals(Activation.RELU.getActivationFunction(), reported(new NtmLayer.Builder()), "default ReLU");
        for (NtmActivation a : NtmActivation.values()) {
            assertEquals(a.toDl4j(), reported(new NtmLayer.Builder().controllerActivation(a)), a.name());
        }
    }

    @Test
    void reportsTanhForAnLstmController() {
        assertEquals(Activation.TANH.getActivationFunction(),
                reported(new NtmLayer.Builder().controller(ControllerType.LSTM)), "h = o * tanh(c)");
    }

    @Test
    void eachNtmActivationIsTheSameFunctionAsItsDl4jActivation() {
        double[] z = {-3, -2.5, -1, -0.2, 0, 0.3, 1, 2.4, 3};
        for (NtmActivation a : NtmActivation.values()) {
            INDArray dl4j = a.toDl4j().getActivation(Nd4j.createFromArray(z).castTo(DataType.DOUBLE), false);
            for (int i = 0; i < z.length; i++) {
                // 1e-6: DL4J's hard sigmoid uses the float constant 0.2f even in double.
                assertEquals(a.apply(z[i]), dl4j.getDouble(i), 1e-6, a + " at " + z[i]);
            }
        }
    }

    @Test
    void theNetworksDefaultActivationDoesNotReachTheNtm() {
        // .activation(...) on the network builder is for dense layers; DL4J copies it only into layers without one.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().activation(Activation.SOFTSIGN).list()
                .layer(new NtmLayer.Builder().nIn(3).controllerActivation(NtmActivation.TANH).build())
                .layer(new RnnOutputLayer.Builder().nOut(2).build()).build();
        assertEquals(Activation.TANH.getActivationFunction(),
                ((NtmLayer) conf.getConf(0).getLayer()).getActivationFn());
    }

    @Test
    void jsonCarriesTheControllersActivationAndOldJsonStillLoads() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new NtmLayer.Builder().nIn(3).controllerActivation(NtmActivation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build()).build();
        String json = conf.toJson();
        assertTrue(json.contains("ActivationTanH"), json);
        assertTrue(!json.contains("ActivationSigmoid"), "no layer here has a sigmoid: " + json);

        // Models saved before the layer reported its activation carry DL4J's default there.
        String old = json.replaceFirst("ActivationTanH", "ActivationSigmoid");
        NtmLayer loaded = (NtmLayer) MultiLayerConfiguration.fromJson(old).getConf(0).getLayer();
        assertEquals(NtmActivation.TANH, loaded.getControllerActivation());
        assertEquals(Activation.TANH.getActivationFunction(), loaded.getActivationFn());
        assertEquals(conf.getConf(0).getLayer(), loaded);
    }

    @Test
    void settingTheActivationAnotherWayIsRejectedOrDerived() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NtmLayer.Builder().nIn(3).activation(Activation.TANH).build());
        assertTrue(e.getMessage().contains("controllerActivation"), e.getMessage());
        // The same activation as the controller's is harmless.
        assertEquals(Activation.RELU.getActivationFunction(), reported(new NtmLayer.Builder().activation(Activation.RELU)));

        NtmLayer layer = new NtmLayer.Builder().nIn(3).build();
        layer.setActivationFn(Activation.SIGMOID.getActivationFunction());
        assertEquals(Activation.RELU.getActivationFunction(), layer.getActivationFn(), "derived, not stored");
        layer.setControllerActivation(NtmActivation.IDENTITY);
        assertEquals(Activation.IDENTITY.getActivationFunction(), layer.getActivationFn());
    }
}
