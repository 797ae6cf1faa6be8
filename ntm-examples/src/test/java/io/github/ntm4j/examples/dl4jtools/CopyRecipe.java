package io.github.ntm4j.examples.dl4jtools;

import io.github.ntm4j.layer.NtmActivation;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.updater.GravesRmsProp;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.TaskIterator;
import io.github.ntm4j.tasks.metrics.BitErrorsScoreCalculator;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The copy task's recipe as the README's program uses it (Graves' RMSprop at 1e-4, one sequence per minibatch,
 * ReLU keys and add vectors; lengths 1 to 20), shared by the tests of DL4J's tools around an NTM.
 */
final class CopyRecipe {

    /** 8-bit vectors, lengths 1 to 20. */
    static final CopyTask TASK = new CopyTask(CopyTask.Params.paper());
    /** Weights and data seed 5 copy the validation set after 3,000 sequences (the README's program). */
    static final long SEED = 5;
    /** Seed of the 64 validation sequences. */
    static final long VALIDATION_SEED = 6;

    private CopyRecipe() {
    }

    /** The README's network, with weights drawn from {@code seed}. */
    static MultiLayerNetwork network(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new GravesRmsProp(1e-4))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(10)
                .list()
                .layer(new NtmLayer.Builder().nIn(TASK.inputSize()).memory(128, 20).controllerSize(100)
                        .readHeads(1).writeHeads(1).shiftRange(1)
                        .keyActivation(NtmActivation.RELU).addActivation(NtmActivation.RELU).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(TASK.outputSize()).build())
                .setInputType(InputType.recurrent(TASK.inputSize()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** One sequence per minibatch, {@code sequencesPerEpoch} of them per epoch, new ones every epoch. */
    static TaskIterator training(long seed, int sequencesPerEpoch) {
        return TaskIterator.builder(TASK).batchSize(1).batchesPerEpoch(sequencesPerEpoch).seed(seed)
                .freshDataEachEpoch(true).build();
    }

    /** The 64 validation sequences. */
    static DataSet validation() {
        return Examples.toDataSet(Examples.generate(TASK, 64, VALIDATION_SEED), DataType.FLOAT);
    }

    /** Mean bit errors per validation sequence. */
    static double validationBitErrors(MultiLayerNetwork net) {
        return new BitErrorsScoreCalculator(validation()).calculateScore(net);
    }
}
