package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.samediff.SameDiffNtmPath;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusedTapeTest {

    /**
     * The tape's accounting is what it allocates: every {@code double[]} it holds, summed, is T step records
     * and T+1 state records per example.
     */
    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void theRecordSizesAddUpToWhatTheTapeAllocates(ControllerType controller) throws IllegalAccessException {
        NtmDimensions d = new NtmDimensions(3, 7, 4, 5, 2, 2, 1, controller);
        int batch = 2;
        int steps = 3;
        FusedTape tape = new FusedTape(d);
        assertEquals(0, tape.heldBytes());
        assertEquals(tape.bytesAfter(batch, steps, true), (long) batch * (steps * (FusedTape.stepRecordSize(d)
                + FusedTape.stateRecordSize(d)) + FusedTape.stateRecordSize(d)) * Double.BYTES);
        tape.prepare(batch, steps, true);
        long expected = (long) batch * steps * FusedTape.stepRecordSize(d)
                + (long) batch * (steps + 1) * FusedTape.stateRecordSize(d);
        assertEquals(expected, allocatedDoubles(tape));
        assertEquals(expected * Double.BYTES, tape.heldBytes());
        // Smaller passes reuse the arrays; a larger one replaces them all.
        tape.prepare(1, 2, true);
        tape.prepare(batch, steps, false);
        assertEquals(expected, allocatedDoubles(tape));
        tape.prepare(batch, steps + 1, true);
        assertEquals((long) batch * (steps + 1) * FusedTape.stepRecordSize(d)
                + (long) batch * (steps + 2) * FusedTape.stateRecordSize(d), allocatedDoubles(tape));
    }

    private static long allocatedDoubles(FusedTape tape) throws IllegalAccessException {
        long allocated = 0;
        for (Field f : FusedTape.class.getDeclaredFields()) {
            if (f.getType() == double[].class) {
                double[] a = (double[]) f.get(tape);
                allocated += a == null ? 0 : a.length;
            } else if (f.getType() == double[][].class) {   // memory, by columns
                double[][] a = (double[][]) f.get(tape);
                for (double[] column : a == null ? new double[0][] : a) {
                    allocated += column.length;
                }
            }
        }
        return allocated;
    }

    /**
     * After a training pass the path holds exactly what {@link FusedNtmPath#trainingHeapBytes} counts besides the
     * per-thread staging (which {@code MemoryReportTest} measures with the rest).
     */
    @Test
    void thePathHoldsWhatTrainingHeapBytesCounts() {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(7, 4).controllerSize(5).readHeads(2).writeHeads(2)
                .controller(ControllerType.LSTM).build();
        NtmDimensions d = NtmDimensions.of(layer);
        java.util.Random rnd = new java.util.Random(1);
        org.nd4j.linalg.api.buffer.DataType dt = org.nd4j.linalg.api.buffer.DataType.DOUBLE;
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> params = FusedTestSupport.randomParams(layer, rnd, dt);
        FusedNtmPath path = new FusedNtmPath(io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer.specOf(layer), dt);
        int batch = 3;
        int steps = 11;
        org.nd4j.linalg.api.ndarray.INDArray x = FusedTestSupport.uniform(rnd, dt, 1, batch, 3, steps);
        io.github.ntm4j.layer.internal.step.NtmForwardPass fwd = path.forward(params, x, null,
                io.github.ntm4j.layer.NtmState.initial(layer, params, batch, dt), true, false);
        path.backward(fwd, FusedTestSupport.uniform(rnd, dt, 1, batch, (int) layer.getNOut(), steps), 0,
                FusedTestSupport.gradientViews(layer, dt, 0));
        assertEquals(FusedNtmPath.trainingHeapBytes(d, batch, steps) - FusedNtmPath.stagingBytes(d, batch, steps, true),
                path.heldHeapBytes());
        FusedNtmPath inference = new FusedNtmPath(io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer.specOf(layer), dt);
        inference.forward(params, x, null, io.github.ntm4j.layer.NtmState.initial(layer, params, batch, dt), false, false);
        assertEquals(FusedNtmPath.inferenceHeapBytes(d, batch, steps) - FusedNtmPath.stagingBytes(d, batch, steps, false),
                inference.heldHeapBytes());
    }

    /**
     * The layer's memory report gives, per example, the fused path's heap for the input type's T steps (in
     * 4-byte elements), or on the SameDiff path the step inputs and states it keeps.
     */
    @Test
    void theMemoryReportCountsThePathsWorkingMemory() {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(7, 4).controllerSize(5).readHeads(2).writeHeads(2)
                .controller(ControllerType.LSTM).updater(new org.nd4j.linalg.learning.config.Adam()).build();
        NtmDimensions d = NtmDimensions.of(layer);
        LayerMemoryReport report = layer.getMemoryReport(InputType.recurrent(3, 6));
        assertEquals(FusedNtmPath.trainingHeapBytes(d, 1, 6) / 4, report.getWorkingMemoryVariableTrain().get(CacheMode.NONE));
        assertEquals(FusedNtmPath.inferenceHeapBytes(d, 1, 6) / 4, report.getWorkingMemoryVariableInference());
        assertEquals(FusedNtmPath.trainingHeapBytes(d, 5, 6), report.getMemoryBytes(
                org.deeplearning4j.nn.conf.memory.MemoryType.WORKING_MEMORY_VARIABLE, 5,
                org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING, CacheMode.NONE,
                org.nd4j.linalg.api.buffer.DataType.FLOAT));
        // Without a sequence length: per step (T = 1).
        assertEquals(FusedNtmPath.trainingHeapBytes(d, 1, 1) / 4,
                layer.getMemoryReport(InputType.recurrent(3)).getWorkingMemoryVariableTrain().get(CacheMode.NONE));

        NtmLayer portable = new NtmLayer.Builder().nIn(3).memory(7, 4).controllerSize(5).readHeads(2).writeHeads(2)
                .controller(ControllerType.LSTM).fusedCpuPath(false).build();
        // Per example: T = 6 inputs and 1s, T+1 states, and T steps' graph values (SameDiffMemoryTest checks those).
        assertEquals((long) 6 * (3 + 1) + 7L * (7 * 4 + 4 * 7 + 2 * 4 + 2 * 5)
                        + 6 * SameDiffNtmPath.stepValuesPerExample(NtmRecurrentLayer.specOf(portable)),
                portable.getMemoryReport(InputType.recurrent(3, 6)).getWorkingMemoryVariableTrain().get(CacheMode.NONE));

        // Without an updater (a layer not yet in a network's configuration) the report still comes, with no
        // updater state.
        NtmLayer bare = new NtmLayer.Builder().nIn(3).memory(7, 4).controllerSize(5).build();
        assertEquals(0, bare.getMemoryReport(InputType.recurrent(3, 6)).getUpdaterStateSize());
    }

    private static final long GB = 1L << 30;

    /** A pass that can never fit is refused before it is allocated, with its size and a segment length that fits. */
    @Test
    void aPassLargerThanTheHeapIsRefusedWithATruncatedBpttLengthThatFits() {
        NtmLayer layer = new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).build();
        NtmDimensions d = NtmDimensions.of(layer);
        long perStep = FusedNtmPath.trainingHeapBytes(d, 2, 2) - FusedNtmPath.trainingHeapBytes(d, 2, 1);
        long fixed = FusedNtmPath.trainingHeapBytes(d, 2, 0);
        HeapBudget empty = new HeapBudget(GB, 0, false);
        long fits = (GB - fixed) / perStep;
        FusedNtmPath.requireFits(d, 2, (int) fits, FusedNtmPath.trainingHeapBytes(d, 2, fits), 0, empty);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusedNtmPath.requireFits(d, 2,
                (int) fits + 1, FusedNtmPath.trainingHeapBytes(d, 2, fits + 1), 0, empty));
        assertTrue(e.getMessage().contains("2 sequences of " + (fits + 1) + " steps") && e.getMessage().contains("-Xmx")
                && e.getMessage().contains("tBPTTLength(" + fits + ")")
                && e.getMessage().contains("org.bytedeco.javacpp.maxPhysicalBytes"), e.getMessage());
    }

    /**
     * What the heap already holds counts: a pass that fits the limit but not what is free is refused, naming what
     * is in use; the path's own arrays, which the pass replaces, count as free.
     */
    @Test
    void theHeapInUseCountsAndThePathsOwnArraysDoNot() {
        NtmLayer layer = new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).build();
        NtmDimensions d = NtmDimensions.of(layer);
        long half = FusedNtmPath.trainingHeapBytes(d, 1, 10_000);   // about 0.4 GB
        HeapBudget busy = new HeapBudget(GB, GB - half / 2, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusedNtmPath.requireFits(d, 1, 10_000, half, 0, busy));
        assertTrue(e.getMessage().contains("in use after a garbage collection") && e.getMessage().contains("1.1 GB")
                && e.getMessage().contains("tBPTTLength(4999)"), e.getMessage());
        // The same pass, where the path already holds arrays of half its size (a pass of 5000 steps): they are
        // replaced, so it fits.
        long held = FusedNtmPath.trainingHeapBytes(d, 1, 5_000);
        FusedNtmPath.requireFits(d, 1, 10_000, half, held, busy);
    }

    /** Through real fits: a sequence too long for this JVM's heap, or for what is free of it, fails before allocating. */
    @Test
    void aFitTooLongForTheHeapFailsBeforeAllocating() {
        NtmLayer layer = new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).build();
        NtmDimensions d = NtmDimensions.of(layer);
        long perStep = FusedNtmPath.trainingHeapBytes(d, 1, 2) - FusedNtmPath.trainingHeapBytes(d, 1, 1);
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list().layer(layer)
                        .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder().nOut(8)
                                .activation(org.nd4j.linalg.activations.Activation.SIGMOID)
                                .lossFunction(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.XENT).build())
                        .setInputType(InputType.recurrent(9)).build());
        net.init();
        long max = Runtime.getRuntime().maxMemory();
        long beyondTheLimit = max / perStep + 10;
        RuntimeException fit = assertThrows(RuntimeException.class, () -> net.fit(
                org.nd4j.linalg.factory.Nd4j.zeros(1, 9, beyondTheLimit), org.nd4j.linalg.factory.Nd4j.zeros(1, 8, beyondTheLimit)));
        assertTrue(String.valueOf(fit.getMessage()).contains("truncated BPTT"), String.valueOf(fit.getMessage()));

        // Within the limit, but not within what is free while 256 MB are held elsewhere.
        byte[] held = new byte[256 << 20];
        java.util.Arrays.fill(held, (byte) 1);
        long withinTheLimit = (max - (128L << 20)) / perStep;
        RuntimeException busy = assertThrows(RuntimeException.class, () -> net.fit(
                org.nd4j.linalg.factory.Nd4j.zeros(1, 9, withinTheLimit), org.nd4j.linalg.factory.Nd4j.zeros(1, 8, withinTheLimit)));
        assertTrue(String.valueOf(busy.getMessage()).contains("in use after a garbage collection")
                && busy.getMessage().contains("truncated BPTT"), String.valueOf(busy.getMessage()));
        assertEquals(1, held[held.length - 1]);
    }
}
