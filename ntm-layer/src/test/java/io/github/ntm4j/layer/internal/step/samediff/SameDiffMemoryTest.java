package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.ControllerType;
import io.github.ntm4j.layer.NtmDimensions;
import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmParams;
import io.github.ntm4j.layer.NtmState;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import io.github.ntm4j.layer.internal.step.NtmForwardPass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SameDiff path's working memory in the layer's memory report is what a forward pass keeps for backprop. */
class SameDiffMemoryTest {

    @ParameterizedTest
    @EnumSource(ControllerType.class)
    void theReportedWorkingMemoryIsWhatTheForwardPassKeeps(ControllerType controller) {
        NtmLayer layer = new NtmLayer.Builder().nIn(3).memory(6, 4).controllerSize(5).readHeads(2).writeHeads(1)
                .controller(controller).fusedCpuPath(false).build();
        NtmDimensions d = NtmDimensions.of(layer);
        DataType dt = DataType.DOUBLE;
        Nd4j.getRandom().setSeed(7);
        INDArray flat = Nd4j.rand(dt, 1, NtmParams.getInstance().numParams(layer)).subi(0.5);
        Map<String, INDArray> params = new LinkedHashMap<>(NtmParams.getInstance().init(
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().layer(layer).build(), flat, false));
        int batch = 2;
        int steps = 5;
        INDArray x = Nd4j.rand(dt, batch, 3, steps);
        NtmForwardPass fwd = new SameDiffNtmPath(NtmRecurrentLayer.specOf(layer), dt).forward(params, x, null,
                NtmState.initial(layer, params, batch, dt), true, false);
        // The saved step inputs hold T states; the forward pass's final state is the (T+1)th.
        assertEquals(batch * (SameDiffNtmPath.trainingElementsPerExample(NtmRecurrentLayer.specOf(layer), steps) - d.stateSize()),
                SameDiffNtmPath.savedElements(fwd));
    }
}
