package io.github.ntm4j.examples.dl4jtools;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's {@code ParallelWrapper} trains an NTM in two worker threads, averaging their parameters (and updater
 * state) after every minibatch. Whether that helps is measured in docs/dl4j-tools.md; this checks it trains.
 */
class ParallelWrapperTest {

    @Test
    void twoWorkersTrainAnNtm() {
        MultiLayerNetwork net = CopyRecipe.network(CopyRecipe.SEED);
        INDArray initial = net.params().dup();
        double untrained = CopyRecipe.validationBitErrors(net);
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(2).averagingFrequency(1)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING).prefetchBuffer(4).build();
        try {
            wrapper.fit(CopyRecipe.training(CopyRecipe.SEED, 1000));
        } finally {
            wrapper.shutdown();
        }
        double trained = CopyRecipe.validationBitErrors(net);
        System.out.println("ParallelWrapper, 2 workers, 1,000 sequences: validation bit errors " + untrained + " -> "
                + trained);
        assertNotEquals(initial, net.params(), "the wrapped network's parameters are the averaged ones");
        assertTrue(Double.isFinite(net.params().sumNumber().doubleValue()), "finite parameters");
        assertTrue(trained < untrained, untrained + " -> " + trained);
    }
}
