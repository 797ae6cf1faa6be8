package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code NtmLayer.getMemoryReport} against measured memory: the Java heap the first {@code fit} of a fresh network
 * allocates on the fused path (the thread's allocated bytes, {@code com.sun.management.ThreadMXBean}) is the
 * report's training working memory (read as FLOAT), within {@value #RELATIVE_TOLERANCE} of it either way plus
 * {@value #ABSOLUTE_TOLERANCE} bytes more for DL4J's and ND4J's own Java objects, which the report does not count.
 * docs/reliability.md states the same tolerance.
 */
class MemoryReportTest {
    static final double RELATIVE_TOLERANCE = 0.02;
    static final long ABSOLUTE_TOLERANCE = 2_000_000;

    /** The copy configuration in float, on the fused path. */
    private static MultiLayerNetwork copyNetwork() {
        return MemoryReportBench.network(true);
    }

    private static long heapAllocatedByFirstFit(int batch, int steps) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 9, steps);
        INDArray y = Nd4j.rand(DataType.FLOAT, batch, 8, steps).gt(0.5).castTo(DataType.FLOAT);
        MultiLayerNetwork net = copyNetwork();
        // A new thread: its staging for copies between ND4J and Java (per thread, kept) starts empty, whatever
        // ran before on this one. Minibatches below 8 run on the calling thread alone.
        long[] allocated = new long[1];
        Throwable[] failure = new Throwable[1];
        Thread fit = new Thread(() -> {
            try {
                long before = threads.getCurrentThreadAllocatedBytes();
                net.fit(x, y);
                allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        fit.start();
        try {
            fit.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (failure[0] != null) {
            throw new AssertionError("the fit failed", failure[0]);
        }
        return allocated[0];
    }

    @Test
    void theFusedPathsReportedHeapIsWhatTrainingAllocates() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        heapAllocatedByFirstFit(1, 5);   // class loading and ND4J's first calls allocate too: not measured
        for (int[] bt : new int[][]{{1, 200}, {4, 300}}) {
            int batch = bt[0];
            int steps = bt[1];
            long allocated = heapAllocatedByFirstFit(batch, steps);
            LayerMemoryReport report = copyNetwork().getLayerWiseConfigurations().getConf(0).getLayer()
                    .getMemoryReport(InputType.recurrent(9, steps));
            long reported = report.getMemoryBytes(MemoryType.WORKING_MEMORY_VARIABLE, batch, MemoryUseMode.TRAINING,
                    CacheMode.NONE, DataType.FLOAT);
            String what = String.format("B=%d T=%d: reported %d bytes, the first fit allocated %d (%+.2f%%)", batch,
                    steps, reported, allocated, 100.0 * (allocated - reported) / reported);
            assertTrue(allocated >= reported * (1 - RELATIVE_TOLERANCE), what);
            assertTrue(allocated <= reported * (1 + RELATIVE_TOLERANCE) + ABSOLUTE_TOLERANCE, what);
            System.out.println(what);
        }
    }
}
