package io.github.ntm4j.layer.step.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;

/**
 * The boundary between ND4J arrays and the fused kernel's {@code double[]} buffers: one bulk copy in
 * per array and one bulk copy out, in row-major ('c') element order, whatever the array's data type.
 * Nothing in the time loop touches ND4J.
 */
final class NdBridge {
    /** Float staging for bulk NIO copies; grows, never shrinks, one per thread. */
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);

    private NdBridge() {
    }

    private static float[] floats(int n) {
        float[] f = FLOATS.get();
        if (f.length < n) {
            f = new float[n];
            FLOATS.set(f);
        }
        return f;
    }

    /** Copies every element of {@code a}, in 'c' order, into {@code dst[0 .. a.length())}. */
    static void copyIn(INDArray a, double[] dst) {
        int n = (int) a.length();
        INDArray c = isDenseC(a) ? a : a.dup('c');
        if (c.dataType() == DataType.DOUBLE) {
            DoubleBuffer buf = c.data().asNioDouble();   // positioned at the array's first element
            buf.get(dst, 0, n);
        } else if (c.dataType() == DataType.FLOAT) {
            float[] f = floats(n);
            c.data().asNioFloat().get(f, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = f[i];
            }
        } else {
            copyIn(c.castTo(DataType.DOUBLE), dst);
        }
    }

    /** A new 'c'-order array of {@code shape} in {@code dt} holding {@code src[0 .. product(shape))}. */
    static INDArray copyOut(double[] src, DataType dt, long... shape) {
        INDArray out = Nd4j.createUninitialized(dt, shape);   // every element is written below
        write(src, out);
        return out;
    }

    /** Overwrites every element of {@code target} (any view) with {@code src}, in 'c' order. */
    static void write(double[] src, INDArray target) {
        int n = (int) target.length();
        if (!isDenseC(target) || (target.dataType() != DataType.DOUBLE && target.dataType() != DataType.FLOAT)) {
            target.assign(copyOut(src, DataType.DOUBLE, target.shape()));
            return;
        }
        if (target.dataType() == DataType.DOUBLE) {
            DoubleBuffer buf = target.data().asNioDouble();
            buf.put(src, 0, n);
        } else {
            float[] f = floats(n);
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[i];
            }
            target.data().asNioFloat().put(f, 0, n);
        }
    }

    /** True if the elements of {@code a} lie contiguously in its buffer in 'c' order. */
    static boolean isDenseC(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }
}
