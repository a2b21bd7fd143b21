package org.attentionworkbench.compute.pointcloud.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds LAS files byte by byte from the ASPRS tables (offsets written out here, independent of the
 * reader), with known values per point so a test can check every field.
 */
final class LasTestFiles {
    static final double SCALE = 0.001;
    static final double[] OFFSET = {500000, 4000000, 100};

    private LasTestFiles() {
    }

    /** Expected values of point {@code i} in a file of point format {@code format}. */
    static int x(int i) {
        return 123456 + 1000 * i;
    }

    static int y(int i) {
        return -654321 + 777 * i;
    }

    static int z(int i) {
        return 4321 - 55 * i;
    }

    static int intensity(int i) {
        return 100 + 37 * i;
    }

    static int returnNumber(int i) {
        return 1 + i % 3;
    }

    static int numberOfReturns(int i) {
        return 3;
    }

    static int classification(int format, int i) {
        return format <= 5 ? 2 + i % 5 : 40 + i; // formats 6-10 have 8-bit classes
    }

    static int flags(int format, int i) {
        return format <= 5 ? i % 8 : i % 16;
    }

    static int channel(int i) {
        return i % 4;
    }

    /** Legacy: scan angle rank in degrees; extended: raw i16 in 0.006° units. */
    static int scanAngleRaw(int format, int i) {
        return format <= 5 ? -10 + 3 * i : 1000 - 300 * i;
    }

    static double scanAngleDegrees(int format, int i) {
        return format <= 5 ? scanAngleRaw(format, i) : scanAngleRaw(format, i) * 0.006;
    }

    static int userData(int i) {
        return 1 + 7 * i;
    }

    static int pointSource(int i) {
        return 1000 + i;
    }

    static double gps(int i) {
        return 3.0e8 + 0.5 + 0.001 * i;
    }

    static int red(int i) {
        return 256 * (10 + 20 * i) + 5;
    }

    static int green(int i) {
        return 256 * (200 - 10 * i);
    }

    static int blue(int i) {
        return 256 * (50 + i) + 255;
    }

    static int nir(int i) {
        return 2000 + i;
    }

    static boolean hasGps(int format) {
        return format == 1 || format >= 3;
    }

    static boolean hasRgb(int format) {
        return format == 2 || format == 3 || format == 5 || format == 7 || format == 8 || format == 10;
    }

    static boolean hasNir(int format) {
        return format == 8 || format == 10;
    }

    /** A LAS 1.{@code minor} file of {@code n} points in {@code format}, no VLRs, no extra bytes. */
    static byte[] las(int minor, int format, int n) {
        return las(minor, format, n, List.of(), 0);
    }

    /**
     * The same with VLRs ({@code vlrs}: complete VLRs, header included) and {@code extraBytes} bytes
     * of value {@code 0x11 * (k + 1) + i} after each record's standard fields.
     */
    static byte[] las(int minor, int format, int n, List<byte[]> vlrs, int extraBytes) {
        int headerSize = minor <= 2 ? 227 : minor == 3 ? 235 : 375;
        int vlrBytes = vlrs.stream().mapToInt(v -> v.length).sum();
        int pointOffset = headerSize + vlrBytes;
        int standard = LasHeader.RECORD_SIZES[format];
        int recordLength = standard + extraBytes;
        ByteBuffer b = ByteBuffer.allocate(pointOffset + n * recordLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put("LASF".getBytes(StandardCharsets.US_ASCII));
        b.put(24, (byte) 1).put(25, (byte) minor);
        b.put(26, "test".getBytes(StandardCharsets.US_ASCII));
        b.putShort(94, (short) headerSize).putInt(96, pointOffset).putInt(100, vlrs.size());
        b.put(104, (byte) format).putShort(105, (short) recordLength);
        b.putInt(107, minor >= 4 && format >= 6 ? 0 : n); // 1.4 with formats 6-10: legacy count 0
        for (int a = 0; a < 3; a++) {
            b.putDouble(131 + 8 * a, SCALE).putDouble(155 + 8 * a, OFFSET[a]);
        }
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            int[] p = {x(i), y(i), z(i)};
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], p[a] * SCALE + OFFSET[a]);
                hi[a] = Math.max(hi[a], p[a] * SCALE + OFFSET[a]);
            }
        }
        for (int a = 0; a < 3; a++) {
            b.putDouble(179 + 16 * a, hi[a]).putDouble(187 + 16 * a, lo[a]);
        }
        if (minor >= 4) {
            b.putLong(247, n);
        }
        b.position(headerSize);
        for (byte[] v : vlrs) {
            b.put(v);
        }
        for (int i = 0; i < n; i++) {
            int at = pointOffset + i * recordLength;
            b.putInt(at, x(i)).putInt(at + 4, y(i)).putInt(at + 8, z(i)).putShort(at + 12, (short) intensity(i));
            if (format <= 5) {
                b.put(at + 14, (byte) (returnNumber(i) | numberOfReturns(i) << 3));
                b.put(at + 15, (byte) (classification(format, i) | flags(format, i) << 5));
                b.put(at + 16, (byte) scanAngleRaw(format, i));
                b.put(at + 17, (byte) userData(i));
                b.putShort(at + 18, (short) pointSource(i));
            } else {
                b.put(at + 14, (byte) (returnNumber(i) | numberOfReturns(i) << 4));
                b.put(at + 15, (byte) (flags(format, i) | channel(i) << 4));
                b.put(at + 16, (byte) classification(format, i));
                b.put(at + 17, (byte) userData(i));
                b.putShort(at + 18, (short) scanAngleRaw(format, i));
                b.putShort(at + 20, (short) pointSource(i));
            }
            int gpsAt = format <= 5 ? 20 : 22;
            if (hasGps(format)) {
                b.putDouble(at + gpsAt, gps(i));
            }
            if (hasRgb(format)) {
                int rgbAt = format == 2 ? 20 : format <= 5 ? 28 : 30;
                b.putShort(at + rgbAt, (short) red(i)).putShort(at + rgbAt + 2, (short) green(i))
                        .putShort(at + rgbAt + 4, (short) blue(i));
            }
            if (hasNir(format)) {
                b.putShort(at + 36, (short) nir(i));
            }
            for (int k = 0; k < extraBytes; k++) {
                b.put(at + standard + k, (byte) (0x11 * (k + 1) + i));
            }
        }
        return b.array();
    }

    /** A VLR: 54-byte header (user id, record id, length) and its data. */
    static byte[] vlr(String userId, int recordId, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(54 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.position(2);
        byte[] user = userId.getBytes(StandardCharsets.US_ASCII);
        b.put(user, 0, Math.min(16, user.length));
        b.putShort(18, (short) recordId).putShort(20, (short) data.length);
        b.position(54);
        b.put(data);
        return b.array();
    }

    /** One Extra Bytes descriptor (192 bytes). */
    static byte[] extraBytesDescriptor(String name, int type, int options, double scale, double offset) {
        ByteBuffer b = ByteBuffer.allocate(192).order(ByteOrder.LITTLE_ENDIAN);
        b.put(2, (byte) type).put(3, (byte) options);
        b.put(4, name.getBytes(StandardCharsets.US_ASCII));
        b.putDouble(112, scale).putDouble(136, offset);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        List<Byte> all = new ArrayList<>();
        for (byte[] p : parts) {
            for (byte v : p) {
                all.add(v);
            }
        }
        byte[] out = new byte[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
