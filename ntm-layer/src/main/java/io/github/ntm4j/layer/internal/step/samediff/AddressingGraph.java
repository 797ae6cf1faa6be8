package io.github.ntm4j.layer.internal.step.samediff;

import io.github.ntm4j.layer.NtmEpsilons;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Addressing (Graves et al. 2014, section 3.3) as SameDiff ops: content weights, interpolation,
 * circular shift and sharpening, exactly as {@code NTM-MATH.md} step 3, for every head at once: weightings
 * are [B, R+V, N], a head's scalars [B, R+V, 1].
 */
final class AddressingGraph {
    private AddressingGraph() {
    }

    /**
     * Content addressing (section 3.3.1): {@code K[n] = k·M[n] / sqrt(|k|²|M[n]|² + ε)},
     * {@code wc = softmax(β K)} over n. The dot products of every key with every row are one batched product,
     * and so are the products of the squared norms.
     *
     * @param memory M: [B, N, W]
     * @param key    k: [B, R+V, W]
     * @param beta   β: [B, R+V, 1]
     * @return wc: [B, R+V, N]
     */
    static SDVariable contentWeights(SameDiff sd, SDVariable memory, SDVariable key, SDVariable beta, int rows,
                                     int width) {
        SDVariable dot = sd.mmul(key, memory, false, true, false);                      // k·M[n]: [B, R+V, N]
        SDVariable norms = sd.mmul(squaredNorm(sd, key, width), squaredNorm(sd, memory, width),
                false, true, false);                                                    // |k|²|M[n]|²: [B, R+V, N]
        SDVariable cosine = dot.mul(sd.math.rsqrt(norms.add(NtmEpsilons.COSINE)));
        return SdActivations.softmax(sd, cosine.mul(beta), 2, rows);
    }

    /** |v|² over the last axis, kept: [B, K, W] to [B, K, 1]. */
    private static SDVariable squaredNorm(SameDiff sd, SDVariable v, int width) {
        // SameDiff (M2.1) cannot reduce over an axis of size 1 (SdActivations.sum); there |v|² is v².
        return width == 1 ? v.mul(v) : sd.math.squaredNorm(v, true, 2);
    }

    /**
     * Interpolation (section 3.3.2): {@code wg = g wc + (1 - g) w_prev}.
     *
     * @param gate g: [B, R+V, 1]; content, previous: [B, R+V, N]
     */
    static SDVariable interpolate(SDVariable gate, SDVariable content, SDVariable previous) {
        return previous.add(content.sub(previous).mul(gate));
    }

    /**
     * Circular convolutional shift (section 3.3.2):
     * {@code ws[n] = Σ_{j=-S..S} s_j · wg[(n - j) mod N]}, so weight on s_{+1} moves focus from row n to n+1.
     * The 2S+1 rotations of every head's weighting are one product with a constant 0/1 matrix, so the op count
     * does not grow with S.
     *
     * @param weights wg: [B, R+V, N]
     * @param shift   s: [B, R+V, 2S+1]
     * @return ws: [B, R+V, N]
     */
    static SDVariable shift(SameDiff sd, SDVariable weights, SDVariable shift, int heads, int rows, int shiftRange,
                            DataType dt) {
        int shifts = 2 * shiftRange + 1;
        SDVariable rotated = weights.reshape(-1, rows).mmul(sd.constant(rotationMatrix(rows, shiftRange, dt)))
                .reshape(-1, heads, shifts, rows);                                      // [B, R+V, 2S+1, N]
        return SdActivations.sum(sd, rotated.mul(sd.expandDims(shift, 3)), 2, shifts);
    }

    /** R [N, (2S+1) N] with {@code (w · R)[(j+S) N + n] = w[(n - j) mod N]}. */
    static INDArray rotationMatrix(int rows, int shiftRange, DataType dt) {
        int shifts = 2 * shiftRange + 1;
        INDArray r = Nd4j.zeros(dt, rows, (long) shifts * rows);
        for (int j = -shiftRange; j <= shiftRange; j++) {
            for (int n = 0; n < rows; n++) {
                r.putScalar(Math.floorMod(n - j, rows), (long) (j + shiftRange) * rows + n, 1.0);
            }
        }
        return r;
    }

    /**
     * Sharpening (section 3.3.2): {@code w[n] = (ws[n] + ε)^γ / Σ_m (ws[m] + ε)^γ}, computed as
     * softmax(γ log(ws + ε)) over n (the same function, max-shifted so that a large γ cannot give 0/0).
     *
     * @param weights ws: [B, R+V, N]; gamma γ: [B, R+V, 1]
     */
    static SDVariable sharpen(SameDiff sd, SDVariable weights, SDVariable gamma, int rows) {
        // (ws + ε)^γ / Σ (ws + ε)^γ is softmax(γ log(ws + ε)); the softmax subtracts its maximum first, so a
        // large γ cannot underflow every power to 0 and give 0/0.
        return SdActivations.softmax(sd, sd.math.log(weights.add(NtmEpsilons.SHARPEN)).mul(gamma), 2, rows);
    }
}
