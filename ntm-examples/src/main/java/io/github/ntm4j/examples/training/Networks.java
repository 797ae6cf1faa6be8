package io.github.ntm4j.examples.training;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.tasks.SequenceTask;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The networks {@code train}, the sweep and the tests build for a bit-vector task: an NTM of a given
 * {@link Shape}, or the NTM paper's baseline, a 3-layer LSTM; either followed by one sigmoid per output bit
 * with cross-entropy, trained with gradients clipped element-wise at 10 (the NTM paper, Section 4;
 * NTM-Lasagne), in float.
 */
public final class Networks {
    /** Units in each of the LSTM baseline's three layers. */
    public static final int LSTM_BASELINE_SIZE = 64;
    /** Element-wise gradient clipping: the NTM paper, Section 4. */
    public static final double GRADIENT_CLIP = 10;

    private Networks() {
    }

    /** The size of an NTM; serializable, as a sweep ships one to each of its runs. */
    public record Shape(int controllerSize, int memoryRows, int memoryWidth, int readHeads, int writeHeads,
                        boolean learnInitialState) implements java.io.Serializable {
        @Override
        public String toString() {
            return "controller_size=" + controllerSize + " memory=" + memoryRows + "x" + memoryWidth + " heads="
                    + readHeads + "+" + writeHeads + (learnInitialState ? " initial_state=learned" : "");
        }
    }

    /** NTM-Lasagne's copy network: controller 100, memory 128 x 20, one read and one write head, fixed initial state. */
    public static final Shape LASAGNE = new Shape(100, 128, 20, 1, 1, false);

    /** NTM-Lasagne's copy network with DL4J's RMSprop at {@code lr} and tanh keys and add vectors. */
    public static MultiLayerNetwork ntm(SequenceTask task, ControllerType controller, long seed, double lr) {
        return ntm(task, controller, seed, new RmsProp(lr));
    }

    /** NTM-Lasagne's copy network with another updater, tanh keys and add vectors. */
    public static MultiLayerNetwork ntm(SequenceTask task, ControllerType controller, long seed, IUpdater updater) {
        return ntm(task, controller, seed, updater, NtmActivation.TANH, NtmActivation.TANH, LASAGNE);
    }

    /**
     * An NTM of {@code shape} for {@code task}: shift range 1, the given activations for the keys and the add
     * vectors (NTM-Lasagne's copy example used ReLU for both).
     *
     * @throws IllegalArgumentException naming the impossible size, from {@link NtmLayer.Builder}
     */
    public static MultiLayerNetwork ntm(SequenceTask task, ControllerType controller, long seed, IUpdater updater,
            NtmActivation keyActivation, NtmActivation addActivation, Shape shape) {
        NtmLayer ntm = new NtmLayer.Builder().nIn(task.inputSize()).memory(shape.memoryRows(), shape.memoryWidth())
                .controllerSize(shape.controllerSize()).controller(controller).readHeads(shape.readHeads())
                .writeHeads(shape.writeHeads()).shiftRange(1).learnInitialState(shape.learnInitialState())
                .keyActivation(keyActivation).addActivation(addActivation).build();
        return withBitsOutput(training(seed, updater).layer(ntm), task);
    }

    /** The LSTM baseline with DL4J's RMSprop at {@code lr}. */
    public static MultiLayerNetwork lstmBaseline(SequenceTask task, long seed, double lr) {
        return lstmBaseline(task, seed, new RmsProp(lr), LSTM_BASELINE_SIZE);
    }

    /**
     * The baseline of the NTM paper's comparisons: a 3-layer LSTM (DL4J's own) of {@code units} a layer. 64
     * units give 85,000 parameters for the copy task (the NTM has 13,260; the paper used 256 units); 24 match
     * the NTM (12,872).
     */
    public static MultiLayerNetwork lstmBaseline(SequenceTask task, long seed, IUpdater updater, int units) {
        NeuralNetConfiguration.ListBuilder list = training(seed, updater);
        for (int i = 0; i < 3; i++) {
            list.layer(new LSTM.Builder().nOut(units).activation(Activation.TANH).build());
        }
        return withBitsOutput(list, task);
    }

    private static NeuralNetConfiguration.ListBuilder training(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(updater)
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .list();
    }

    /** Adds the sigmoid + cross-entropy output every bit-vector task needs, and builds the network. */
    private static MultiLayerNetwork withBitsOutput(NeuralNetConfiguration.ListBuilder list, SequenceTask task) {
        MultiLayerConfiguration conf = list
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(task.outputSize()).build())
                .setInputType(InputType.recurrent(task.inputSize()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
