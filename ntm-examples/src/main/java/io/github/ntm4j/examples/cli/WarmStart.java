package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.NtmParams;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.File;
import java.util.Arrays;

/**
 * {@code train --init-from}: starts a network on one task from the weights of a model trained on a
 * related one, e.g. repeat copy from a copy model, which already writes a sequence to memory and reads it
 * back in order.
 *
 * <p>Both networks must be the same NTM (controller, memory, heads) followed by the bit-vector output
 * layer; only the input and output widths may differ, and the new network may have more read heads
 * ({@code --read-heads}). Those start with their own fresh weights, and their read vectors with no weight
 * into the controller or the output layer, so that the new network starts out computing what the model
 * did. Input and output channels are matched by their meaning ({@link TaskName#inputChannels}, {@link TaskName#outputChannels}): the vector bits to the vector bits, copy's
 * delimiter to repeat copy's delimiter. Channels the source task does not have (repeat copy's count
 * input and its end-marker output) keep the fresh initialisation. The updater starts fresh. The NTM's
 * weights are moved by {@link NtmParams#copyMappingInputs}, which owns the parameter layout.
 */
final class WarmStart {
    private WarmStart() {
    }

    /**
     * Starts {@code to} (a new NTM for {@code toTask}) from the weights of the model {@code initFrom} names: a model
     * file if one is there, else a shipped model ({@code copy-1-5}).
     *
     * @return where the weights came from, for the run's output
     * @throws UsageException if there is no such file or shipped model, or the two networks are not the same NTM
     */
    static String apply(String initFrom, MultiLayerNetwork to, String toTask, int bits) {
        File file = new File(initFrom);
        if (file.isFile()) {
            String fromTask = ModelFiles.recordedTask(file);
            apply(ModelFiles.load(file, fromTask), fromTask, to, toTask, bits);
            return file + " trained_on=" + fromTask;
        }
        ShippedModels.Shipped model = ShippedModels.find(initFrom).orElseThrow(() -> new UsageException("--init-from: "
                + initFrom + " is neither a model file nor a shipped model (" + ShippedModels.names() + ")"));
        apply(ModelFiles.loadResource(model.resource(), model.task()), model.task(), to, toTask, bits);
        return "the shipped " + initFrom + " model trained_on=" + model.task();
    }

    /**
     * Copies every weight of {@code from} (trained on {@code fromTask}) into {@code to} (for
     * {@code toTask}), matching channels by name.
     *
     * @throws UsageException if the two networks are not the same NTM
     */
    static void apply(MultiLayerNetwork from, String fromTask, MultiLayerNetwork to, String toTask, int bits) {
        String[] inFrom = TaskName.of(fromTask).inputChannels(bits);
        String[] inTo = TaskName.of(toTask).inputChannels(bits);
        String[] outFrom = TaskName.of(fromTask).outputChannels(bits);
        String[] outTo = TaskName.of(toTask).outputChannels(bits);
        if (from.getnLayers() != 2 || to.getnLayers() != 2) {
            throw new UsageException("--init-from needs an NTM followed by its output layer on both sides");
        }
        NtmLayer a = (NtmLayer) from.getLayer(0).conf().getLayer();
        NtmLayer b = (NtmLayer) to.getLayer(0).conf().getLayer();
        if (a.getNIn() != inFrom.length || b.getNIn() != inTo.length) {
            throw new UsageException("--init-from: the model's input is " + a.getNIn() + " wide, the " + fromTask
                    + " task's " + inFrom.length);
        }
        if (a.getController() != b.getController() || a.getControllerActivation() != b.getControllerActivation()
                || a.getKeyActivation() != b.getKeyActivation() || a.getAddActivation() != b.getAddActivation()) {
            throw notSameNtm(a, b);
        }
        try {
            NtmParams.copyMappingInputs(a, from.getLayer(0).paramTable(), b, to.getLayer(0).paramTable(),
                    map(inFrom, inTo));
        } catch (IllegalArgumentException e) {
            throw notSameNtm(a, b);
        }
        int[] outputCols = map(outFrom, outTo);
        // The output layer: W [nIn, nOut] and b [1, nOut], columns by output channel. W's rows are the NTM's
        // output [h ; r_1 ; ... ; r_R]: the model's rows come first, the added read heads' rows are zeroed.
        Layer outFromLayer = from.getLayer(1);
        Layer outToLayer = to.getLayer(1);
        long addedRows = (long) (b.getReadHeads() - a.getReadHeads()) * b.getMemoryWidth();
        for (String key : new String[]{"W", "b"}) {
            INDArray src = outFromLayer.getParam(key);
            INDArray dst = outToLayer.getParam(key);
            boolean vector = src != null && src.rank() == 1;   // DL4J keeps the bias as a vector
            if (src == null || dst == null || src.rank() != dst.rank()
                    || (vector ? src.length() != outFrom.length || dst.length() != outTo.length
                    : src.rows() + addedRows != dst.rows() || src.columns() != outFrom.length
                    || dst.columns() != outTo.length)) {
                throw new UsageException("--init-from: the output layers do not match (" + key + ")");
            }
            if (!vector && addedRows > 0) {
                dst.get(NDArrayIndex.interval(src.rows(), dst.rows()), NDArrayIndex.all()).assign(0);
            }
            for (int c = 0; c < outputCols.length; c++) {
                if (outputCols[c] >= 0 && vector) {
                    dst.putScalar(outputCols[c], src.getDouble(c));
                } else if (outputCols[c] >= 0) {
                    dst.get(NDArrayIndex.interval(0, src.rows()), NDArrayIndex.point(outputCols[c]))
                            .assign(src.getColumn(c));
                }
            }
        }
    }

    private static UsageException notSameNtm(NtmLayer a, NtmLayer b) {
        return new UsageException("--init-from needs the same NTM (controller, memory, heads; --read-heads may add read "
                + "heads) on both sides: the model has "
                + describe(a) + ", the new network " + describe(b) + " (--init-from off trains a new NTM from fresh "
                + "weights)");
    }

    private static String describe(NtmLayer l) {
        return "controller " + l.getController() + " " + l.getControllerSize() + ", memory " + l.getMemoryRows()
                + " x " + l.getMemoryWidth() + ", heads " + l.getReadHeads() + "+" + l.getWriteHeads() + ", keys "
                + Cli.optionName(l.getKeyActivation()) + ", adds " + Cli.optionName(l.getAddActivation());
    }

    /** For each name of {@code from}, its index in {@code to}, or -1. */
    private static int[] map(String[] from, String[] to) {
        int[] out = new int[from.length];
        for (int i = 0; i < from.length; i++) {
            out[i] = Arrays.asList(to).indexOf(from[i]);
        }
        return out;
    }

}
