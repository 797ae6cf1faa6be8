package io.github.ntm4j.tasks.metrics;

import io.github.ntm4j.tasks.Example;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Evaluates a trained network on a task at sizes beyond its training range: the
 * generalisation experiments of Graves et al. (2014), Section 4 (copy trained on lengths 1-20
 * and tested on 10, 20, 30, 50 and 120; repeat copy tested on longer sequences and more
 * repeats than in training; associative recall on more items than the 6 of training).
 *
 * <pre>
 *   SweepTable table = GeneralisationSweep
 *       .over("length", n -> new CopyTask(CopyTask.Params.paper().withLength(n)))
 *       .values(10, 20, 30, 50, 120)
 *       .run(net);
 *   System.out.print(table);
 *   table.writeCsv(Path.of("copy-sweep.csv"));
 * </pre>
 *
 * <p>The test set of each value is a fixed function of the seed and the value, so two networks
 * swept with the same settings are scored on the same examples.
 */
public final class GeneralisationSweep {

    private final String variable;
    private final IntFunction<? extends SequenceTask> taskAt;
    private int[] values = new int[0];
    private int examples = 100;
    private int batchSize = 32;
    private long seed = 1234L;
    private DataType dataType = DataType.FLOAT;

    private GeneralisationSweep(String variable, IntFunction<? extends SequenceTask> taskAt) {
        this.variable = variable;
        this.taskAt = taskAt;
    }

    /**
     * A sweep over {@code variable}, whose value {@code v} is evaluated on the task
     * {@code taskAt.apply(v)}, e.g. {@code n -> new CopyTask(params.withLength(n))}.
     */
    public static GeneralisationSweep over(String variable, IntFunction<? extends SequenceTask> taskAt) {
        return new GeneralisationSweep(Objects.requireNonNull(variable, "variable"),
                Objects.requireNonNull(taskAt, "taskAt"));
    }

    /** The values to evaluate, in table order. */
    public GeneralisationSweep values(int... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        this.values = values.clone();
        return this;
    }

    /** Test examples per value. Default 100. */
    public GeneralisationSweep examples(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be >= 1, got " + examples);
        }
        this.examples = examples;
        return this;
    }

    /** Examples per forward pass. Default 32. */
    public GeneralisationSweep batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Seed of the test sets. Default 1234. */
    public GeneralisationSweep seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Data type of the test arrays. Default {@link DataType#FLOAT}. */
    public GeneralisationSweep dataType(DataType dataType) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        return this;
    }

    /** The fixed test set of one value. */
    public List<Example> testSet(int value) {
        // Distinct, value-dependent seeds: the set at length 20 is not a prefix of the one at 30.
        return Examples.generate(taskAt.apply(value), examples, seed * 1_000_003L + value);
    }

    /** Sweeps a {@code MultiLayerNetwork} or {@code ComputationGraph}. */
    public SweepTable run(Model model) {
        return run(Predictor.of(model));
    }

    /** Sweeps any predictor. */
    public SweepTable run(Predictor predictor) {
        if (values.length == 0) {
            throw new IllegalStateException("no values to sweep: call values(...) first");
        }
        List<SweepTable.Row> rows = new ArrayList<>();
        for (int value : values) {
            rows.add(evaluate(predictor, value));
        }
        return new SweepTable(variable, rows);
    }

    /**
     * The cost in bits per sequence of {@code model} minus that of {@code reference}, paired on the same test
     * sequences at every value: the mean difference with its normal 95% interval (from the differences' own
     * spread, which is far smaller than either cost's when both track the sequence's difficulty). The paper's
     * measure for dynamic n-grams against the Bayes-optimal predictor (Section 4.4).
     */
    public List<CostDifference> costAbove(Predictor model, Predictor reference) {
        if (values.length == 0) {
            throw new IllegalStateException("no values to sweep: call values(...) first");
        }
        List<CostDifference> rows = new ArrayList<>();
        for (int value : values) {
            double[] a = costs(model, value);
            double[] b = costs(reference, value);
            int n = a.length;
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                double d = a[i] - b[i];
                sum += d;
                sum2 += d * d;
            }
            double mean = sum / n;
            double sd = n > 1 ? Math.sqrt(Math.max(0, (sum2 - n * mean * mean) / (n - 1))) : Double.NaN;
            // A difference may be negative: no floor.
            double[] interval = Intervals.mean(mean, sd, n, Intervals.Z95, Double.NEGATIVE_INFINITY);
            rows.add(new CostDifference(value, n, sum(a) / n, sum(b) / n, mean, interval[0], interval[1]));
        }
        return rows;
    }

    /**
     * One value of {@link #costAbove}: mean costs in bits per sequence of the model and the reference over the
     * same {@code n} sequences, and the mean of their paired difference with its 95% interval.
     */
    public record CostDifference(int value, int n, double modelCost, double referenceCost, double meanDifference,
                                 double lo95, double hi95) {
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** The cost in bits of every test sequence of {@code value}, in test-set order. */
    private double[] costs(Predictor predictor, int value) {
        List<Example> set = testSet(value);
        double[] out = new double[set.size()];
        int k = 0;
        for (int from = 0; from < set.size(); from += batchSize) {
            List<Example> part = set.subList(from, Math.min(set.size(), from + batchSize));
            DataSet batch = Examples.toDataSet(part, dataType);
            for (double c : SequenceMetrics.costBits(predictor.predict(batch), batch.getLabels(),
                    batch.getLabelsMaskArray())) {
                out[k++] = c;
            }
        }
        return out;
    }

    private SweepTable.Row evaluate(Predictor predictor, int value) {
        List<Example> set = testSet(value);
        double bitErrors = 0;
        double bitErrors2 = 0;
        double cost = 0;
        double cost2 = 0;
        double perfect = 0;
        double stepRight = 0;
        double steps = 0;
        double finalRight = 0;
        for (int from = 0; from < set.size(); from += batchSize) {
            List<Example> part = set.subList(from, Math.min(set.size(), from + batchSize));
            DataSet batch = Examples.toDataSet(part, dataType);
            INDArray labels = batch.getLabels();                // [B, Y, T]
            INDArray mask = batch.getLabelsMaskArray();         // [B, T]
            INDArray predictions = predictor.predict(batch);    // [B, Y, T]
            int b = part.size();
            for (double e : SequenceMetrics.bitErrors(predictions, labels, mask)) {
                bitErrors += e;
                bitErrors2 += e * e;
                perfect += e == 0 ? 1 : 0;
            }
            for (double c : SequenceMetrics.costBits(predictions, labels, mask)) {
                cost += c;
                cost2 += c * c;
            }
            // Weight per-step accuracy by answer bits so the mean is over the whole set.
            double answerBits = mask.sumNumber().doubleValue() * labels.size(1);
            stepRight += SequenceMetrics.stepAccuracy(predictions, labels, mask) * answerBits;
            steps += answerBits;
            finalRight += SequenceMetrics.finalStepAccuracy(predictions, labels, mask) * b;
        }
        int n = set.size();
        return new SweepTable.Row(value, n, bitErrors / n, cost / n, perfect / n, stepRight / steps, finalRight / n,
                sampleSd(bitErrors, bitErrors2, n), sampleSd(cost, cost2, n));
    }

    /** The sample standard deviation of {@code n} values from their sum and sum of squares; one value has none. */
    private static double sampleSd(double sum, double sumOfSquares, int n) {
        double mean = sum / n;
        return n > 1 ? Math.sqrt(Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1))) : Double.NaN;
    }
}
