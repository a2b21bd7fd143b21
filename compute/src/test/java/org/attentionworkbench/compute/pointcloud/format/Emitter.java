package org.attentionworkbench.compute.pointcloud.format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes test files by hand: a text header, then values as ASCII tokens or as binary of a byte order. */
final class Emitter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order; // null: ASCII
    private boolean lineStart = true;

    Emitter(ByteOrder order) {
        this.order = order;
    }

    Emitter text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        lineStart = true;
        return this;
    }

    /** One value of a PLY type (char uchar short ushort int uint float double). */
    Emitter value(String type, double v) {
        if (order == null) {
            if (!lineStart) {
                out.write(' ');
            }
            boolean integer = !type.equals("float") && !type.equals("double");
            String s = integer ? Long.toString((long) v) : type.equals("float") ? Float.toString((float) v)
                    : Double.toString(v);
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            lineStart = false;
            return this;
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        switch (type) {
            case "char", "uchar" -> b.put((byte) (long) v);
            case "short", "ushort" -> b.putShort((short) (long) v);
            case "int", "uint" -> b.putInt((int) (long) v);
            case "float" -> b.putFloat((float) v);
            case "double" -> b.putDouble(v);
            default -> throw new IllegalArgumentException(type);
        }
        out.write(b.array(), 0, b.position());
        return this;
    }

    /** Ends an element in ASCII (a line); nothing in binary. */
    Emitter end() {
        if (order == null) {
            out.write('\n');
            lineStart = true;
        }
        return this;
    }

    Emitter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The simplest valid LZF stream: literal runs of at most 32 bytes. */
    static byte[] lzfLiteral(byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += 32) {
            int run = Math.min(32, data.length - i);
            o.write(run - 1);
            o.write(data, i, run);
        }
        return o.toByteArray();
    }
}
