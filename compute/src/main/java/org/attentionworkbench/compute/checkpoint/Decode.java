package org.attentionworkbench.compute.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Element decoding from little-endian bytes to F32 / long. Callers have checked the bounds. */
final class Decode {
    private Decode() {}

    /** Contiguous elements from element offset {@code first}. */
    static void floats(float[] out, ByteBuffer le, long first, DType dtype) {
        int at = Math.toIntExact(first * dtype.bytes());
        switch (dtype) {
            case F32 -> le.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(at).asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.float16ToFloat(le.getShort(at + 2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = bf16(le.getShort(at + 2 * i));
                }
            }
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) le.getDouble(at + 8 * i);
                }
            }
            default -> throw new IllegalArgumentException(dtype + " is not floating point");
        }
    }

    /** A strided view: element i at {@code first + sum(index_d * strides_d)}. */
    static void stridedFloats(float[] out, ByteBuffer le, long first, int[] shape, long[] strides, DType dtype) {
        int bytes = dtype.bytes();
        long[] index = new long[shape.length];
        long at = first;
        for (int i = 0; i < out.length; i++) {
            int b = Math.toIntExact(at * bytes);
            out[i] = switch (dtype) {
                case F32 -> le.getFloat(b);
                case F16 -> Float.float16ToFloat(le.getShort(b));
                case BF16 -> bf16(le.getShort(b));
                case F64 -> (float) le.getDouble(b);
                default -> throw new IllegalArgumentException(dtype + " is not floating point");
            };
            at = next(index, shape, strides, at);
        }
    }

    /** Integer elements (any layout) widened to long. */
    static void stridedLongs(long[] out, ByteBuffer le, long first, int[] shape, long[] strides, DType dtype) {
        int bytes = dtype.bytes();
        long[] index = new long[shape.length];
        long at = first;
        for (int i = 0; i < out.length; i++) {
            int b = Math.toIntExact(at * bytes);
            out[i] = switch (dtype) {
                case I64 -> le.getLong(b);
                case I32 -> le.getInt(b);
                case I16 -> le.getShort(b);
                case I8 -> le.get(b);
                case U8, BOOL -> le.get(b) & 0xff;
                default -> throw new IllegalArgumentException(dtype + " is not an integer type");
            };
            at = next(index, shape, strides, at);
        }
    }

    /** bfloat16 is the top half of an IEEE float. */
    static float bf16(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** Advances a row-major multi-index (last axis fastest) and returns the new element position. */
    private static long next(long[] index, int[] shape, long[] strides, long at) {
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d]++;
            at += strides[d];
            if (index[d] < shape[d]) {
                return at;
            }
            at -= index[d] * strides[d];
            index[d] = 0;
        }
        return at;
    }
}
