package io.github.ntm4j.layer;

import io.github.ntm4j.layer.calibration.TemperatureScaling;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TemperatureScaling} against what it must do: recover a temperature known by construction, ignore masked-out
 * steps, keep every bit's decision, and make the network output {@code sigmoid(logit(p) / T)}.
 */
class TemperatureScalingTest {
    private static final int BATCH = 4;
    private static final int STEPS = 6;
    private static final int[] LENGTHS = {6, 3, 5, 1};

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void recoversTheTemperatureOfSoftLabelsIgnoringMaskedOutSteps(RNNFormat format) {
        MultiLayerNetwork net = net(format);
        DataSet data = data(format);
        INDArray p = output(net, data);
        // Labels that sigmoid(z / 2.5) fits exactly; the masked-out steps get the opposite, which must not count.
        INDArray soft = Transforms.sigmoid(logit(p).divi(2.5));
        INDArray mask = data.getLabelsMaskArray();
        INDArray stepMask = format == RNNFormat.NCW ? mask.reshape(BATCH, 1, STEPS) : mask.reshape(BATCH, STEPS, 1);
        INDArray labels = soft.mul(stepMask).addi(soft.rsub(1).muli(stepMask.rsub(1)));
        DataSet softData = new DataSet(data.getFeatures(), labels, data.getFeaturesMaskArray(), mask);

        TemperatureScaling.Fit fit = TemperatureScaling.fit(net, List.of(softData));

        assertEquals(2.5, fit.temperature(), 1e-6);
        long entries = (long) mask.sumNumber().doubleValue() * NtmTestNets.Y;
        assertEquals(entries, fit.entries());
        assertEquals(BATCH, fit.examples());
        assertEquals(crossEntropyBits(p, labels, mask, format) / BATCH, fit.bitsBefore(), 1e-9);
        assertTrue(fit.bitsAfter() < fit.bitsBefore(), fit.toString());
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void appliedTheNetworkOutputsTheScaledProbabilitiesWithEveryDecisionKept(RNNFormat format) {
        MultiLayerNetwork net = net(format);
        DataSet data = data(format);
        INDArray before = output(net, data);

        TemperatureScaling.apply(net, 3.0);

        INDArray after = output(net, data);
        INDArray expected = Transforms.sigmoid(logit(before).divi(3.0));
        assertEquals(0, expected.sub(after).amaxNumber().doubleValue(), 1e-12);
        assertEquals(before.gt(0.5), after.gt(0.5));
    }

    @Test
    void aFitOnTheNetworksOwnHardLabelsSharpensIt() {
        MultiLayerNetwork net = net(RNNFormat.NCW);
        DataSet data = data(RNNFormat.NCW);
        // Labels that agree with every decision: more confidence is always better, up to the limit.
        DataSet agreed = new DataSet(data.getFeatures(), output(net, data).gt(0.5).castTo(DataType.DOUBLE),
                data.getFeaturesMaskArray(), data.getLabelsMaskArray());

        TemperatureScaling.Fit fit = TemperatureScaling.fit(net, List.of(agreed));

        assertTrue(fit.temperature() < 1, fit.toString());
        assertTrue(fit.bitsAfter() < fit.bitsBefore(), fit.toString());
    }

    @Test
    void refusesAnOutputLayerThatIsNotIndependentBits() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE).list()
                .layer(NtmTestNets.small().build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(NtmTestNets.Y).build())
                .setInputType(InputType.recurrent(NtmTestNets.X)).build();
        MultiLayerNetwork softmax = new MultiLayerNetwork(conf);
        softmax.init();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemperatureScaling.fit(softmax, List.of(data(RNNFormat.NCW))));
        assertTrue(e.getMessage().contains("sigmoid with cross-entropy") && e.getMessage().contains("softmax"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.apply(softmax, 2));
    }

    @Test
    void refusesImpossibleTemperaturesAndLabels() {
        MultiLayerNetwork net = net(RNNFormat.NCW);
        for (double t : new double[]{0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TemperatureScaling.apply(net, t));
            assertTrue(e.getMessage().contains("finite number above 0"), e.getMessage());
        }
        DataSet data = data(RNNFormat.NCW);
        DataSet twos = new DataSet(data.getFeatures(), data.getLabels().mul(2), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemperatureScaling.fit(net, List.of(twos)));
        assertTrue(e.getMessage().contains("labels in [0, 1]"), e.getMessage());
        DataSet none = new DataSet(data.getFeatures(), data.getLabels(), null, data.getLabelsMaskArray().mul(0));
        e = assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.fit(net, List.of(none)));
        assertTrue(e.getMessage().contains("every label masked out"), e.getMessage());
    }

    private static MultiLayerNetwork net(RNNFormat format) {
        MultiLayerNetwork net = NtmTestNets.net(NtmTestNets.small().build(), new NoOp(), format, 3);
        // Outputs far from 0.5, as a trained network's are.
        net.getOutputLayer().getParam("W").muli(8);
        return net;
    }

    private static DataSet data(RNNFormat format) {
        INDArray x = NtmTestNets.input(5, BATCH, STEPS);
        INDArray y = NtmTestNets.labels(6, BATCH, STEPS);
        INDArray mask = NtmTestNets.mask(STEPS, LENGTHS);
        return format == RNNFormat.NCW ? new DataSet(x, y, mask, mask)
                : new DataSet(x.permute(0, 2, 1).dup(), y.permute(0, 2, 1).dup(), mask, mask);
    }

    private static INDArray output(MultiLayerNetwork net, DataSet d) {
        return net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), d.getLabelsMaskArray());
    }

    private static INDArray logit(INDArray p) {
        return Transforms.log(p.div(p.rsub(1)));
    }

    /** The summed cross-entropy in bits over the masked-in entries, computed apart. */
    private static double crossEntropyBits(INDArray p, INDArray y, INDArray mask, RNNFormat format) {
        double sum = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                if (mask.getDouble(b, t) == 0) {
                    continue;
                }
                for (int c = 0; c < NtmTestNets.Y; c++) {
                    double q = format == RNNFormat.NCW ? p.getDouble(b, c, t) : p.getDouble(b, t, c);
                    double l = format == RNNFormat.NCW ? y.getDouble(b, c, t) : y.getDouble(b, t, c);
                    sum -= (l * Math.log(q) + (1 - l) * Math.log(1 - q)) / Math.log(2);
                }
            }
        }
        return sum;
    }
}
