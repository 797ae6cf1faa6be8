package io.github.ntm4j.layer.inspect;

import io.github.ntm4j.layer.NtmDimensions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the heads did at every step of one forward pass, for dashboards: each head's weighting
 * after the step, its addressing parameters (β, g, s, γ), and the memory after the step.
 * Heads are numbered read heads first, then write heads. On a masked (padding) step the weightings
 * and the memory repeat those of the step before it (the state does not move), while β, g, s and γ
 * are what the controller emitted from the padding input: they had no effect.
 *
 * <p>Recorded only when inspection is switched on ({@link NtmInspection#enable});
 * when it is off nothing is computed or stored.
 */
public final class NtmTrace {
    /** w_t: [B, R+V, N, T]. */
    public final INDArray weightings;
    /** β (key strength, after softplus): [B, R+V, T]. */
    public final INDArray keyStrength;
    /** g (interpolation gate, after sigmoid): [B, R+V, T]. */
    public final INDArray gate;
    /** s (shift weights, after softmax, shifts -S..S): [B, R+V, 2S+1, T]. */
    public final INDArray shift;
    /** γ (sharpening, 1 + softplus): [B, R+V, T]. */
    public final INDArray sharpening;
    /** M_t: [B, N, W, T]. */
    public final INDArray memory;

    public NtmTrace(NtmDimensions d, long batch, long steps) {
        DataType dt = DataType.DOUBLE;
        int heads = d.headCount();
        weightings = Nd4j.create(dt, batch, heads, d.memoryRows, steps);
        keyStrength = Nd4j.create(dt, batch, heads, steps);
        gate = Nd4j.create(dt, batch, heads, steps);
        shift = Nd4j.create(dt, batch, heads, d.shiftCount(), steps);
        sharpening = Nd4j.create(dt, batch, heads, steps);
        memory = Nd4j.create(dt, batch, d.memoryRows, d.memoryWidth, steps);
    }

    /**
     * Records step {@code t}.
     *
     * @param w      [B, R+V, N]
     * @param beta   [B, R+V]
     * @param g      [B, R+V]
     * @param s      [B, R+V, 2S+1]
     * @param gamma  [B, R+V]
     * @param m      [B, N, W]
     */
    public void record(long t, INDArray w, INDArray beta, INDArray g, INDArray s, INDArray gamma, INDArray m) {
        weightings.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(w);
        keyStrength.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(beta);
        gate.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(g);
        shift.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(s);
        sharpening.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(gamma);
        memory.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(m);
    }

    /** The number of steps recorded. */
    public long steps() {
        return weightings.size(3);
    }
}
