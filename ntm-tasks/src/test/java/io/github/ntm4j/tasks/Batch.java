package io.github.ntm4j.tasks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A minibatch read back into Java arrays, so that tests decode what a network would see
 * rather than the generator's own {@link Example} objects.
 */
final class Batch {
    final float[][][] x;      // [B][X][T]
    final float[][][] y;      // [B][Y][T]
    final float[][] xMask;    // [B][T]
    final float[][] yMask;    // [B][T]

    Batch(DataSet ds) {
        x = cube(ds.getFeatures());
        y = cube(ds.getLabels());
        xMask = ds.getFeaturesMaskArray().toFloatMatrix();
        yMask = ds.getLabelsMaskArray().toFloatMatrix();
    }

    static Batch of(SequenceTask task, int batchSize, long seed) {
        TaskIterator it = TaskIterator.builder(task).batchSize(batchSize).batchesPerEpoch(1).seed(seed).build();
        return new Batch(it.next());
    }

    int size() {
        return x.length;
    }

    /** The number of steps of example b: the length of its feature mask. */
    int steps(int b) {
        int n = 0;
        for (float m : xMask[b]) {
            n += m != 0 ? 1 : 0;
        }
        return n;
    }

    /** The input vector of example b at step t, channels [from, to). */
    float[] x(int b, int t, int from, int to) {
        float[] v = new float[to - from];
        for (int c = from; c < to; c++) {
            v[c - from] = x[b][c][t];
        }
        return v;
    }

    float[] y(int b, int t, int from, int to) {
        float[] v = new float[to - from];
        for (int c = from; c < to; c++) {
            v[c - from] = y[b][c][t];
        }
        return v;
    }

    private static float[][][] cube(INDArray a) {
        int b = (int) a.size(0);
        int c = (int) a.size(1);
        int t = (int) a.size(2);
        float[][][] out = new float[b][c][t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                for (int k = 0; k < t; k++) {
                    out[i][j][k] = a.getFloat(i, j, k);
                }
            }
        }
        return out;
    }
}
