package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.inspect.NtmInspection;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.samediff.SameDiffNtmPath;
import io.github.ntm4j.layer.internal.step.fused.FusedTimings;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench}: times training steps ({@code fit} on one minibatch: forward, backward and RMSprop
 * update) and inference of the copy configuration (feed-forward controller 100, memory 128 x 20, one
 * read and one write head, 8-bit copy), for the fused CPU path and the portable SameDiff path side by
 * side in one run. Prints one {@code key=value} line per measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training steps and inference of the copy configuration (feed-forward controller 100, "
                + "memory 128 x 20, one read and one write head), the fused CPU path and the portable SameDiff path "
                + "side by side: one key=value line per measurement (docs/performance.md). --controller lstm times the "
                + "same network with an LSTM controller.")
public final class BenchCommand implements Callable<Integer> {
    /** The longest warm-up of the fused path, in seconds. */
    private static final int MAX_WARMUP_SECONDS = 15;

    /** An implementation of the NTM step. */
    enum StepPath {
        /** The fused CPU kernel. */
        FUSED,
        /** The portable SameDiff graph. */
        SAMEDIFF;

        @Override
        public String toString() {
            return Cli.optionName(this);
        }
    }

    @Option(names = "--batches", paramLabel = "B1,B2", split = ",", converter = Cli.PositiveInt.class,
            defaultValue = "1,16,64", description = "Minibatch sizes to time training at (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--length", converter = Cli.PositiveInt.class, defaultValue = "20",
            description = "Copy length of the training sequences (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--inference-length", converter = Cli.PositiveInt.class, defaultValue = "120",
            description = "Copy length of the inference sequence (default: ${DEFAULT-VALUE}).")
    int inferenceLength;

    @Option(names = "--paths", paramLabel = "P1,P2", split = ",", defaultValue = "fused,samediff",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<StepPath> paths;

    @Option(names = "--seconds", converter = Cli.PositiveDouble.class, defaultValue = "3",
            description = "Timing budget per measurement of the fused path (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--samediff-iterations", converter = Cli.PositiveInt.class, defaultValue = "2",
            description = "Timed steps per measurement of the SameDiff path (default: ${DEFAULT-VALUE}).")
    int sdIterations;

    @Option(names = "--memory-rows", converter = Cli.PositiveInt.class, defaultValue = "128",
            description = "N (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--memory-width", converter = Cli.PositiveInt.class, defaultValue = "20",
            description = "W (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--controller-size", converter = Cli.PositiveInt.class, defaultValue = "100",
            description = "H (default: ${DEFAULT-VALUE}).")
    int controller;

    @Option(names = "--controller", paramLabel = "ff|lstm", defaultValue = "ff",
            description = "The controller: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the copy configuration's).")
    Controller controllerType;

    @Option(names = "--heads", converter = Cli.PositiveInt.class, defaultValue = "1",
            description = "Read heads, and as many write heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--updater", paramLabel = "UPDATER", defaultValue = "rmsprop",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Updater updater;

    @Override
    public Integer call() {
        CopyTask task = new CopyTask(new CopyTask.Params(8, length, length));
        System.out.printf(Locale.ROOT, "machine_cores=%d java=%s backend=%s nd4j_max_threads=%d OMP_NUM_THREADS=%s "
                + "javacpp_max_physical_bytes=%d date=%s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Nd4j.getBackend().getClass().getSimpleName(), Nd4j.getEnvironment().maxThreads(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), org.bytedeco.javacpp.Pointer.maxPhysicalBytes(),
                java.time.LocalDate.now());
        System.out.printf(Locale.ROOT,
                "config=copy controller=%s H=%d N=%d W=%d R=%d V=%d S=1 X=9 Y=8 T=%d dtype=float updater=%s%n",
                controllerType, controller, rows, width, heads, heads, 2 * length + 1, updater);

        for (StepPath step : paths) {
            boolean fused = step == StepPath.FUSED;
            int[] ops = null;
            if (!fused) {
                // SameDiff's ops per step: the interpreter's cost per op is most of this path's time.
                ops = SameDiffNtmPath.opCounts(NtmRecurrentLayer.specOf(
                        (NtmLayer) network(false, rows, width, controllerType, controller, heads, updater).getLayer(0).conf().getLayer()),
                        DataType.FLOAT);
                System.out.printf(Locale.ROOT, "path=samediff ops_forward=%d ops_gradient=%d ops_run_forward=%d "
                        + "ops_run_gradient=%d ops_run_gradient_recomputing=%d%n", ops[0], ops[2], ops[1], ops[3],
                        ops[4]);
            }
            for (int batch : batches) {
                MultiLayerNetwork net = network(fused, rows, width, controllerType, controller, heads, updater);
                DataSet ds = Examples.toDataSet(Examples.generate(task, batch, 7), DataType.FLOAT);
                if (fused) {
                    warmUp(net, ds);
                } else {
                    net.fit(ds);
                }
                long start = System.nanoTime();
                int iterations = 0;
                double budget = fused ? seconds * 1e9 : 0;
                do {
                    net.fit(ds);
                    iterations++;
                } while (fused ? System.nanoTime() - start < budget : iterations < sdIterations);
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
                        step, batch, iterations, msPerFit, msPerFit / batch, batch * 1000.0 / msPerFit,
                        flops / (msPerFit * 1e6), heapUsedMb(), bytesPerFit / 1024);
                if (fused) {
                    printBreakdown(net, ds, batch);
                } else {
                    // The SameDiff path's time per op run: everything in the training step counted in, DL4J's part
                    // and the work around the graph too.
                    System.out.printf(Locale.ROOT, "path=samediff batch=%d ops_per_train_step=%d us_per_op=%.2f%n",
                            batch, steps * (ops[1] + ops[3]), msPerFit * 1000 / (steps * (ops[1] + ops[3])));
                }
            }
            // Inference on a long sequence, one example.
            MultiLayerNetwork net = network(fused, rows, width, controllerType, controller, heads, updater);
            DataSet ds = Examples.toDataSet(Examples.generate(new CopyTask(new CopyTask.Params(8, inferenceLength,
                    inferenceLength)), 1, 8), DataType.FLOAT);
            net.output(ds.getFeatures());
            int iterations = 0;
            long start = System.nanoTime();
            do {
                net.output(ds.getFeatures());
                iterations++;
            } while (fused ? System.nanoTime() - start < seconds * 1e9 : iterations < sdIterations);
            double ms = (System.nanoTime() - start) / 1e6 / iterations;
            long steps = 2L * inferenceLength + 1;
            System.out.printf(Locale.ROOT, "path=%s inference_length=%d steps=%d ms_per_sequence=%.3f ms_per_step=%.4f gflops=%.2f%s%n",
                    step, inferenceLength, steps, ms, ms / steps,
                    FlopCount.forwardFlopsPerExampleStep(dims(net)) * steps / (ms * 1e6),
                    fused ? "" : String.format(Locale.ROOT, " us_per_op=%.2f", ms * 1000 / (steps * ops[1])));
        }
        printPeakMemory();
        return 0;
    }

    /**
     * The run's peak memory, one line: the process's peak resident memory (Linux's VmHWM: the Java heap, ND4J's
     * off-heap arrays, the JIT's code, everything; "unknown" where /proc/self/status has no such line), the
     * peaks of the Java heap's pools summed (at least the heap's own peak, since the pools peak at different
     * times), and the heap's limit.
     */
    private static void printPeakMemory() {
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "memory peak_resident_mb=%s heap_pools_peak_mb=%.0f max_heap_mb=%.0f%n",
                peakResidentMb(), heapPeak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** VmHWM of /proc/self/status in MB, or "unknown". */
    static String peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f", kb * 1024 / 1e6);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: say so rather than guess.
        }
        return "unknown";
    }

    /**
     * Trains until the JIT has compiled the fused kernel: rounds of half a second until a round is not faster
     * than the one before by more than 2%, at least two seconds and at most {@value #MAX_WARMUP_SECONDS}. A fixed
     * second was not enough for the kernel with its vectorised loops: with other jobs on the machine the JIT's
     * own threads compile later, and a three-second measurement after it ran 15-20% slower than an eight-second
     * one (docs/performance.md, Method).
     */
    private static void warmUp(MultiLayerNetwork net, DataSet ds) {
        long begin = System.nanoTime();
        double previous = Double.POSITIVE_INFINITY;
        while (true) {
            long start = System.nanoTime();
            int fits = 0;
            do {
                net.fit(ds);
                fits++;
            } while (System.nanoTime() - start < 500_000_000L);
            double perFit = (System.nanoTime() - start) / (double) fits;
            double elapsed = (System.nanoTime() - begin) / 1e9;
            if (elapsed >= MAX_WARMUP_SECONDS || (elapsed >= 2 && perFit > previous * 0.98)) {
                return;
            }
            previous = perFit;
        }
    }

    /**
     * Where a training step's time goes, from steps timed apart from the main measurement: each round
     * one {@code fit} with the fused path's parts counted, then one {@code computeGradientAndScore} (the
     * same forward and backward without the update), alternating so that both see the same machine load.
     * What is left of the gradient step beyond the layer is DL4J's own work around it (output layer, loss,
     * workspaces); what {@code fit} adds to the gradient step is the updater and gradient clipping.
     */
    private void printBreakdown(MultiLayerNetwork net, DataSet ds, int batch) {
        long fitNanos = 0;
        long gradientNanos = 0;
        int rounds = 0;
        long[] parts = new long[FusedTimings.Part.values().length];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            FusedTimings.start();
            long t0 = System.nanoTime();
            net.fit(ds);
            long t1 = System.nanoTime();
            FusedTimings.stop();
            for (Map.Entry<FusedTimings.Part, Long> e : FusedTimings.nanos().entrySet()) {
                parts[e.getKey().ordinal()] += e.getValue();
            }
            net.setInput(ds.getFeatures());
            net.setLabels(ds.getLabels());
            net.setLayerMaskArrays(ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            long t2 = System.nanoTime();
            net.computeGradientAndScore();
            long t3 = System.nanoTime();
            fitNanos += t1 - t0;
            gradientNanos += t3 - t2;
            rounds++;
        } while (System.nanoTime() < end || rounds < 3);
        double msPerFit = fitNanos / 1e6 / rounds;
        double msPerGradient = gradientNanos / 1e6 / rounds;
        double layerMs = 0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "breakdown path=fused batch=%d rounds=%d",
                batch, rounds));
        for (FusedTimings.Part part : FusedTimings.Part.values()) {
            double ms = parts[part.ordinal()] / 1e6 / rounds;
            layerMs += ms;
            line.append(String.format(Locale.ROOT, " %s_ms=%.4f", part.name().toLowerCase(Locale.ROOT), ms));
        }
        line.append(String.format(Locale.ROOT,
                " ntm_layer_ms=%.4f dl4j_around_layer_ms=%.4f updater_ms=%.4f train_step_ms=%.4f",
                layerMs, msPerGradient - layerMs, msPerFit - msPerGradient, msPerFit));
        System.out.println(line);
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

    static MultiLayerNetwork network(boolean fused, int rows, int width, Controller type, int controller, int heads,
                                      Updater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(updater.create(1e-4))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(10)
                .list()
                .layer(new NtmLayer.Builder().nIn(9).memory(rows, width).controller(type.type()).controllerSize(controller)
                        .readHeads(heads).writeHeads(heads).shiftRange(1).fusedCpuPath(fused).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(8).build())
                .setInputType(InputType.recurrent(9))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        String expected = fused ? "FusedNtmPath" : "SameDiffNtmPath";
        String actual = NtmInspection.pathName(net.getLayer(0));
        if (!actual.equals(expected)) {
            throw new IllegalStateException("bench asked for " + expected + " but the layer chose " + actual);
        }
        return net;
    }
}
