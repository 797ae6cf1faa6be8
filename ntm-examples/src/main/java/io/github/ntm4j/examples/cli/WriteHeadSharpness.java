package io.github.ntm4j.examples.cli;

import io.github.ntm4j.layer.NtmLayer;
import io.github.ntm4j.layer.inspect.NtmInspection;
import io.github.ntm4j.layer.inspect.NtmTrace;
import io.github.ntm4j.tasks.Examples;
import io.github.ntm4j.tasks.SequenceTask;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * How sharply a trained NTM's write heads address memory: the fraction of steps on which a write head's largest
 * weight is over {@value #OVER}, over every write head and every unmasked step of {@value #SEQUENCES} sequences drawn
 * with seed {@value #SEED} (a seed no test set uses; docs/protocol.md). {@link Recipe.Starts.Choice#SHARP_WRITE_HEAD}
 * keeps the first start at {@value #SHARP} or more.
 *
 * <p>On repeat copy, the one-read-head runs that repeat ten times after training on one to five are the runs whose
 * write head is this sharp on the longest training sequences, 5 vectors x 5 repeats (docs/results.md, "Repeat
 * copy"; docs/evidence/repeat-copy-sharp-restarts, where {@code Signals.java} measured it as {@code h1_sharp}).
 */
public final class WriteHeadSharpness {

    /** A weight over this is a sharp one. */
    public static final double OVER = 0.9;
    /** A run is sharp when this fraction of its write heads' steps or more are. */
    public static final double SHARP = 0.95;
    /** Sequences measured. */
    public static final int SEQUENCES = 200;
    /** Their seed. */
    public static final long SEED = 777;

    private WriteHeadSharpness() {
    }

    /**
     * The fraction of write-head steps over {@link #OVER} when {@code net} runs {@link #SEQUENCES} sequences of
     * {@code probe} drawn with {@link #SEED}.
     *
     * @throws ModelFiles.ModelFileException if the network's first layer is not an NTM
     */
    public static double of(MultiLayerNetwork net, SequenceTask probe) {
        return of(net, probe, SEQUENCES, SEED);
    }

    /** {@link #of(MultiLayerNetwork, SequenceTask)} on {@code count} sequences drawn with {@code seed}. */
    static double of(MultiLayerNetwork net, SequenceTask probe, int count, long seed) {
        Layer layer = net.getLayer(0);
        if (!NtmInspection.isNtm(layer)) {
            throw new ModelFiles.ModelFileException("the model's first layer is not an NTM ("
                    + layer.getClass().getSimpleName() + "), so it has no write head to measure");
        }
        NtmLayer conf = (NtmLayer) layer.conf().getLayer();
        List<io.github.ntm4j.tasks.Example> examples = Examples.generate(probe, count, seed);
        DataSet ds = Examples.toDataSet(examples, DataType.FLOAT);
        boolean was = NtmInspection.isEnabled(layer);
        NtmInspection.enable(layer);
        try {
            net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
            NtmTrace trace = NtmInspection.lastTrace(layer);
            INDArray largest = trace.weightings.max(2); // [B, heads, T]
            INDArray mask = ds.getFeaturesMaskArray(); // [B, T] or null
            long sharp = 0;
            long steps = 0;
            int firstWrite = conf.getReadHeads();
            for (int b = 0; b < largest.size(0); b++) {
                for (int t = 0; t < largest.size(2); t++) {
                    if (mask != null && mask.getDouble(b, t) == 0) {
                        continue;
                    }
                    for (int h = firstWrite; h < firstWrite + conf.getWriteHeads(); h++) {
                        steps++;
                        if (largest.getDouble(b, h, t) > OVER) {
                            sharp++;
                        }
                    }
                }
            }
            return (double) sharp / steps;
        } finally {
            if (!was) {
                NtmInspection.disable(layer);
            }
        }
    }
}
