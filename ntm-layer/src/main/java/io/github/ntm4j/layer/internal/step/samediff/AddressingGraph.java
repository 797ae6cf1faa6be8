package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.NtmEpsilons;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Addressing (Graves et al. 2014, section 3.3) as SameDiff ops: content weights, interpolation,
 * circular shift and sharpening, exactly as {@code NTM-MATH.md} step 3.
 */
final class AddressingGraph {
    private AddressingGraph() {
    }

    /**
     * Content addressing (section 3.3.1): {@code K[n] = k·M[n] / sqrt(|k|²|M[n]|² + ε)},
     * {@code wc = softmax(β K)} over n.
     *
     * @param memory M: [B, N, W]
     * @param key    k: [B, W]
     * @param beta   β: [B, 1]
     * @return wc: [B, N]
     */
    static SDVariable contentWeights(SameDiff sd, SDVariable memory, SDVariable key, SDVariable beta, int rows,
                                     int width) {
        SDVariable key3 = key.reshape(-1, 1, width);                                  // [B, 1, W]
        SDVariable dot = SdActivations.sum(sd, memory.mul(key3), 2, width);                                   // [B, N]
        SDVariable memoryNorm2 = SdActivations.sum(sd, memory.mul(memory), 2, width);                         // [B, N]
        SDVariable keyNorm2 = width == 1 ? key.mul(key) : key.mul(key).sum(true, 1);                            // [B, 1]
        SDVariable cosine = dot.mul(sd.math.rsqrt(memoryNorm2.mul(keyNorm2).add(NtmEpsilons.COSINE)));
        return SdActivations.softmax(sd, cosine.mul(beta), rows);
    }

    /**
     * Interpolation (section 3.3.2): {@code wg = g wc + (1 - g) w_prev}.
     *
     * @param gate g: [B, 1]; content, previous: [B, N]
     */
    static SDVariable interpolate(SDVariable gate, SDVariable content, SDVariable previous) {
        return previous.add(content.sub(previous).mul(gate));
    }

    /**
     * Circular convolutional shift (section 3.3.2):
     * {@code ws[n] = Σ_{j=-S..S} s_j · wg[(n - j) mod N]}, so weight on s_{+1} moves focus from row n to n+1.
     * The 2S+1 rotations are one product with a constant 0/1 matrix, which keeps the graph (and its
     * gradient) to three ops whatever S is.
     *
     * @param weights wg: [B, N]
     * @param shift   s: [B, 2S+1]
     * @return ws: [B, N]
     */
    static SDVariable shift(SameDiff sd, SDVariable weights, SDVariable shift, int rows, int shiftRange, DataType dt) {
        int shifts = 2 * shiftRange + 1;
        SDVariable rotations = sd.constant(rotationMatrix(rows, shiftRange, dt));    // [N, (2S+1) N]
        SDVariable rotated = weights.mmul(rotations).reshape(-1, shifts, rows);      // [B, 2S+1, N]
        return SdActivations.sum(sd, rotated.mul(shift.reshape(-1, shifts, 1)), 1, shifts);                   // [B, N]
    }

    /** R [N, (2S+1)N] with {@code (w · R)[(j+S) N + n] = w[(n - j) mod N]}. */
    static INDArray rotationMatrix(int rows, int shiftRange, DataType dt) {
        int shifts = 2 * shiftRange + 1;
        INDArray r = Nd4j.zeros(dt, rows, (long) shifts * rows);
        for (int j = -shiftRange; j <= shiftRange; j++) {
            for (int n = 0; n < rows; n++) {
                int from = Math.floorMod(n - j, rows);
                r.putScalar(from, (long) (j + shiftRange) * rows + n, 1.0);
            }
        }
        return r;
    }

    /**
     * Sharpening (section 3.3.2): {@code w[n] = (ws[n] + ε)^γ / Σ_m (ws[m] + ε)^γ}, computed as
     * softmax(γ log(ws + ε)) over n (the same function, max-shifted so that a large γ cannot give 0/0).
     *
     * @param weights ws: [B, N]; gamma γ: [B, 1]
     */
    static SDVariable sharpen(SameDiff sd, SDVariable weights, SDVariable gamma, int rows) {
        // (ws + ε)^γ / Σ (ws + ε)^γ is softmax(γ log(ws + ε)); the softmax subtracts its maximum first, so a
        // large γ cannot underflow every power to 0 and give 0/0.
        return SdActivations.softmax(sd, sd.math.log(weights.add(NtmEpsilons.SHARPEN)).mul(gamma), rows);
    }
}
