package io.github.ntm4j.layer.internal.step.fused;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmLayer;
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
     * The tape's accounting (what {@code NtmLayer.getMemoryReport} reports) is what it allocates: every
     * {@code double[]} it holds, summed, is T step records and T+1 state records per example.
     */
    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void theRecordSizesAddUpToWhatTheTapeAllocates(ControllerType controller) throws IllegalAccessException {
        NtmDimensions d = new NtmDimensions(3, 7, 4, 5, 2, 2, 1, controller);
        int batch = 2;
        int steps = 3;
        FusedTape tape = new FusedTape(d);
        tape.prepare(batch, steps, true);
        long allocated = 0;
        for (Field f : FusedTape.class.getDeclaredFields()) {
            if (f.getType() == double[].class) {
                double[] a = (double[]) f.get(tape);
                allocated += a == null ? 0 : a.length;
            }
        }
        long expected = (long) batch * steps * FusedTape.stepRecordSize(d)
                + (long) batch * (steps + 1) * FusedTape.stateRecordSize(d);
        assertEquals(expected, allocated);
        assertEquals(FusedTape.stepRecordSize(d) + FusedTape.stateRecordSize(d),
                FusedNtmPath.backpropDoublesPerExampleStep(d));
    }

    /** The layer's memory report gives the training working memory per example from the tape's accounting. */
    @Test
    void theMemoryReportCountsTheTapesRecords() {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(7, 4).controllerSize(5).readHeads(2).writeHeads(2)
                .controller(ControllerType.LSTM).updater(new org.nd4j.linalg.learning.config.Adam()).build();
        LayerMemoryReport report = layer.getMemoryReport(InputType.recurrent(3, 6));
        assertEquals(FusedNtmPath.backpropDoublesPerExampleStep(NtmDimensions.of(layer)),
                report.getWorkingMemoryVariableTrain().get(CacheMode.NONE));

        // Without an updater (a layer not yet in a network's configuration) the report still comes, with no
        // updater state.
        NtmLayer bare = new NtmLayer.Builder().nIn(3).memory(7, 4).controllerSize(5).build();
        assertEquals(0, bare.getMemoryReport(InputType.recurrent(3, 6)).getUpdaterStateSize());
    }

    /** A tape that can never fit is refused before it is allocated, with its size and a segment length that fits. */
    @Test
    void aTapeLargerThanTheHeapIsRefusedWithATruncatedBpttLengthThatFits() {
        NtmLayer layer = new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).build();
        NtmDimensions d = NtmDimensions.of(layer);
        long perStep = 2 * (FusedTape.stepRecordSize(d) + FusedTape.stateRecordSize(d)) * Double.BYTES;
        long heap = 1L << 30;
        FusedTape.requireFits(d, 2, (int) (heap / perStep) - 2, heap);   // fits
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusedTape.requireFits(d, 2, 1_000_000, heap));
        long fits = heap / perStep - 1;
        assertTrue(e.getMessage().contains("2 sequences of 1000000 steps") && e.getMessage().contains("-Xmx")
                && e.getMessage().contains("tBPTTLength(" + fits + ")"), e.getMessage());
        // And through a real fit: a sequence far too long for this JVM's heap fails before allocating its tape.
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list().layer(layer)
                        .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder().nOut(8)
                                .activation(org.nd4j.linalg.activations.Activation.SIGMOID)
                                .lossFunction(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.XENT).build())
                        .setInputType(InputType.recurrent(9)).build());
        net.init();
        long steps = Runtime.getRuntime().maxMemory() / (perStep / 2) + 10;
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.zeros(1, 9, steps);
        org.nd4j.linalg.api.ndarray.INDArray y = org.nd4j.linalg.factory.Nd4j.zeros(1, 8, steps);
        RuntimeException fit = assertThrows(RuntimeException.class, () -> net.fit(x, y));
        assertTrue(String.valueOf(fit.getMessage()).contains("truncated BPTT"), String.valueOf(fit.getMessage()));
    }
}
