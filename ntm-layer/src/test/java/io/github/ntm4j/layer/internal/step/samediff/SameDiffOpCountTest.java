package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmParams;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.TreeMap;

class SameDiffOpCountTest {
    @Test
    void copyConfiguration() {
        NtmLayer layer = new NtmLayer.Builder().nIn(9).memory(128, 20).controllerSize(100).readHeads(1).writeHeads(1)
                .shiftRange(1).fusedCpuPath(false).build();
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, NtmParams.getInstance().numParams(layer));
        Map<String, INDArray> params = NtmParams.views(layer, flat);
        NtmCellGraph g = new NtmCellGraph(NtmRecurrentLayer.specOf(layer), DataType.FLOAT);
        System.out.println("forward ops " + g.sd.getOps().size() + " " + kinds(g.sd.getOps()));
        g.createGradientFunction();
        System.out.println("grad ops " + g.sd.getFunction("grad").getOps().size() + " "
                + kinds(g.sd.getFunction("grad").getOps()));
        if (System.getProperty("dumpOps") != null) {
            for (SameDiffOp op : g.sd.getFunction("grad").getOps().values()) {
                System.out.println("OP " + op.getOp().opName() + " " + op.getInputsToOp() + " -> " + op.getOutputsOfOp());
            }
        }
    }

    private static Map<String, Integer> kinds(Map<String, SameDiffOp> ops) {
        Map<String, Integer> m = new TreeMap<>();
        for (SameDiffOp op : ops.values()) {
            m.merge(op.getOp().opName(), 1, Integer::sum);
        }
        return m;
    }
}
