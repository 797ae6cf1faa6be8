package io.github.ntm4j.layer.internal.step.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Every layout the fused path may be handed is copied in, in 'c' order, exactly as ND4J itself reads it. */
class NdBridgeTest {

    private static void assertCopiesIn(String what, INDArray a) {
        double[] expected = a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] got = new double[(int) a.length() + 3];
        NdBridge.copyIn(a, got);
        for (int i = 0; i < a.length(); i++) {
            assertEquals(expected[i], got[i], 0.0, what + ", element " + i);
        }
        assertEquals(0.0, got[(int) a.length()], what + ": nothing written past the end");
    }

    @Test
    void everyLayoutAndTypeCopiesInInCOrder() {
        for (DataType dt : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(3);
            INDArray c3 = Nd4j.rand(dt, 4, 5, 6);
            assertCopiesIn(dt + " rank 3 'c'", c3);
            assertCopiesIn(dt + " rank 3 'f' (DL4J's activation gradients)", c3.dup('f'));
            assertCopiesIn(dt + " rank 3 permuted", c3.permute(2, 0, 1));
            assertCopiesIn(dt + " rank 3 view with an offset", c3.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(),
                    NDArrayIndex.interval(2, 5)));
            assertCopiesIn(dt + " rank 3 'f' view with an offset", c3.dup('f').get(NDArrayIndex.point(2),
                    NDArrayIndex.all(), NDArrayIndex.all()).reshape('f', 1, 5, 6));
            INDArray c2 = Nd4j.rand(dt, 7, 3);
            assertCopiesIn(dt + " rank 2 'f'", c2.dup('f'));
            assertCopiesIn(dt + " rank 2 transposed view", c2.transpose());
            assertCopiesIn(dt + " rank 2 column", c2.getColumn(1));
            assertCopiesIn(dt + " rank 1", Nd4j.rand(dt, 9).reshape(9));
            assertCopiesIn(dt + " rank 4 'f'", Nd4j.rand(dt, 2, 3, 4, 5).dup('f'));
        }
        assertCopiesIn("a HALF array goes through ND4J's cast", Nd4j.rand(DataType.HALF, 3, 4).dup('f'));
    }
}
