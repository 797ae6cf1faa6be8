package io.github.ntm4j.layer.io;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads an array in the binary format of {@code Nd4j.write} (what {@code ModelSerializer} stores in
 * {@code coefficients.bin} and {@code updaterState.bin}), checking every header field before anything
 * is allocated, which {@code Nd4j.read} does not: it allocates whatever length the header claims.
 *
 * <p>The format is two data buffers, each written by {@code BaseDataBuffer.write}: a header
 * ({@code writeUTF(allocationMode)}, the length as an int for the three oldest allocation modes and a
 * long otherwise, {@code writeUTF(dataType)}) and then the values, big-endian. The first buffer is the
 * shape information {@code [rank, shape..., stride..., extras, elementWiseStride, order]}, the second
 * the data.
 */
final class Nd4jArrayFormat {
    /** The allocation modes before {@code LONG_SHAPE} wrote their length as an int. */
    private static final java.util.List<String> INT_LENGTH_MODES = java.util.List.of("DIRECT", "HEAP", "JAVACPP");
    private static final java.util.List<String> LONG_LENGTH_MODES = java.util.List.of("LONG_SHAPE",
            "MIXED_DATA_TYPES");
    private static final int MAX_RANK = 4;

    private Nd4jArrayFormat() {
    }

    /**
     * Parses {@code bytes} (all of one zip entry) into an array.
     *
     * @param entry the entry's name, for messages
     */
    static INDArray read(byte[] bytes, String entry) throws InvalidModelFileException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            Header shapeHeader = header(in, entry, "shape");
            if (shapeHeader.type != DataType.LONG && shapeHeader.type != DataType.INT) {
                throw bad(entry, "its shape information has data type " + shapeHeader.type + ", not LONG or INT");
            }
            if (shapeHeader.length < 4 || shapeHeader.length > 2 * MAX_RANK + 4) {
                throw bad(entry, "its shape information has " + shapeHeader.length + " values; an array of rank 0 to "
                        + MAX_RANK + " has 4 to " + (2 * MAX_RANK + 4));
            }
            long[] shapeInfo = new long[(int) shapeHeader.length];
            for (int i = 0; i < shapeInfo.length; i++) {
                shapeInfo[i] = shapeHeader.type == DataType.LONG ? in.readLong() : in.readInt();
            }
            int rank = (int) shapeInfo[0];
            if (shapeInfo[0] < 0 || 2L * rank + 4 != shapeInfo.length) {
                throw bad(entry, "its shape information says rank " + shapeInfo[0] + " but holds "
                        + shapeInfo.length + " values");
            }
            long[] shape = Arrays.copyOfRange(shapeInfo, 1, 1 + rank);
            long elements = 1;
            for (long s : shape) {
                if (s < 0) {
                    throw bad(entry, "its shape " + Arrays.toString(shape) + " has a negative size");
                }
                elements = Math.multiplyExact(elements, s);
            }
            char order = (char) shapeInfo[shapeInfo.length - 1];
            if (order != 'c' && order != 'f') {
                throw bad(entry, "its order is " + shapeInfo[shapeInfo.length - 1] + ", not 'c' or 'f'");
            }

            Header dataHeader = header(in, entry, "data");
            if (dataHeader.length != elements) {
                throw bad(entry, "its shape " + Arrays.toString(shape) + " has " + elements + " values but its data"
                        + " buffer says " + dataHeader.length);
            }
            int size = dataHeader.type == DataType.DOUBLE ? Double.BYTES
                    : dataHeader.type == DataType.FLOAT ? Float.BYTES : -1;
            if (size < 0) {
                throw bad(entry, "its values have data type " + dataHeader.type
                        + "; the safe loader reads FLOAT and DOUBLE parameters");
            }
            long expectedBytes = Math.multiplyExact(elements, size);
            if (in.available() < expectedBytes) {
                throw bad(entry, "it is truncated: " + elements + " " + dataHeader.type + " values need "
                        + expectedBytes + " bytes, " + in.available() + " are left");
            }
            if (in.available() > expectedBytes) {
                throw bad(entry, "it has " + (in.available() - expectedBytes) + " bytes after its "
                        + elements + " values");
            }
            INDArray array = dataHeader.type == DataType.DOUBLE ? readDoubles(in, (int) elements, shape, order, entry)
                    : readFloats(in, (int) elements, shape, order, entry);
            return array;
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (EOFException e) {
            throw bad(entry, "it is truncated (it ends inside its header)");
        } catch (ArithmeticException e) {
            throw bad(entry, "its shape is too large to be real");
        } catch (IOException e) {
            throw bad(entry, "it could not be read: " + e.getMessage());
        }
    }

    private static INDArray readDoubles(DataInputStream in, int n, long[] shape, char order, String entry)
            throws IOException {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
            requireFinite(v[i], i, entry);
        }
        return Nd4j.create(v, shape, order);
    }

    private static INDArray readFloats(DataInputStream in, int n, long[] shape, char order, String entry)
            throws IOException {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
            requireFinite(v[i], i, entry);
        }
        return Nd4j.create(v, shape, order);
    }

    /** A NaN or infinite parameter would only show up later as a silently wrong output. */
    private static void requireFinite(double v, int index, String entry) throws InvalidModelFileException {
        if (!Double.isFinite(v)) {
            throw bad(entry, "value " + index + " is " + v + "; a model's parameters and updater state must be finite");
        }
    }

    private record Header(long length, DataType type) {
    }

    private static Header header(DataInputStream in, String entry, String which) throws IOException {
        String mode = in.readUTF();
        long length;
        if (INT_LENGTH_MODES.contains(mode)) {
            length = in.readInt();
        } else if (LONG_LENGTH_MODES.contains(mode)) {
            length = in.readLong();
        } else {
            throw bad(entry, "its " + which + " buffer has an unknown allocation mode '" + printable(mode) + "'");
        }
        String typeName = in.readUTF();
        DataType type;
        try {
            type = DataType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw bad(entry, "its " + which + " buffer has an unknown data type '" + printable(typeName) + "'");
        }
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw bad(entry, "its " + which + " buffer claims " + length + " values");
        }
        return new Header(length, type);
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static InvalidModelFileException bad(String entry, String problem) {
        return new InvalidModelFileException("entry " + entry + " is not a valid ND4J array: " + problem);
    }
}
