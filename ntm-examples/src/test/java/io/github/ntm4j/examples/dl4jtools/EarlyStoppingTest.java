package io.github.ntm4j.examples.dl4jtools;

import io.github.ntm4j.tasks.metrics.BitErrorsScoreCalculator;
import java.util.Collections;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.BestScoreEpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's {@code EarlyStoppingTrainer} trains an NTM epoch by epoch, scores each epoch with
 * {@link BitErrorsScoreCalculator} and keeps the model of the best one.
 */
class EarlyStoppingTest {

    @Test
    void scoresEveryEpochByBitErrorsAndKeepsTheBestModel() {
        int epochs = 3;
        EarlyStoppingConfiguration<MultiLayerNetwork> conf = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(epochs),
                        new BestScoreEpochTerminationCondition(0.0))   // no wrong bit: done
                .scoreCalculator(new BitErrorsScoreCalculator(CopyRecipe.validation()))
                .evaluateEveryNEpochs(1)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        MultiLayerNetwork net = CopyRecipe.network(CopyRecipe.SEED);
        double untrained = CopyRecipe.validationBitErrors(net);
        EarlyStoppingResult<MultiLayerNetwork> result =
                new EarlyStoppingTrainer(conf, net, CopyRecipe.training(CopyRecipe.SEED, 1000)).fit();

        System.out.println("early stopping: " + result.getTerminationDetails() + " after " + result.getTotalEpochs()
                + " epochs; validation bit errors by epoch " + result.getScoreVsEpoch() + " (untrained: " + untrained + ")");
        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertEquals(epochs, result.getScoreVsEpoch().size(), "one score per epoch");
        double best = Collections.min(result.getScoreVsEpoch().values());
        // Not result.getBestModelScore(): after an epoch termination condition DL4J 1.0.0-M2.1 puts the best
        // model copy's score() there (its training loss, 0 for a copy), not the score calculator's value.
        assertEquals(best, result.getScoreVsEpoch().get(result.getBestModelEpoch()), "lower is better");
        assertEquals(best, CopyRecipe.validationBitErrors(result.getBestModel()), "the kept model is the one scored");
        assertTrue(best < untrained, untrained + " -> " + best);
    }
}
