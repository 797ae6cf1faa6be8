package io.github.ntm4j.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fixed-seed test sets and the padding of examples into DL4J minibatches.
 *
 * <p>DL4J recurrent layers read time series in NCW layout: features {@code [B, X, T]},
 * labels {@code [B, Y, T]}, and per-step masks {@code [B, T]}. Examples of different lengths
 * are padded at the end to the longest one.
 */
public final class Examples {

    private Examples() {
    }

    /**
     * A reproducible test set: {@code count} examples drawn from {@code task} with
     * {@code new Random(seed)}. The same arguments always give the same examples.
     */
    public static List<Example> generate(SequenceTask task, int count, long seed) {
        Checks.atLeast("count", count, 1);
        Random rng = new Random(seed);
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(task.sample(rng));
        }
        return out;
    }

    /**
     * Pads examples into one minibatch.
     *
     * <ul>
     *   <li>features {@code [B, X, T]} with {@code T} the longest example;</li>
     *   <li>labels {@code [B, Y, T]}, zero outside answer steps;</li>
     *   <li>feature mask {@code [B, T]}: 1 on each example's own steps, 0 on end padding;</li>
     *   <li>label mask {@code [B, T]}: 1 exactly on the answer steps.</li>
     * </ul>
     */
    public static DataSet toDataSet(List<Example> examples, DataType dataType) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("examples must not be empty");
        }
        int b = examples.size();
        int x = examples.get(0).inputSize();
        int y = examples.get(0).outputSize();
        int t = 0;
        for (Example e : examples) {
            if (e.inputSize() != x || e.outputSize() != y) {
                throw new IllegalArgumentException("all examples of a minibatch need the same widths X=" + x
                        + ", Y=" + y + ", got X=" + e.inputSize() + ", Y=" + e.outputSize());
            }
            t = Math.max(t, e.steps());
        }
        float[] features = new float[b * x * t];   // [B, X, T], c order
        float[] labels = new float[b * y * t];     // [B, Y, T]
        float[] featureMask = new float[b * t];    // [B, T]
        float[] labelMask = new float[b * t];      // [B, T]
        for (int i = 0; i < b; i++) {
            Example e = examples.get(i);
            for (int s = 0; s < e.steps(); s++) {
                featureMask[i * t + s] = 1f;
                labelMask[i * t + s] = e.answer()[s] ? 1f : 0f;
                for (int c = 0; c < x; c++) {
                    features[(i * x + c) * t + s] = e.input()[s][c];
                }
                for (int c = 0; c < y; c++) {
                    labels[(i * y + c) * t + s] = e.target()[s][c];
                }
            }
        }
        return new DataSet(
                array(features, dataType, b, x, t),
                array(labels, dataType, b, y, t),
                array(featureMask, dataType, b, t),
                array(labelMask, dataType, b, t));
    }

    private static INDArray array(float[] data, DataType dataType, long... shape) {
        INDArray a = Nd4j.create(data, shape, 'c');
        return a.dataType() == dataType ? a : a.castTo(dataType);
    }
}
