package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import io.github.ntm4j.layer.internal.step.NtmPath;
import io.github.ntm4j.layer.internal.step.samediff.SameDiffNtmPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

/**
 * Times forward + backward of one copy-task training sequence (length-20 copy: T = 41, X = 9, FF
 * controller H = 100, N = 128, W = 20, one read and one write head, S = 1) in FLOAT, as training runs,
 * for the fused path at minibatch 1, 16 and 64 (one and two threads) and the SameDiff path at minibatch 1. Prints key=value
 * lines, times in ms per minibatch and per sequence. Not a test: run its main.
 * Arguments (optional): fused iterations (default 200), SameDiff iterations (default 3).
 */
public final class FusedPathBench {
    public static void main(String[] args) {
        int fusedIterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int sameDiffIterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DataType dt = DataType.FLOAT;
        Nd4j.setDefaultDataTypes(dt, dt);
        NtmLayer layer = new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).readHeads(1).writeHeads(1)
                .shiftRange(1).build();
        int steps = 41;
        Random rnd = new Random(1);
        Map<String, INDArray> params = FusedTestSupport.randomParams(layer, rnd, dt);
        System.out.println("config=copy T=" + steps + " X=9 H=100 N=128 W=20 R=1 V=1 S=1 dtype=" + dt
                + " threads=" + Runtime.getRuntime().availableProcessors());
        // Minibatch 1 twice: its first run also warms the JIT for the rest.
        for (int batch : new int[]{1, 16, 64, 1}) {
            for (int threads = 1; threads <= (batch >= 2 ? 2 : 1); threads++) {
                FusedNtmPath path = new FusedNtmPath(NtmRecurrentLayer.specOf(layer), dt);
                path.setParallelThreshold(threads == 1 ? Integer.MAX_VALUE : 2);
                double ms = time(path, layer, params, rnd, batch, steps, Math.max(4, fusedIterations / batch));
                System.out.printf("fused.b%d.threads%d.msPerMinibatch=%.3f%n", batch, threads, ms);
                System.out.printf("fused.b%d.threads%d.msPerSequence=%.4f%n", batch, threads, ms / batch);
            }
        }
        if (sameDiffIterations > 0) {
            double ms = time(new SameDiffNtmPath(NtmRecurrentLayer.specOf(layer), dt), layer, params, rnd, 1, steps,
                    sameDiffIterations);
            System.out.printf("samediff.b1.msPerSequence=%.1f%n", ms);
        }
    }

    /** Mean ms of forward(forBackprop) + backward after warm-up. */
    private static double time(NtmPath path, NtmLayer layer, Map<String, INDArray> params, Random rnd, int batch,
                               int steps, int iterations) {
        INDArray x = Nd4j.createFromArray(randomBits(rnd, batch * 9 * steps)).reshape(batch, 9, steps).castTo(DataType.FLOAT);
        NtmState initial = NtmState.initial(layer, params, batch, DataType.FLOAT);
        INDArray dLdy = FusedTestSupport.uniform(rnd, DataType.FLOAT, 0.1, batch, layer.getNOut(), steps);
        Map<String, INDArray> grads = FusedTestSupport.gradientViews(layer, DataType.FLOAT, 0);
        int warmup = Math.max(2, iterations / 2);
        for (int i = 0; i < warmup; i++) {
            NtmForwardPass f = path.forward(params, x, null, initial, true, false);
            path.backward(f, dLdy, 0, grads);
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            NtmForwardPass f = path.forward(params, x, null, initial, true, false);
            path.backward(f, dLdy, 0, grads);
        }
        return (System.nanoTime() - start) / 1e6 / iterations;
    }

    private static double[] randomBits(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextBoolean() ? 1 : 0;
        return v;
    }
}
