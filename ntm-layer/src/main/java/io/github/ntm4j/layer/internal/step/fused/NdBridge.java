package io.github.ntm4j.layer.internal.step.fused;

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

    /** Double staging for transposes; grows, never shrinks, one per thread. */
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[0]);

    /** The bytes of this thread's staging arrays. */
    static long stagingBytes() {
        return (long) FLOATS.get().length * Float.BYTES + (long) DOUBLES.get().length * Double.BYTES;
    }

    /**
     * The staging that copies of at most {@code floats} elements of float arrays, and gathers of strided or
     * 'f'-order arrays of at most {@code doubles} elements, need.
     */
    static long stagingBytes(long floats, long doubles) {
        return floats * Float.BYTES + doubles * Double.BYTES;
    }

    private static double[] doubles(int n) {
        double[] d = DOUBLES.get();
        if (d.length < n) {
            d = new double[n];
            DOUBLES.set(d);
        }
        return d;
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
        if (isDenseC(a) && isFloatOrDouble(a)) {
            readBuffer(a, dst, n);
        } else if (isDenseF2(a) && isFloatOrDouble(a)) {
            // A parameter view (NtmParams lays them out in 'f' order): read the buffer, transpose in Java.
            double[] colMajor = doubles(n);
            readBuffer(a, colMajor, n);
            int rows = (int) a.size(0);
            int cols = (int) a.size(1);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    dst[i * cols + j] = colMajor[j * rows + i];
                }
            }
        } else if (isFloatOrDouble(a) && span(a) > 0) {
            // Any other strided view, e.g. the 'f'-order activation gradients DL4J hands a recurrent layer:
            // read the part of the buffer it spans once, gather in 'c' order in Java. (ND4J's dup('c') of a
            // [64, 28, 41] gradient cost about 1 ms.)
            int span = (int) span(a);
            double[] raw = doubles(span);
            readBuffer(a, raw, span);
            gather(raw, a.shape(), a.stride(), dst);
        } else {
            copyIn(a.castTo(DataType.DOUBLE).dup('c'), dst);
        }
    }

    /**
     * The number of buffer elements from an array's first element to its last, inclusive, if every stride
     * is non-negative and that many fit a Java array; 0 otherwise.
     */
    static long span(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long last = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return 0;
            }
            if (stride[i] < 0) {
                return 0;
            }
            last += (shape[i] - 1) * stride[i];
        }
        return last + 1 <= Integer.MAX_VALUE - 8 ? last + 1 : 0;
    }

    /** {@code dst} in 'c' order = the elements of {@code raw} at the positions {@code shape} and {@code stride} give. */
    static void gather(double[] raw, long[] shape, long[] stride, double[] dst) {
        int rank = shape.length;
        if (rank == 0) {
            dst[0] = raw[0];
            return;
        }
        int inner = (int) shape[rank - 1];
        int innerStride = (int) stride[rank - 1];
        int[] index = new int[rank];   // the odometer over every dimension but the last
        int out = 0;
        while (true) {
            int base = 0;
            for (int d = 0; d < rank - 1; d++) {
                base += index[d] * (int) stride[d];
            }
            for (int k = 0; k < inner; k++) {
                dst[out++] = raw[base + k * innerStride];
            }
            int d = rank - 2;
            while (d >= 0 && ++index[d] == shape[d]) {
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** The first {@code n} elements of {@code a}'s buffer, from its offset, as doubles. */
    private static void readBuffer(INDArray a, double[] dst, int n) {
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer buf = a.data().asNioDouble();   // positioned at the array's first element
            buf.get(dst, 0, n);
        } else {
            float[] f = floats(n);
            a.data().asNioFloat().get(f, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = f[i];
            }
        }
    }

    /** Writes {@code src[0 .. n)} into {@code a}'s buffer from its offset. */
    private static void writeBuffer(double[] src, INDArray a, int n) {
        if (a.dataType() == DataType.DOUBLE) {
            a.data().asNioDouble().put(src, 0, n);
        } else {
            float[] f = floats(n);
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[i];
            }
            a.data().asNioFloat().put(f, 0, n);
        }
    }

    private static boolean isFloatOrDouble(INDArray a) {
        return a.dataType() == DataType.DOUBLE || a.dataType() == DataType.FLOAT;
    }

    /** True for a rank-2 array whose elements lie contiguously in 'f' (column-major) order. */
    static boolean isDenseF2(INDArray a) {
        return a.rank() == 2 && (a.size(0) == 1 || a.stride(0) == 1) && (a.size(1) == 1 || a.stride(1) == a.size(0));
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
        if (isDenseC(target) && isFloatOrDouble(target)) {
            writeBuffer(src, target, n);
        } else if (isDenseF2(target) && isFloatOrDouble(target)) {
            int rows = (int) target.size(0);
            int cols = (int) target.size(1);
            double[] colMajor = doubles(n);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    colMajor[j * rows + i] = src[i * cols + j];
                }
            }
            writeBuffer(colMajor, target, n);
        } else {
            target.assign(copyOut(src, DataType.DOUBLE, target.shape()));
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
