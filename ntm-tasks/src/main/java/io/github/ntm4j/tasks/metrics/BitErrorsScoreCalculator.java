package io.github.ntm4j.tasks.metrics;

import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import java.util.Objects;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The mean {@link SequenceMetrics#bitErrors bit errors} per sequence on a fixed validation set, as the score of
 * DL4J's early stopping ({@code EarlyStoppingConfiguration.Builder.scoreCalculator}); lower is better. It scores
 * what the NTM literature reports, where DL4J's {@code DataSetLossCalculator} scores the loss.
 *
 * <pre>
 *   new EarlyStoppingConfiguration.Builder&lt;MultiLayerNetwork&gt;()
 *       .scoreCalculator(BitErrorsScoreCalculator.of(new CopyTask(), 64, 7))
 *       ...
 * </pre>
 */
public final class BitErrorsScoreCalculator implements ScoreCalculator<Model> {

    private static final long serialVersionUID = 1L;

    private final DataSet validation;

    /** Scores on {@code validation}: features, labels and both masks, as {@link Examples#toDataSet} makes them. */
    public BitErrorsScoreCalculator(DataSet validation) {
        this.validation = Objects.requireNonNull(validation, "validation");
    }

    /** Scores on {@code sequences} examples of {@code task} drawn with {@code seed}. */
    public static BitErrorsScoreCalculator of(SequenceTask task, int sequences, long seed) {
        return new BitErrorsScoreCalculator(Examples.toDataSet(Examples.generate(task, sequences, seed), DataType.FLOAT));
    }

    /** Mean bit errors per validation sequence of a {@code MultiLayerNetwork} or {@code ComputationGraph}. */
    @Override
    public double calculateScore(Model network) {
        return SequenceMetrics.meanBitErrors(Predictor.of(network).predict(validation), validation.getLabels(),
                validation.getLabelsMaskArray());
    }

    /** Fewer bit errors are better. */
    @Override
    public boolean minimizeScore() {
        return true;
    }
}
