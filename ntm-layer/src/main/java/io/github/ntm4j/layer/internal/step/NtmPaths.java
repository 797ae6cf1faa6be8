package io.github.ntm4j.layer.internal.step;

import io.github.ntm4j.layer.internal.step.fused.FusedNtmPath;
import io.github.ntm4j.layer.internal.step.samediff.SameDiffNtmPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which {@link NtmPath} computes a layer's step: the one place the choice is made. */
public final class NtmPaths {
    private static final Logger log = LoggerFactory.getLogger(NtmPaths.class);

    private NtmPaths() {
    }

    /**
     * DL4J's helper pattern: the fused CPU kernel on the CPU backend, unless the configuration forces
     * the portable path; the portable SameDiff path on every other backend.
     *
     * @param spec         the step's sizes and activations
     * @param fusedCpuPath the configuration's {@code fusedCpuPath}: false forces the portable path everywhere
     * @param dataType     the layer's data type
     * @param layerId      names the layer in the log line saying which path it takes
     */
    /** Whether {@link #choose} takes the fused CPU path for a layer with this {@code fusedCpuPath}, on this backend. */
    public static boolean usesFusedPath(boolean fusedCpuPath) {
        return fusedCpuPath && Nd4j.getEnvironment().isCPU();
    }

    public static NtmPath choose(NtmSpec spec, boolean fusedCpuPath, DataType dataType, String layerId) {
        if (!fusedCpuPath) {
            log.debug("NtmLayer {}: fusedCpuPath(false), using the portable SameDiff path", layerId);
            return new SameDiffNtmPath(spec, dataType);
        }
        if (!Nd4j.getEnvironment().isCPU()) {
            log.info("NtmLayer {}: backend {} is not the CPU backend, using the portable SameDiff path", layerId,
                    Nd4j.getBackend().getClass().getSimpleName());
            return new SameDiffNtmPath(spec, dataType);
        }
        return new FusedNtmPath(spec, dataType);
    }
}
