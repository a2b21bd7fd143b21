package org.attentionworkbench.compute.pointcloud.format;

import java.nio.ByteBuffer;
import java.util.Locale;

/** A binary number type of PLY properties and PCD fields: its size and how to read one value. */
enum NumType {
    INT8(1, true), UINT8(1, true), INT16(2, true), UINT16(2, true), INT32(4, true), UINT32(4, true),
    INT64(8, true), UINT64(8, true), FLOAT32(4, false), FLOAT64(8, false);

    final int size;
    final boolean integer;

    NumType(int size, boolean integer) {
        this.size = size;
        this.integer = integer;
    }

    /** The value at {@code pos} of {@code b} (whose byte order is the file's). */
    double read(ByteBuffer b, int pos) {
        return switch (this) {
            case INT8 -> b.get(pos);
            case UINT8 -> b.get(pos) & 0xff;
            case INT16 -> b.getShort(pos);
            case UINT16 -> b.getShort(pos) & 0xffff;
            case INT32 -> b.getInt(pos);
            case UINT32 -> b.getInt(pos) & 0xffffffffL;
            case INT64 -> b.getLong(pos);
            case UINT64 -> unsignedLong(b.getLong(pos));
            case FLOAT32 -> b.getFloat(pos);
            case FLOAT64 -> b.getDouble(pos);
        };
    }

    private static double unsignedLong(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    /** A PLY type name (char, uchar, ..., double and int8 ... float64), or null when unknown. */
    static NumType ply(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "char", "int8" -> INT8;
            case "uchar", "uint8" -> UINT8;
            case "short", "int16" -> INT16;
            case "ushort", "uint16" -> UINT16;
            case "int", "int32" -> INT32;
            case "uint", "uint32" -> UINT32;
            case "float", "float32" -> FLOAT32;
            case "double", "float64" -> FLOAT64;
            default -> null;
        };
    }

    /** A PCD SIZE and TYPE (I, U or F), or null when the pair is not one PCL writes. */
    static NumType pcd(int size, String type) {
        return switch (type.toUpperCase(Locale.ROOT) + size) {
            case "I1" -> INT8;
            case "U1" -> UINT8;
            case "I2" -> INT16;
            case "U2" -> UINT16;
            case "I4" -> INT32;
            case "U4" -> UINT32;
            case "I8" -> INT64;
            case "U8" -> UINT64;
            case "F4" -> FLOAT32;
            case "F8" -> FLOAT64;
            default -> null;
        };
    }
}
