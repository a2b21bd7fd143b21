package org.attentionworkbench.compute.pointcloud.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloudException;

/**
 * The public header of a LAS or LAZ file (LAS 1.0–1.4, ASPRS), read and checked against the file
 * before anything is allocated: signature, header size for the version, offset to point data, point
 * format and record length, scale factors, the VLRs (which must end before the point data), and,
 * for uncompressed files, that count × record length fits in the file.
 *
 * <p>Offsets (little-endian): 94 header size, 96 offset to point data, 100 number of VLRs, 104 point
 * format, 105 record length, 107 legacy point count, 131 scale, 155 offset, 179 max x / min x / max y /
 * min y / max z / min z; LAS 1.4 adds the 64-bit point count at 247.
 */
public final class LasHeader {
    /** Bytes of the standard fields of point data record formats 0–10. */
    static final int[] RECORD_SIZES = {20, 28, 26, 34, 57, 63, 30, 36, 38, 59, 67};
    static final int VLR_HEADER = 54;
    static final int EXTRA_BYTES_DESCRIPTOR = 192;

    final Path file;
    final int versionMajor;
    final int versionMinor;
    final int headerSize;
    final long pointOffset;
    final long vlrCount;
    /** 0–10, without the compression bits. */
    final int pointFormat;
    /** Bit 7 (and 6) of the point-format byte: LASzip-compressed point data. */
    final boolean compressed;
    final int recordLength;
    final long pointCount;
    final double[] scale;
    final double[] offset;
    final double[] min;
    final double[] max;
    /** Documented extra bytes (Extra Bytes VLR) that can become scalar fields. */
    final List<ExtraBytes> extraBytes;

    /** One scalar of the Extra Bytes VLR: its place after the standard fields, type (1–10), scale and offset. */
    record ExtraBytes(String name, int position, int type, double scale, double offset) {
        /** Bytes of data types 1–10 (u8, i8, u16, i16, u32, i32, u64, i64, float, double). */
        static final int[] SIZES = {0, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8};
    }

    private LasHeader(Path file, ByteBuffer h, long fileSize, List<ExtraBytes> extraBytes, int headerSize,
            long pointOffset, long vlrCount, int formatByte, int recordLength, long pointCount) {
        this.file = file;
        this.versionMajor = h.get(24) & 0xff;
        this.versionMinor = h.get(25) & 0xff;
        this.headerSize = headerSize;
        this.pointOffset = pointOffset;
        this.vlrCount = vlrCount;
        this.pointFormat = formatByte & 0x3f;
        this.compressed = (formatByte & 0xc0) != 0;
        this.recordLength = recordLength;
        this.pointCount = pointCount;
        this.scale = doubles(h, 131);
        this.offset = doubles(h, 155);
        this.min = new double[] {h.getDouble(187), h.getDouble(203), h.getDouble(219)};
        this.max = new double[] {h.getDouble(179), h.getDouble(195), h.getDouble(211)};
        this.extraBytes = extraBytes;
    }

    private static double[] doubles(ByteBuffer h, int at) {
        return new double[] {h.getDouble(at), h.getDouble(at + 8), h.getDouble(at + 16)};
    }

    /** Bytes of the standard fields of this file's point format. */
    int standardSize() {
        return RECORD_SIZES[pointFormat];
    }

    String version() {
        return versionMajor + "." + versionMinor;
    }

    /** Reads and checks the header and VLRs of {@code file} through {@code channel}. */
    static LasHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 227) {
            throw new PointCloudException(file, "header", 0,
                    "file has " + size + " bytes, a LAS header needs at least 227");
        }
        ByteBuffer h = readAt(file, channel, 0, (int) Math.min(size, 375), "header");
        String signature = new String(h.array(), 0, 4, StandardCharsets.ISO_8859_1);
        if (!signature.equals("LASF")) {
            throw new PointCloudException(file, "header", 0,
                    "not a LAS file: signature '" + printable(signature) + "', expected 'LASF'");
        }
        int major = h.get(24) & 0xff;
        int minor = h.get(25) & 0xff;
        if (major != 1) {
            throw new PointCloudException(file, "header version", 24, "unsupported LAS version " + major + "." + minor);
        }
        int headerSize = h.getShort(94) & 0xffff;
        int needed = minor <= 2 ? 227 : minor == 3 ? 235 : 375;
        if (headerSize < needed) {
            throw new PointCloudException(file, "header size", 94,
                    "header size " + headerSize + " is smaller than the " + needed + " bytes LAS 1." + minor + " needs");
        }
        if (headerSize > size) {
            throw new PointCloudException(file, "header size", 94,
                    "header size " + headerSize + " is beyond the end of the file (" + size + " bytes)");
        }
        long pointOffset = h.getInt(96) & 0xffffffffL;
        if (pointOffset < headerSize || pointOffset > size) {
            throw new PointCloudException(file, "offset to point data", 96, "offset to point data " + pointOffset
                    + " is outside the file after the header (" + headerSize + ".." + size + ")");
        }
        long vlrCount = h.getInt(100) & 0xffffffffL;
        int formatByte = h.get(104) & 0xff;
        int format = formatByte & 0x3f;
        if (format >= RECORD_SIZES.length) {
            throw new PointCloudException(file, "point data format", 104,
                    "unknown point data record format " + format + " (LAS knows 0-10)");
        }
        int recordLength = h.getShort(105) & 0xffff;
        if (recordLength < RECORD_SIZES[format]) {
            throw new PointCloudException(file, "point data record length", 105, "record length " + recordLength
                    + " is smaller than the " + RECORD_SIZES[format] + " bytes point format " + format + " needs");
        }
        long count = h.getInt(107) & 0xffffffffL;
        if (minor >= 4) {
            long count64 = h.getLong(247);
            if (count64 < 0) {
                throw new PointCloudException(file, "number of point records", 247, "point count " + Long.toUnsignedString(count64));
            }
            if (count64 != 0 || count == 0) {
                count = count64;
            }
        }
        for (int axis = 0; axis < 3; axis++) {
            double s = h.getDouble(131 + 8 * axis);
            double o = h.getDouble(155 + 8 * axis);
            if (s == 0 || !Double.isFinite(s)) {
                throw new PointCloudException(file, "xyz".charAt(axis) + " scale factor", 131 + 8 * axis,
                        "scale factor " + s + " (must be finite and not 0)");
            }
            if (!Double.isFinite(o)) {
                throw new PointCloudException(file, "xyz".charAt(axis) + " offset", 155 + 8 * axis,
                        "offset " + o + " is not finite");
            }
        }
        boolean compressed = (formatByte & 0xc0) != 0;
        if (!compressed) {
            long bytes = pointOffset + count * recordLength;
            if (count > (Long.MAX_VALUE - pointOffset) / Math.max(1, recordLength) || bytes > size) {
                throw new PointCloudException(file, "point data", pointOffset, "header says " + count
                        + " points of " + recordLength + " bytes, but the file has only " + (size - pointOffset)
                        + " bytes of point data (room for " + (size - pointOffset) / recordLength + ")");
            }
        }
        List<ExtraBytes> extra = readVlrs(file, channel, headerSize, pointOffset, vlrCount,
                recordLength - RECORD_SIZES[format]);
        return new LasHeader(file, h, size, extra, headerSize, pointOffset, vlrCount, formatByte, recordLength, count);
    }

    /** Walks the VLRs between the header and the point data; returns the documented extra bytes. */
    private static List<ExtraBytes> readVlrs(Path file, FileChannel channel, int headerSize, long pointOffset,
            long vlrCount, int extraLength) throws IOException {
        List<ExtraBytes> extra = List.of();
        long at = headerSize;
        for (long k = 0; k < vlrCount; k++) {
            if (at + VLR_HEADER > pointOffset) {
                throw new PointCloudException(file, "VLR " + (k + 1) + " of " + vlrCount, at,
                        "its 54-byte header runs past the start of point data at byte " + pointOffset);
            }
            ByteBuffer v = readAt(file, channel, at, VLR_HEADER, "VLR " + (k + 1));
            String user = cString(v.array(), 2, 16);
            int recordId = v.getShort(18) & 0xffff;
            int length = v.getShort(20) & 0xffff;
            long data = at + VLR_HEADER;
            if (data + length > pointOffset) {
                throw new PointCloudException(file, "VLR " + (k + 1) + " of " + vlrCount + " (" + user + " " + recordId + ")",
                        at, length + " bytes of data run past the start of point data at byte " + pointOffset);
            }
            if (user.equals("LASF_Spec") && recordId == 4 && length >= EXTRA_BYTES_DESCRIPTOR) {
                extra = extraBytes(readAt(file, channel, data, length, "Extra Bytes VLR"), extraLength);
            }
            at = data + length;
        }
        return extra;
    }

    /**
     * The scalar extra bytes of an Extra Bytes VLR (192 bytes per descriptor: type @2, options @3,
     * name @4, scale @112, offset @136). Undocumented (type 0, size in options) and the deprecated
     * array types are skipped over; descriptors that do not fit in the record are ignored as a whole.
     */
    private static List<ExtraBytes> extraBytes(ByteBuffer v, int extraLength) {
        List<ExtraBytes> fields = new ArrayList<>();
        int position = 0;
        for (int d = 0; d + EXTRA_BYTES_DESCRIPTOR <= v.capacity(); d += EXTRA_BYTES_DESCRIPTOR) {
            int type = v.get(d + 2) & 0xff;
            int options = v.get(d + 3) & 0xff;
            String name = cString(v.array(), d + 4, 32);
            int bytes;
            if (type == 0) {
                bytes = options;
            } else if (type <= 10) {
                bytes = ExtraBytes.SIZES[type];
                double scale = (options & 0x08) != 0 ? v.getDouble(d + 112) : 1;
                double offset = (options & 0x10) != 0 ? v.getDouble(d + 136) : 0;
                if (!name.isBlank() && Double.isFinite(scale) && Double.isFinite(offset)) {
                    fields.add(new ExtraBytes(name, position, type, scale, offset));
                }
            } else if (type <= 30) {
                bytes = ExtraBytes.SIZES[(type - 1) % 10 + 1] * ((type - 1) / 10 + 1);
            } else {
                return List.of();
            }
            position += bytes;
        }
        return position <= extraLength ? List.copyOf(fields) : List.of();
    }

    static ByteBuffer readAt(Path file, FileChannel channel, long at, int length, String where) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new PointCloudException(file, where, at + b.position(),
                        "file ends after " + b.position() + " of " + length + " bytes", new EOFException());
            }
        }
        return b.clear();
    }

    private static String cString(byte[] bytes, int from, int length) {
        int end = from;
        while (end < from + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1).trim();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
