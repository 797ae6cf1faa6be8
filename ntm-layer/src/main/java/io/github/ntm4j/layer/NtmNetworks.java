package io.github.ntm4j.layer;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Operations on whole networks that hold {@link NtmLayer}s. */
public final class NtmNetworks {
    private NtmNetworks() {
    }

    /**
     * A copy of {@code net} whose NTM layers have {@code rows} memory rows, with the same parameters.
     *
     * <p>An NTM's parameters do not depend on the number of memory rows N (unless it learns its initial
     * state): content addressing compares a key with every row, and the shift is a circular convolution
     * over however many rows there are. So a model trained with 128 rows can run with 256, for sequences
     * whose heads would otherwise wrap around memory. Whether it still works is an empirical question:
     * measure it (for instance {@code ntm4j eval --memory-rows}). The copy starts without updater state
     * and {@code net} is left unchanged.
     *
     * @throws IllegalArgumentException if {@code net} has no NTM layer, if an NTM layer learns its initial
     *                                  state (its initial memory, N x W, is a parameter), or if
     *                                  {@code rows} is impossible for a layer (fewer than its 2S+1 shifts)
     */
    public static MultiLayerNetwork withMemoryRows(MultiLayerNetwork net, int rows) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        int ntmLayers = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (!(conf.getConf(i).getLayer() instanceof NtmLayer)) {
                continue;
            }
            NtmLayer layer = (NtmLayer) conf.getConf(i).getLayer();
            if (layer.isLearnInitialState()) {
                throw new IllegalArgumentException("layer " + i + " learns its initial state, whose memory ("
                        + layer.getMemoryRows() + " x " + layer.getMemoryWidth() + ") is a parameter: its number of "
                        + "memory rows cannot change");
            }
            layer.setMemoryRows(rows);
            try {
                layer.validateHyperParameters();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " cannot have " + rows + " memory rows: "
                        + e.getMessage(), e);
            }
            ntmLayers++;
        }
        if (ntmLayers == 0) {
            throw new IllegalArgumentException("the network has no NtmLayer whose memory could be resized");
        }
        MultiLayerNetwork resized = new MultiLayerNetwork(conf);
        resized.init(net.params().dup(), false);
        return resized;
    }

    /**
     * A copy of {@code net} whose NTM layers run on the portable SameDiff path ({@code fusedCpuPath = false}),
     * or back on the fused CPU path, with the same parameters. The SameDiff path is what the CUDA backend
     * runs, so on a CPU this shows what a model will compute on a GPU, at the SameDiff path's speed. The copy
     * starts without updater state and {@code net} is left unchanged.
     *
     * @throws IllegalArgumentException if {@code net} has no NTM layer
     */
    public static MultiLayerNetwork onPath(MultiLayerNetwork net, boolean fusedCpuPath) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        boolean any = false;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof NtmLayer layer) {
                layer.setUseFusedCpuPath(fusedCpuPath);
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the network has no NtmLayer");
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        return copy;
    }
}
