package io.github.ntm4j.layer.internal.step.samediff;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;

/** Reading and writing memory (Graves et al. 2014, sections 3.1 and 3.2) as SameDiff ops. */
final class MemoryGraph {
    private MemoryGraph() {
    }

    /**
     * Read (section 3.1): {@code r = Σ_n w[n] M[n]}.
     *
     * @param memory M: [B, N, W]; weights w: [B, N]
     * @return r: [B, W]
     */
    static SDVariable read(SDVariable memory, SDVariable weights, int rows) {
        return SdActivations.sum(memory.getSameDiff(), memory.mul(weights.reshape(-1, rows, 1)), 1, rows);
    }

    /**
     * Write of every write head together (section 3.2):
     * {@code M_t = M_{t-1} ∘ Π_v (1 - w_v e_vᵀ) + Σ_v w_v a_vᵀ}.
     *
     * @param memory M_{t-1}: [B, N, W]; weights w_v: [B, N]; erase e_v, add a_v: [B, W]
     * @return M_t: [B, N, W]
     */
    static SDVariable write(SDVariable memory, List<SDVariable> weights, List<SDVariable> erase, List<SDVariable> add,
                            int rows, int width) {
        SDVariable erased = memory;
        SDVariable added = null;
        for (int v = 0; v < weights.size(); v++) {
            SDVariable w = weights.get(v).reshape(-1, rows, 1);                        // [B, N, 1]
            erased = erased.mul(w.mul(erase.get(v).reshape(-1, 1, width)).rsub(1.0));   // ∘ (1 - w eᵀ)
            SDVariable wa = w.mul(add.get(v).reshape(-1, 1, width));                    // w aᵀ: [B, N, W]
            added = added == null ? wa : added.add(wa);
        }
        return erased.add(added);
    }
}
