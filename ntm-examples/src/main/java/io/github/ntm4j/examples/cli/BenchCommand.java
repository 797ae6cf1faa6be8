package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.runtime.NtmRecurrentLayer;
import io.github.ntm4j.tasks.CopyTask;
import io.github.ntm4j.tasks.Examples;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench}: times training steps ({@code fit} on one minibatch: forward, backward and RMSprop
 * update) and inference of the copy configuration (feed-forward controller 100, memory 128 x 20, one
 * read and one write head, 8-bit copy), for the fused CPU path and the portable SameDiff path side by
 * side in one run. Prints one {@code key=value} line per measurement.
 */
public final class BenchCommand {
    public static final String USAGE = "bench [--batches 1,16,64] [--length 20] [--inference-length 120] "
            + "[--paths fused,samediff] [--seconds S] [--samediff-iterations N] [--updater rmsprop|graves|adam]";

    private final Options options;

    public BenchCommand(String[] args) {
        this.options = new Options(args, Set.of("batches", "length", "inference-length", "paths", "seconds",
                "samediff-iterations", "memory-rows", "memory-width", "controller-size", "heads", "updater"));
    }

    public int run() {
        List<Integer> batches = ints(options.get("batches", "1,16,64"), "batches");
        int length = (int) options.getLong("length", 20, 1);
        int inferenceLength = (int) options.getLong("inference-length", 120, 1);
        double seconds = options.getDouble("seconds", 3.0);
        int sdIterations = (int) options.getLong("samediff-iterations", 2, 1);
        int rows = (int) options.getLong("memory-rows", 128, 1);
        int width = (int) options.getLong("memory-width", 20, 1);
        int controller = (int) options.getLong("controller-size", 100, 1);
        int heads = (int) options.getLong("heads", 1, 1);
        String updaterName = options.get("updater", "rmsprop");
        TrainCommand.updater(updaterName, 1e-4);   // an unknown name is a usage error before any work
        List<String> paths = new ArrayList<>(List.of(options.get("paths", "fused,samediff").split(",")));
        for (String p : paths) {
            if (!p.equals("fused") && !p.equals("samediff")) {
                throw new UsageException("--paths takes fused and/or samediff, got \"" + p + "\"");
            }
        }
        CopyTask task = new CopyTask(new CopyTask.Params(8, length, length));
        System.out.printf(Locale.ROOT, "machine_cores=%d java=%s backend=%s nd4j_max_threads=%d OMP_NUM_THREADS=%s "
                + "javacpp_max_physical_bytes=%d date=%s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Nd4j.getBackend().getClass().getSimpleName(), Nd4j.getEnvironment().maxThreads(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), org.bytedeco.javacpp.Pointer.maxPhysicalBytes(),
                java.time.LocalDate.now());
        System.out.printf(Locale.ROOT,
                "config=copy controller=ff H=%d N=%d W=%d R=%d V=%d S=1 X=9 Y=8 T=%d dtype=float updater=%s%n",
                controller, rows, width, heads, heads, 2 * length + 1, updaterName);

        for (String path : paths) {
            for (int batch : batches) {
                MultiLayerNetwork net = network(path.equals("fused"), rows, width, controller, heads, updaterName);
                DataSet ds = Examples.toDataSet(Examples.generate(task, batch, 7), DataType.FLOAT);
                // Warm-up: the fused path for at least a second, so the JIT has compiled the kernel.
                long warmupEnd = System.nanoTime() + (path.equals("fused") ? 1_000_000_000L : 0);
                int warmed = 0;
                while (warmed < (path.equals("fused") ? 5 : 1) || System.nanoTime() < warmupEnd) {
                    net.fit(ds);
                    warmed++;
                }
                long start = System.nanoTime();
                int iterations = 0;
                double budget = path.equals("fused") ? seconds * 1e9 : 0;
                do {
                    net.fit(ds);
                    iterations++;
                } while (path.equals("fused") ? System.nanoTime() - start < budget : iterations < sdIterations);
                double msPerFit = (System.nanoTime() - start) / 1e6 / iterations;
                long steps = 2L * length + 1;
                long allocated = allocatedBytes();
                for (int i = 0; i < 10; i++) {
                    net.fit(ds);
                }
                double bytesPerFit = (allocatedBytes() - allocated) / 10.0;
                double flops = FlopCount.trainingFlopsPerExampleStep(dims(net)) * steps * batch;
                System.out.printf(Locale.ROOT,
                        "path=%s batch=%d iterations=%d ms_per_train_step=%.3f ms_per_sequence=%.3f sequences_per_s=%.1f gflops=%.2f heap_used_mb=%.0f allocated_kb_per_train_step=%.1f%n",
                        path, batch, iterations, msPerFit, msPerFit / batch, batch * 1000.0 / msPerFit,
                        flops / (msPerFit * 1e6), heapUsedMb(), bytesPerFit / 1024);
            }
            // Inference on a long sequence, one example.
            MultiLayerNetwork net = network(path.equals("fused"), rows, width, controller, heads, updaterName);
            DataSet ds = Examples.toDataSet(Examples.generate(new CopyTask(new CopyTask.Params(8, inferenceLength,
                    inferenceLength)), 1, 8), DataType.FLOAT);
            net.output(ds.getFeatures());
            int iterations = 0;
            long start = System.nanoTime();
            do {
                net.output(ds.getFeatures());
                iterations++;
            } while (path.equals("fused") ? System.nanoTime() - start < seconds * 1e9 : iterations < sdIterations);
            double ms = (System.nanoTime() - start) / 1e6 / iterations;
            long steps = 2L * inferenceLength + 1;
            System.out.printf(Locale.ROOT, "path=%s inference_length=%d steps=%d ms_per_sequence=%.3f ms_per_step=%.4f gflops=%.2f%n",
                    path, inferenceLength, steps, ms, ms / steps,
                    FlopCount.forwardFlopsPerExampleStep(dims(net)) * steps / (ms * 1e6));
        }
        return 0;
    }

    private static NtmDimensions dims(MultiLayerNetwork net) {
        return NtmDimensions.of((NtmLayer) net.getLayer(0).conf().getLayer());
    }

    /** Bytes allocated so far by every live thread (HotSpot's per-thread allocation counters). */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long a : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            total += Math.max(0, a);
        }
        return total;
    }

    private static double heapUsedMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }

    static MultiLayerNetwork network(boolean fused, int rows, int width, int controller, int heads, String updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(TrainCommand.updater(updater, 1e-4))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(10)
                .list()
                .layer(new NtmLayer.Builder().nIn(9).memory(rows, width).controllerSize(controller)
                        .readHeads(heads).writeHeads(heads).shiftRange(1).fusedCpuPath(fused).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(8).build())
                .setInputType(InputType.recurrent(9))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        String expected = fused ? "FusedNtmPath" : "SameDiffNtmPath";
        String actual = ((NtmRecurrentLayer) net.getLayer(0)).pathName();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("bench asked for " + expected + " but the layer chose " + actual);
        }
        return net;
    }

    static List<Integer> ints(String csv, String name) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            try {
                int v = Integer.parseInt(s.trim());
                if (v < 1) throw new NumberFormatException();
                out.add(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " takes positive integers separated by commas, got \"" + csv + "\"");
            }
        }
        return out;
    }
}
