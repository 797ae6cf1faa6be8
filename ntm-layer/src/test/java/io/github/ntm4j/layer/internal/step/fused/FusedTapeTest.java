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
}
