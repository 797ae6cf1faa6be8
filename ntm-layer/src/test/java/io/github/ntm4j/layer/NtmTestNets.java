package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/** Small networks and data shared by the layer's tests. */
final class NtmTestNets {
    static final int X = 3;
    static final int Y = 3;

    private NtmTestNets() {
    }

    /** A small NTM with tanh controller (no ReLU kinks for finite differences). */
    static NtmLayer.Builder small() {
        return new NtmLayer.Builder().nIn(X).memory(5, 3).controllerSize(4).readHeads(1).writeHeads(1).shiftRange(1)
                .controllerActivation(NtmActivation.TANH);
    }

    static MultiLayerNetwork net(NtmLayer ntm, IUpdater updater, RNNFormat format, long seed) {
        return net(ntm, updater, format, seed, X);
    }

    /** {@link #net(NtmLayer, IUpdater, RNNFormat, long)} with {@code inputs} input channels. */
    static MultiLayerNetwork net(NtmLayer ntm, IUpdater updater, RNNFormat format, long seed, int inputs) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(ntm)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .dataFormat(format).nOut(Y).build())
                .setInputType(InputType.recurrent(inputs, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork net(NtmLayer ntm) {
        return net(ntm, new NoOp(), RNNFormat.NCW, 12345);
    }

    /** Random values in [-1, 1]: [B, X, T]. */
    static INDArray input(long seed, int batch, int steps) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, batch, X, steps).muli(2).subi(1);
    }

    /** Random 0/1 labels: [B, Y, T]. */
    static INDArray labels(long seed, int batch, int steps) {
        Random r = new Random(seed);
        INDArray l = Nd4j.zeros(DataType.DOUBLE, batch, Y, steps);
        for (int b = 0; b < batch; b++)
            for (int y = 0; y < Y; y++)
                for (int t = 0; t < steps; t++)
                    l.putScalar(b, y, t, r.nextBoolean() ? 1 : 0);
        return l;
    }

    /** Mask [B, T]: example b has {@code lengths[b]} real steps, then padding. */
    static INDArray mask(int steps, int... lengths) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++)
            for (int t = 0; t < lengths[b]; t++)
                m.putScalar(b, t, 1);
        return m;
    }
}
