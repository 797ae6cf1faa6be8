package io.github.ntm4j.layer;

import io.github.ntm4j.layer.updater.GlobalNormClipping;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GlobalNormClipping} against the step it should give: with plain SGD at rate 1 a training step is
 * {@code θ - g·min(1, c/|g|)}, g being the gradient of the minibatch's mean loss, computed here apart.
 */
class GlobalNormClippingTest {
    private static final int BATCH = 3;
    private static final int STEPS = 6;

    @Test
    void anNtmNetworksStepIsScaledToTheGlobalNorm() {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build(), new Sgd(1.0), RNNFormat.NCW, 7);
        DataSet data = new DataSet(NtmTestNets.input(1, BATCH, STEPS), NtmTestNets.labels(2, BATCH, STEPS));
        double norm = meanGradient(net.clone(), data).norm2Number().doubleValue();
        assertTrue(norm > 0.01, "a gradient to clip: " + norm);

        double max = norm / 4;
        INDArray expected = net.params().sub(meanGradient(net.clone(), data).muli(max / norm));
        GlobalNormClipping clipping = new GlobalNormClipping(max);
        net.addListeners(clipping);
        net.fit(data);

        assertEquals(norm, clipping.getLastNorm(), 1e-12 * norm);
        assertEquals(0, expected.sub(net.params()).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void aGradientUnderTheLimitIsLeftBitForBit() {
        MultiLayerNetwork clipped = NtmTestNets.net(NtmTestNets.small().build(), new Sgd(0.5), RNNFormat.NCW, 7);
        MultiLayerNetwork plain = clipped.clone();
        DataSet data = new DataSet(NtmTestNets.input(1, BATCH, STEPS), NtmTestNets.labels(2, BATCH, STEPS));
        double norm = meanGradient(clipped.clone(), data).norm2Number().doubleValue();
        clipped.addListeners(new GlobalNormClipping(norm * 1.01));

        clipped.fit(data);
        plain.fit(data);

        assertEquals(plain.params(), clipped.params());
    }

    @Test
    void withoutMinibatchDivisionTheNormIsOfTheSummedGradient() {
        MultiLayerNetwork net = dense(false);
        DataSet data = denseData();
        MultiLayerNetwork probe = net.clone();
        probe.setInput(data.getFeatures());
        probe.setLabels(data.getLabels());
        probe.computeGradientAndScore();
        INDArray summed = probe.getFlattenedGradients().dup();
        double norm = summed.norm2Number().doubleValue();

        INDArray expected = net.params().sub(summed.muli(0.5));
        net.addListeners(new GlobalNormClipping(norm / 2));
        net.fit(data);

        assertEquals(0, expected.sub(net.params()).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void aComputationGraphIsClippedTheSameWay() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(1.0)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("ntm", NtmTestNets.small().build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).nOut(NtmTestNets.Y).build(), "ntm")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(NtmTestNets.X))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        DataSet data = new DataSet(NtmTestNets.input(1, BATCH, STEPS), NtmTestNets.labels(2, BATCH, STEPS));
        ComputationGraph probe = graph.clone();
        probe.setInputs(data.getFeatures());
        probe.setLabels(data.getLabels());
        probe.computeGradientAndScore();
        INDArray mean = probe.getFlattenedGradients().div(BATCH);
        double norm = mean.norm2Number().doubleValue();

        INDArray expected = graph.params().sub(mean.muli(1.0 / 3));
        graph.addListeners(new GlobalNormClipping(norm / 3));
        graph.fit(data);

        assertEquals(0, expected.sub(graph.params()).amaxNumber().doubleValue(), 1e-12);
    }

    /** Batch normalization's running mean and variance are not gradients: neither counted nor scaled. */
    @Test
    void batchNormalizationStatisticsAreNotClipped() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Sgd(1.0)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build())
                .setInputType(InputType.feedForward(4))
                .build();
        MultiLayerNetwork clipped = new MultiLayerNetwork(conf);
        clipped.init();
        MultiLayerNetwork plain = clipped.clone();
        DataSet data = denseData();
        clipped.addListeners(new GlobalNormClipping(1e-3));

        clipped.fit(data);
        plain.fit(data);

        for (String statistic : new String[]{"mean", "var"}) {
            assertEquals(plain.getParam("1_" + statistic), clipped.getParam("1_" + statistic), statistic);
        }
        assertNotEquals(plain.getParam("0_W"), clipped.getParam("0_W"));
    }

    @Test
    void impossibleLimitsAreRefusedByName() {
        for (double bad : new double[]{0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GlobalNormClipping(bad));
            assertTrue(e.getMessage().contains("maxNorm"), e.getMessage());
        }
    }

    /** The gradient of the mean loss over the minibatch, as DL4J's updater sees it. */
    private static INDArray meanGradient(MultiLayerNetwork net, DataSet data) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        return net.getFlattenedGradients().div(data.numExamples());
    }

    private static MultiLayerNetwork dense(boolean miniBatch) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .miniBatch(miniBatch).updater(new Sgd(1.0)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build())
                .setInputType(InputType.feedForward(4))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet denseData() {
        Nd4j.getRandom().setSeed(11);
        return new DataSet(Nd4j.rand(DataType.DOUBLE, 8, 4), Nd4j.rand(DataType.DOUBLE, 8, 2).muli(10));
    }
}
