package io.github.ntm4j.layer;

import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-based tests of the layer's input handling with a seeded generator: random configurations
 * (sizes, heads, shift range, activations, controller, data type, data format), and random inputs (rank,
 * shape, minibatch 0, T = 0, a wrong nIn, values from 1e-3 to 1e3, NaN and ±∞, feature masks right,
 * non-binary or of the wrong shape). Every case must end in either a finite output of the right shape whose
 * trace holds {@link NtmTraceInvariants}, or an exception of a clear kind whose message names the problem.
 * A failing case prints its seed: rerun it with {@code CASE_SEED}.
 */
@Timeout(120)
class FuzzedInputTest {
    private static final long SEED = 20L;
    private static final int FUSED_CASES = 250;
    private static final int SAMEDIFF_CASES = 6;

    /** What the generator decided, and so what the layer must do with it. */
    private record Case(long seed, NtmLayer layer, DataType dataType, INDArray input, INDArray mask, String fault) {
        @Override
        public String toString() {
            return "case seed " + seed + " (" + layer + ", " + dataType + ", input " + Arrays.toString(input.shape())
                    + ", mask " + (mask == null ? "none" : Arrays.toString(mask.shape())) + ", fault: "
                    + (fault == null ? "none" : fault) + ")";
        }
    }

    @Test
    void fusedPath() {
        Random seeds = new Random(SEED);
        for (int i = 0; i < FUSED_CASES; i++) {
            run(generate(seeds.nextLong(), true, 40));
        }
    }

    @Test
    void sameDiffPath() {
        Random seeds = new Random(SEED + 1);
        for (int i = 0; i < SAMEDIFF_CASES; i++) {
            run(generate(seeds.nextLong(), false, 4));
        }
    }

    /**
     * Axes of size 1 on the SameDiff path, where SameDiff's reductions fail: W = 1 (found by
     * {@link #sameDiffPath}, in a sum), and one memory row (N = 1) or shift range 0 (in the softmax). Each
     * gives the fused path's output.
     */
    @Test
    void sameDiffPathHandlesAxesOfSizeOne() {
        for (int[] c : new int[][]{{3, 1, 1}, {5, 1, 2}, {1, 3, 0}, {1, 1, 0}, {4, 2, 0}}) {          // N, W, S
            INDArray x = NtmTestNets.input(3, 2, 3);
            INDArray fused = NtmTestNets.net(NtmTestNets.small().memory(c[0], c[1]).shiftRange(c[2]).readHeads(2)
                    .build()).output(x);
            INDArray portable = NtmTestNets.net(NtmTestNets.small().memory(c[0], c[1]).shiftRange(c[2]).readHeads(2)
                    .fusedCpuPath(false).build()).output(x);
            assertTrue(fused.sub(portable).amaxNumber().doubleValue() < 1e-9, Arrays.toString(c));
        }
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static Case generate(long seed, boolean fused, int maxSteps) {
        Random r = new Random(seed);
        int rows = 1 + r.nextInt(10);
        int nIn = 1 + r.nextInt(5);
        NtmLayer layer = new NtmLayer.Builder().nIn(nIn).memory(rows, 1 + r.nextInt(5))
                .controllerSize(1 + r.nextInt(8)).readHeads(1 + r.nextInt(2)).writeHeads(1 + r.nextInt(2))
                .shiftRange(r.nextInt((rows - 1) / 2 + 1))
                .controller(r.nextInt(4) == 0 ? ControllerType.LSTM : ControllerType.FEED_FORWARD)
                .controllerActivation(pick(r, NtmActivation.values()))
                .keyActivation(pick(r, NtmActivation.values()))
                .addActivation(pick(r, NtmActivation.values()))
                .learnInitialState(r.nextInt(4) == 0)
                .dataFormat(r.nextBoolean() ? RNNFormat.NCW : RNNFormat.NWC)
                .fusedCpuPath(fused).build();
        DataType dataType = r.nextBoolean() ? DataType.FLOAT : DataType.DOUBLE;
        String fault = null;
        int rank = 3;
        int roll = r.nextInt(20);
        if (roll == 0) {
            rank = 2;
            fault = "rank 2";
        } else if (roll == 1) {
            rank = 4;
            fault = "rank 4";
        }
        int batch = 1 + r.nextInt(4);
        int steps = 1 + r.nextInt(maxSteps);
        int features = nIn;
        roll = r.nextInt(20);
        if (roll == 0) {
            batch = 0;
            fault = fault == null ? "empty minibatch" : fault;
        } else if (roll == 1) {
            steps = 0;
            fault = fault == null ? "T = 0" : fault;
        } else if (roll == 2) {
            features = nIn + 1 + r.nextInt(2);
            fault = fault == null ? "wrong nIn" : fault;
        }
        boolean nwc = layer.getRnnDataFormat() == RNNFormat.NWC;
        long[] shape = rank == 2 ? new long[]{batch, features}
                : rank == 4 ? new long[]{batch, features, steps, 2}
                : nwc ? new long[]{batch, steps, features} : new long[]{batch, features, steps};
        INDArray input = Nd4j.create(dataType, shape);
        double scale = Math.pow(10, -3 + 6 * r.nextDouble());
        long length = input.length();
        for (long k = 0; k < length; k++) {
            input.putScalar(k, r.nextBoolean() ? (r.nextBoolean() ? 1 : 0) : r.nextGaussian() * scale);
        }
        if (length > 0 && r.nextInt(6) == 0) {
            double bad = pick(r, new Double[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            input.putScalar(r.nextInt((int) length), bad);
            fault = fault == null ? "non-finite input" : fault;
        }
        INDArray mask = null;
        roll = r.nextInt(6);
        if (roll <= 1 && rank == 3 && batch > 0 && steps > 0) {
            mask = Nd4j.create(dataType, batch, steps);
            for (int b = 0; b < batch; b++) {
                int real = 1 + r.nextInt(steps);                 // at least one real step per example
                for (int t = 0; t < real; t++) {
                    mask.putScalar(b, t, 1);
                }
            }
            if (roll == 1) {
                mask.putScalar(r.nextInt(batch), r.nextInt(steps), pick(r, new Double[]{0.5, -1.0, 2.0, Double.NaN}));
                fault = fault == null ? "non-binary mask" : fault;
            }
        } else if (roll == 2 && rank == 3 && batch > 0 && steps > 0) {
            mask = Nd4j.ones(dataType, batch, steps + 1);
            fault = fault == null ? "mask of the wrong shape" : fault;
        }
        return new Case(seed, layer, dataType, input, mask, fault);
    }

    private static MultiLayerNetwork network(Case c) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(c.seed).dataType(c.dataType)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(c.layer)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .dataFormat(c.layer.getRnnDataFormat()).nOut(2).build())
                .setInputType(InputType.recurrent(c.layer.getNIn(), c.layer.getRnnDataFormat()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static void run(Case c) {
        MultiLayerNetwork net = network(c);
        NtmRecurrentLayer ntm = (NtmRecurrentLayer) net.getLayer(0);
        ntm.setInspection(true);
        INDArray out;
        try {
            out = net.output(c.input, false, c.mask, null);
        } catch (IllegalArgumentException | IllegalStateException | DL4JInvalidInputException e) {
            if (c.fault == null) {
                throw new AssertionError("a valid input was refused: " + c, e);
            }
            assertTrue(e.getMessage() != null && e.getMessage().length() > 20, "no clear message: " + c);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("an unclear exception: " + c, e);
        }
        if (c.fault != null) {
            fail("accepted: " + c);
        }
        assertFalse(out.isNaN().any() || out.isInfinite().any(), "a silent NaN or ∞ in the output: " + c);
        long batch = c.input.size(0);
        long steps = c.layer.getRnnDataFormat() == RNNFormat.NWC ? c.input.size(1) : c.input.size(2);
        long[] expected = c.layer.getRnnDataFormat() == RNNFormat.NWC ? new long[]{batch, steps, 2}
                : new long[]{batch, 2, steps};
        assertArrayEquals(expected, out.shape(), c.toString());
        NtmTraceInvariants.check(ntm.getLastTrace(), c.toString());
    }

    /** One case by its seed, to rerun a failure: {@code -Dtest=FuzzedInputTest#oneCase -DCASE_SEED=...}. */
    @Test
    void oneCase() {
        String seed = System.getProperty("CASE_SEED");
        if (seed != null) {
            run(generate(Long.parseLong(seed), !Boolean.getBoolean("CASE_SAMEDIFF"), 40));
        }
    }
}
