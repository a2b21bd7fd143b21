package org.attentionworkbench.compute.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** The contents of one .npy file: element type, C-order shape and the raw little-endian data. */
public final class NpyArray {
    private final Npy.DType dtype;
    private final int[] shape;
    private final int size;
    private final ByteBuffer data;

    NpyArray(Npy.DType dtype, int[] shape, int size, byte[] data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.size = size;
        this.data = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public Npy.DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a 0-d array). */
    public int size() {
        return size;
    }

    /** All elements as float; float64 is rounded and 64-bit integers may lose precision, as a cast would. */
    public float[] toFloats() {
        float[] out = new float[size];
        switch (dtype) {
            case FLOAT32 -> data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            default -> {
                for (int i = 0; i < size; i++) {
                    out[i] = (float) doubleAt(i);
                }
            }
        }
        return out;
    }

    /** All elements as double (exact for every supported type except int64 beyond 2^53). */
    public double[] toDoubles() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = doubleAt(i);
        }
        return out;
    }

    /** All elements as long; integer types only, so a float file is never truncated silently. */
    public long[] toLongs() {
        requireInteger();
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = longAt(i);
        }
        return out;
    }

    /** All elements as int; integer types only, int64 values must fit. */
    public int[] toInts() {
        requireInteger();
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            long v = longAt(i);
            if (v != (int) v) {
                throw new ArithmeticException("element " + i + " = " + v + " does not fit in an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private void requireInteger() {
        if (!dtype.isInteger()) {
            throw new IllegalStateException("array holds " + dtype.descr() + ", not integers");
        }
    }

    private long longAt(int i) {
        return switch (dtype) {
            case INT64 -> data.getLong(i * 8);
            case INT32 -> data.getInt(i * 4);
            case UINT8 -> Byte.toUnsignedInt(data.get(i));
            default -> throw new IllegalStateException("not an integer type: " + dtype.descr());
        };
    }

    private double doubleAt(int i) {
        return switch (dtype) {
            case FLOAT32 -> data.getFloat(i * 4);
            case FLOAT64 -> data.getDouble(i * 8);
            default -> longAt(i);
        };
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + Arrays.toString(shape) + "]";
    }
}
