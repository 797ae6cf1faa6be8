package io.github.ntm4j.layer.internal.step.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reading and writing memory (Graves et al. 2014, sections 3.1 and 3.2) as SameDiff ops, every head at once:
 * weightings are [B, R+V, N], read heads first.
 */
final class MemoryGraph {
    private MemoryGraph() {
    }

    /**
     * Read (section 3.1): {@code r = Σ_n w[n] M[n]}, one batched product for every head. Only the rows of
     * read heads are reads; the others are computed because selecting them would cost an op more.
     *
     * @param memory M: [B, N, W]; weights w: [B, R+V, N]
     * @return r: [B, R+V, W]
     */
    static SDVariable read(SameDiff sd, SDVariable memory, SDVariable weights) {
        return sd.mmul(weights, memory);
    }

    /**
     * Write of every write head together (section 3.2):
     * {@code M_t = M_{t-1} ∘ Π_v (1 - w_v e_vᵀ) + Σ_v w_v a_vᵀ}. The sum over write heads is one batched
     * product {@code wᵀ a} over all heads with the read heads' weightings zeroed (so their rows of a, which are
     * not add vectors, count 0 times); so is the erase when there is one write head. Several write heads erase
     * one after the other, as the product says.
     *
     * @param memory  M_{t-1}: [B, N, W]
     * @param weights w: [B, R+V, N]
     * @param erase   e: [B, R+V, W]; add a: [B, R+V, W] (only the write heads' rows are read)
     * @return M_t: [B, N, W]
     */
    static SDVariable write(SameDiff sd, SDVariable memory, SDVariable weights, SDVariable erase, SDVariable add,
                            int readHeads, int writeHeads, int rows, int width, DataType dt) {
        SDVariable writing = weights.mul(sd.constant(writeHeadMask(readHeads, writeHeads, dt)));    // [B, R+V, N]
        SDVariable erased;
        if (writeHeads == 1) {
            erased = memory.mul(sd.mmul(writing, erase, true, false, false).rsub(1.0));  // ∘ (1 - w eᵀ)
        } else {
            erased = memory;
            for (int v = readHeads; v < readHeads + writeHeads; v++) {
                SDVariable w = sd.slice(weights, new int[]{0, v, 0}, -1, 1, rows);       // [B, 1, N]
                SDVariable e = sd.slice(erase, new int[]{0, v, 0}, -1, 1, width);        // [B, 1, W]
                erased = erased.mul(sd.mmul(w, e, true, false, false).rsub(1.0));
            }
        }
        return erased.add(sd.mmul(writing, add, true, false, false));                    // + Σ_v w_v a_vᵀ
    }

    /** [1, R+V, 1]: 0 for a read head, 1 for a write head. */
    static INDArray writeHeadMask(int readHeads, int writeHeads, DataType dt) {
        INDArray m = Nd4j.zeros(dt, 1, readHeads + writeHeads, 1);
        for (int v = readHeads; v < readHeads + writeHeads; v++) {
            m.putScalar(0, v, 0, 1.0);
        }
        return m;
    }
}
