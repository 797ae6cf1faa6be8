package io.github.ntm4j.layer;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.conf.memory.NetworkMemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Compares {@code getMemoryReport} with measured memory: trains (one {@code fit}) and infers (one
 * {@code output}) a float copy-task network (X = 9, N = 128, W = 20, H = 100, one read and one write head, an
 * RnnOutputLayer of 8) at several minibatch sizes and lengths, each on a fresh network, and prints per size:
 * <ul>
 *   <li>{@code report.ntmWorking}: the NTM layer's training working memory from its report, read as FLOAT (on the
 *       fused path its Java heap; on the SameDiff path the ND4J arrays it keeps for backprop);</li>
 *   <li>{@code heap.allocated}: Java heap allocated by every thread during the first {@code fit}
 *       ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes});</li>
 *   <li>{@code heap.retained}: the growth of the heap in use across the {@code fit}, each side read after a
 *       garbage collection ({@code MemoryMXBean});</li>
 *   <li>{@code report.offHeap}: the network report's total for training (FLOAT) without the NTM's working
 *       memory: parameters, gradients, updater state, activations and their gradients, and the output layer's
 *       working memory, all ND4J arrays;</li>
 *   <li>{@code offHeap.total} and {@code offHeap.physical}: the growth of JavaCPP's count of off-heap bytes
 *       ({@code Pointer.totalBytes()}) and of the process's resident memory ({@code Pointer.physicalBytes()})
 *       from before the network is built to after its first {@code fit}.</li>
 * </ul>
 * Then the same for inference ({@code output}), on the fused path and, at small sizes, the SameDiff path. Also
 * {@code workspaces}: the bytes ND4J's workspaces of this thread hold after the pass.
 *
 * <p>ND4J M2.1's CPU backend does not count its arrays in JavaCPP's {@code Pointer.totalBytes()} (so
 * {@code org.bytedeco.javacpp.maxBytes} does not limit them); the process's resident memory
 * {@code Pointer.physicalBytes()} does see them. For a clean resident-memory figure run one case per JVM with
 * the heap touched in advance, e.g. {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch ... MemoryReportBench
 * fused:16:241}. Not a test: run its main; arguments are cases {@code path:minibatch:steps} (the default list is in
 * {@link #main}); sizes are in MB (10^6 bytes).
 *
 * <p>The argument {@code nd4j-limit} instead holds ND4J arrays of 500 MB, one more at a time, printing JavaCPP's
 * counts after each, until an allocation fails or 3 GB are held: run it with e.g.
 * {@code -Xmx512m -Dorg.bytedeco.javacpp.maxBytes=1G} to see which limit stops ND4J's arrays.
 */
public final class MemoryReportBench {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        System.out.println("java.maxHeap=" + mb(Runtime.getRuntime().maxMemory()) + " javacpp.maxBytes="
                + mb(Pointer.maxBytes()) + " javacpp.maxPhysicalBytes=" + mb(Pointer.maxPhysicalBytes())
                + " threads=" + Runtime.getRuntime().availableProcessors());
        if (args.length == 1 && args[0].equals("nd4j-limit")) {
            nd4jLimit();
            return;
        }
        String[] cases = args.length > 0 ? args : new String[]{"fused:1:41", "fused:1:241", "fused:1:1001",
                "fused:16:41", "fused:16:241", "fused:64:241", "samediff:1:21", "samediff:1:81", "samediff:4:41"};
        boolean warmFused = false;
        boolean warmSameDiff = false;
        for (String c : cases) {
            String[] p = c.split(":");
            boolean fused = p[0].equals("fused");
            if (fused ? !warmFused : !warmSameDiff) {
                run(fused, 1, 5, true);   // class loading, native libraries, ND4J's first allocations
                warmFused |= fused;
                warmSameDiff |= !fused;
            }
            run(fused, Integer.parseInt(p[1]), Integer.parseInt(p[2]), false);
        }
    }

    /** The copy configuration (FF controller 100, memory 128 x 20, 1+1 heads) in float, with an output layer. */
    static MultiLayerNetwork network(boolean fused) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new RmsProp(1e-4)).list()
                .layer(new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).fusedCpuPath(fused).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nOut(8).build())
                .setInputType(InputType.recurrent(9))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void run(boolean fused, int batch, int steps, boolean warmUp) {
        String path = fused ? "fused" : "samediff";
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 9, steps);
        INDArray y = Nd4j.rand(DataType.FLOAT, batch, 8, steps).gt(0.5).castTo(DataType.FLOAT);

        // Training.
        long heapBefore = heapAfterGc();
        long offBefore = Pointer.totalBytes();
        long physBefore = Pointer.physicalBytes();
        MultiLayerNetwork net = network(fused);
        long allocatedBefore = allocatedByAllThreads();
        net.fit(x, y);
        long allocated = allocatedByAllThreads() - allocatedBefore;
        long offHeap = Pointer.totalBytes() - offBefore;
        long physical = Pointer.physicalBytes() - physBefore;
        long workspaces = workspaceBytes();
        long retained = heapAfterGc() - heapBefore;
        NetworkMemoryReport report = (NetworkMemoryReport) net.getLayerWiseConfigurations()
                .getMemoryReport(InputType.recurrent(9, steps));
        LayerMemoryReport ntm = (LayerMemoryReport) report.getLayerAndVertexReports().values().iterator().next();
        long ntmWorking = ntm.getMemoryBytes(MemoryType.WORKING_MEMORY_VARIABLE, batch, MemoryUseMode.TRAINING,
                CacheMode.NONE, DataType.FLOAT);
        long total = report.getTotalMemoryBytes(batch, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
        // The network report adds the largest layer working memory: the NTM's here. Without it, the ND4J arrays.
        long reportOffHeap = total - ntmWorking;
        if (!warmUp) {
            System.out.printf(Locale.ROOT, "%s.train B=%d T=%d report.ntmWorking=%s heap.allocated=%s (%+.1f%%) "
                            + "heap.retained=%s report.offHeap=%s offHeap.total=%s offHeap.physical=%s workspaces=%s%n", path,
                    batch, steps, mb(ntmWorking), mb(allocated), 100.0 * (allocated - ntmWorking) / ntmWorking,
                    mb(retained), mb(reportOffHeap), mb(offHeap), mb(physical), mb(workspaces));
        }

        // Inference, on a fresh network.
        net.clear();
        net = null;
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        heapBefore = heapAfterGc();
        offBefore = Pointer.totalBytes();
        physBefore = Pointer.physicalBytes();
        MultiLayerNetwork inf = network(fused);
        allocatedBefore = allocatedByAllThreads();
        inf.output(x);
        allocated = allocatedByAllThreads() - allocatedBefore;
        offHeap = Pointer.totalBytes() - offBefore;
        physical = Pointer.physicalBytes() - physBefore;
        workspaces = workspaceBytes();
        retained = heapAfterGc() - heapBefore;
        long ntmInference = ntm.getMemoryBytes(MemoryType.WORKING_MEMORY_VARIABLE, batch, MemoryUseMode.INFERENCE,
                CacheMode.NONE, DataType.FLOAT) * batch;   // DL4J M2.1 does not multiply inference working memory by B
        long inferenceTotal = report.getTotalMemoryBytes(batch, MemoryUseMode.INFERENCE, CacheMode.NONE, DataType.FLOAT)
                - ntm.getMemoryBytes(MemoryType.WORKING_MEMORY_VARIABLE, batch, MemoryUseMode.INFERENCE,
                CacheMode.NONE, DataType.FLOAT);
        if (!warmUp) {
            System.out.printf(Locale.ROOT, "%s.output B=%d T=%d report.ntmWorking=%s heap.allocated=%s heap.retained=%s "
                            + "report.offHeap=%s offHeap.total=%s offHeap.physical=%s workspaces=%s%n", path, batch, steps,
                    mb(ntmInference), mb(allocated), mb(retained), mb(inferenceTotal), mb(offHeap), mb(physical),
                    mb(workspaces));
        }
        inf.clear();
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    private static long allocatedByAllThreads() {
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }

    private static void nd4jLimit() {
        java.util.List<INDArray> held = new java.util.ArrayList<>();
        try {
            for (int i = 1; i <= 6; i++) {
                INDArray a = Nd4j.create(DataType.FLOAT, 125_000_000L);   // 500 MB, zeroed by ND4J
                a.addi(1);
                held.add(a);
                Nd4j.create(DataType.FLOAT, 3, i);                       // an array of a new shape
                System.out.printf(Locale.ROOT, "held=%dMB javacpp.totalBytes=%d javacpp.physicalBytes=%s%n", i * 500,
                        Pointer.totalBytes(), mb(Pointer.physicalBytes()));
            }
        } catch (OutOfMemoryError e) {
            System.out.println("refused: " + e);
        }
    }

    private static long workspaceBytes() {
        long sum = 0;
        for (org.nd4j.linalg.api.memory.MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            sum += ws.getCurrentSize();
        }
        return sum;
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2fMB", bytes / 1e6);
    }
}
