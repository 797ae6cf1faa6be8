package io.github.ntm4j.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ntm4j.tasks.metrics.SequenceMetrics;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class DynamicNGramsTaskTest {

    /**
     * The marginal likelihood of a bit sequence under a bigram model (one context bit, two
     * table entries p0, p1, each Beta(1/2, 1/2)), by a 2-D midpoint rule after the substitution
     * p = sin^2(theta), under which the Beta(1/2, 1/2) density times dp is (2/pi) d theta.
     * This integrates the whole joint posterior and knows nothing of per-context counts.
     */
    private static double marginalLikelihood(int[] bits) {
        int grid = 400;
        double h = (Math.PI / 2) / grid;
        double total = 0;
        for (int i = 0; i < grid; i++) {
            double s0 = Math.sin((i + 0.5) * h);
            double p0 = s0 * s0;
            for (int j = 0; j < grid; j++) {
                double s1 = Math.sin((j + 0.5) * h);
                double p1 = s1 * s1;
                double like = 1;
                for (int t = 1; t < bits.length; t++) {   // bit 0 is the fair coin, common to both
                    double p = bits[t - 1] == 0 ? p0 : p1;
                    like *= bits[t] == 1 ? p : 1 - p;
                }
                total += like;
            }
        }
        return total * (2 / Math.PI) * (2 / Math.PI) * h * h;
    }

    @Test
    void bayesOptimumAgreesWithBruteForceIntegration() {
        int[] bits = {1, 1, 0, 1, 1, 1, 0, 0, 1, 1};
        double[] optimum = DynamicNGramsTask.bayesOptimal(bits, 2);
        for (int t = 0; t < bits.length; t++) {
            int[] prefix = Arrays.copyOf(bits, t + 1);
            int[] withOne = Arrays.copyOf(bits, t + 2);
            withOne[t + 1] = 1;
            double brute = marginalLikelihood(withOne) / marginalLikelihood(prefix);
            assertEquals(brute, optimum[t], 2e-3, "P(b_" + (t + 1) + " = 1 | b_0..b_" + t + ")");
        }
        // By hand at t = 4: the context is b_4 = 1; so far a 1 was followed by b_1 = 1, b_2 = 0
        // and b_4 = 1, so N1 = 2, N0 = 1 and P = (2 + 1/2) / (3 + 1).
        assertEquals(2.5 / 4, optimum[4], 1e-12);
    }

    @Test
    void betaHalfSamplerHasTheArcsineDistribution() {
        Random rng = new Random(99);
        int n = 20000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = DynamicNGramsTask.sampleBetaHalf(rng);
        }
        Arrays.sort(x);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 2 / Math.PI * Math.asin(Math.sqrt(x[i]));
            ks = Math.max(ks, Math.max(Math.abs(cdf - i / (double) n), Math.abs(cdf - (i + 1) / (double) n)));
        }
        assertTrue(ks < 1.63 / Math.sqrt(n), "Kolmogorov-Smirnov distance " + ks + " (1% level)");
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertEquals(0.5, mean, 0.01);
        assertEquals(0.125, var, 0.005);   // ab / ((a+b)^2 (a+b+1)) = 1/8
    }

    @Test
    void targetIsTheNextBitAndTheMaskSkipsTheCoinFlips() {
        Batch batch = Batch.of(new DynamicNGramsTask(), 4, 21);
        for (int b = 0; b < batch.size(); b++) {
            assertEquals(200, batch.steps(b));
            for (int t = 4; t < 199; t++) {
                assertEquals(batch.x[b][0][t + 1], batch.y[b][0][t], "target at t is input at t+1");
            }
            for (int t = 0; t < 200; t++) {
                assertEquals(t >= 4 ? 1f : 0f, batch.yMask[b][t], "answers from the first table-drawn bit, b_5");
            }
        }
    }

    @Test
    void sequencesFollowAPerSequenceTable() {
        // With a deterministic table (probabilities 0 or 1) the bits after the first N-1 are
        // a function of the context.
        Random rng = new Random(1);
        double[] table = new double[32];
        for (int c = 0; c < 32; c++) {
            table[c] = Integer.bitCount(c) % 2;   // next bit = parity of the previous five
        }
        int[] bits = DynamicNGramsTask.sampleBits(rng, table, 6, 100);
        for (int j = 5; j < bits.length; j++) {
            int parity = (bits[j - 5] + bits[j - 4] + bits[j - 3] + bits[j - 2] + bits[j - 1]) % 2;
            assertEquals(parity, bits[j], "bit " + j);
        }
    }

    @Test
    void optimumCostsLessThanAFairCoin() {
        DynamicNGramsTask task = new DynamicNGramsTask();
        DataSet ds = Examples.toDataSet(Examples.generate(task, 20, 5),
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray optimum = task.bayesOptimalPredictor().predict(ds);
        INDArray coin = optimum.like().assign(0.5);
        double optimumCost = SequenceMetrics.meanCostBits(optimum, ds.getLabels(), ds.getLabelsMaskArray());
        double coinCost = SequenceMetrics.meanCostBits(coin, ds.getLabels(), ds.getLabelsMaskArray());
        assertEquals(196, coinCost, 1e-3, "a fair coin pays one bit per answer");
        // Beta(1/2, 1/2) tables are mostly near-deterministic: the optimum saves a good part
        // of the 196 bits (about 129 bits per sequence on average), but cannot be near zero after 32 contexts.
        assertTrue(optimumCost > 80 && optimumCost < 140, "optimum cost " + optimumCost);
    }

    @Test
    void impossibleParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DynamicNGramsTask.Params(1, 200));
        assertTrue(e.getMessage().contains("order must be >= 2, got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DynamicNGramsTask.Params(30, 200));
        assertTrue(e.getMessage().contains("order must be <= 17"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DynamicNGramsTask.Params(6, 3));
        assertTrue(e.getMessage().contains("length=3"), e.getMessage());
    }
}
