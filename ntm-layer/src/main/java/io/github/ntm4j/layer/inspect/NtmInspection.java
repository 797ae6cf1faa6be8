package io.github.ntm4j.layer.inspect;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.internal.runtime.NtmRecurrentLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Looking inside a network's NTM layers without casting to runtime classes: switching the per-step trace
 * on ({@link NtmTrace}), reading it after a forward pass, and which implementation of the step runs.
 *
 * <pre>{@code
 * NtmInspection.enable(net, 0);
 * net.output(features);
 * NtmTrace trace = NtmInspection.lastTrace(net, 0);
 * }</pre>
 */
public final class NtmInspection {
    private NtmInspection() {
    }

    /** Switches the trace of layer {@code index} of {@code net} on. */
    public static void enable(MultiLayerNetwork net, int index) {
        ntm(net.getLayer(index)).setInspection(true);
    }

    /** Switches the trace of the layer called {@code name} in {@code graph} on. */
    public static void enable(ComputationGraph graph, String name) {
        ntm(graph.getLayer(name)).setInspection(true);
    }

    /** Switches the trace of an NTM layer on. */
    public static void enable(Layer layer) {
        ntm(layer).setInspection(true);
    }

    /** Switches the trace of an NTM layer off (nothing is then recorded). */
    public static void disable(Layer layer) {
        ntm(layer).setInspection(false);
    }

    /** Whether an NTM layer's trace is on. */
    public static boolean isEnabled(Layer layer) {
        return ntm(layer).isInspection();
    }

    /** The trace of an NTM layer's last forward pass, or null if its trace was off. */
    public static NtmTrace lastTrace(Layer layer) {
        return ntm(layer).getLastTrace();
    }

    /** Whether {@code layer} is the runtime layer of an {@link NtmLayer}. */
    public static boolean isNtm(Layer layer) {
        return layer instanceof NtmRecurrentLayer;
    }

    /** The implementation of the step an NTM layer runs: {@code FusedNtmPath} or {@code SameDiffNtmPath}. */
    public static String pathName(Layer layer) {
        return ntm(layer).pathName();
    }

    /** The trace of layer {@code index}'s last forward pass, or null if its trace was off. */
    public static NtmTrace lastTrace(MultiLayerNetwork net, int index) {
        return ntm(net.getLayer(index)).getLastTrace();
    }

    /** The trace of the last forward pass of the layer called {@code name}, or null if its trace was off. */
    public static NtmTrace lastTrace(ComputationGraph graph, String name) {
        return ntm(graph.getLayer(name)).getLastTrace();
    }

    /** Whether an NTM layer computes on the fused CPU path ({@code true}) or the portable SameDiff path. */
    public static boolean isFusedPath(Layer layer) {
        return pathName(layer).startsWith("Fused");
    }

    /** The runtime layer behind {@code layer}; a clear error for a layer that is not an NTM. */
    private static NtmRecurrentLayer ntm(Layer layer) {
        if (layer instanceof NtmRecurrentLayer ntm) {
            return ntm;
        }
        throw new IllegalArgumentException("not an NTM layer: " + (layer == null ? "no such layer"
                : layer.getClass().getSimpleName() + (layer.conf() != null && layer.conf().getLayer() != null
                ? " (" + layer.conf().getLayer().getClass().getSimpleName() + ")" : ""))
                + "; NtmInspection works on the layers " + NtmLayer.class.getSimpleName() + " builds");
    }
}
