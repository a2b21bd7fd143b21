package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.attentionworkbench.compute.pointcloud.WriteOptions;

/**
 * ASPRS LAS 1.0–1.4, point data record formats 0–10, uncompressed (LAZ is {@link LazFormat}).
 *
 * <p>Coordinates are {@code X × scale + offset} in double, stored as float around an origin: the
 * header's minimum rounded down (or the first point when the header's bounds are unusable), so UTM
 * coordinates keep millimetres. Fields: intensity, return_number, number_of_returns, classification
 * (categorical; the low 5 bits in formats 0–5), classification_flags (1 synthetic, 2 key-point,
 * 4 withheld, 8 overlap), scanner_channel (6–10), scan_angle (degrees), user_data, point_source_id,
 * gps_time (relative to the first point's whole second), nir (8, 10), and the scalar extra bytes an
 * Extra Bytes VLR documents. Fields that are 0 for every point are left out. Waveform packets and
 * undocumented extra bytes are skipped.
 */
public final class LasFormat implements PointCloudFormat {
    /** Points decoded between two progress reports and cancel checks. */
    static final int CHECK_EVERY = 1 << 16;
    private static final int CHUNK_BYTES = 8 << 20;

    @Override
    public String name() {
        return "LAS";
    }

    @Override
    public List<String> extensions() {
        return List.of("las");
    }

    @Override
    public boolean sniff(byte[] head, String fileName) {
        return isLasf(head) && (head.length <= 104 || (head[104] & 0xc0) == 0);
    }

    static boolean isLasf(byte[] head) {
        return head.length >= 4 && head[0] == 'L' && head[1] == 'A' && head[2] == 'S' && head[3] == 'F';
    }

    @Override
    public PointCloud read(Path file, ReadControl control) throws IOException {
        return read(file, null, control);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PointCloud cloud, Path file, WriteOptions options) throws IOException {
        LasWriter.write(cloud, file);
    }

    /**
     * Reads {@code file} with positions relative to {@code origin} (null: the header's minimum,
     * rounded down), so that the nodes of one octree share one origin.
     */
    static PointCloud read(Path file, double[] origin, ReadControl control) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            LasHeader h = LasHeader.read(file, channel);
            if (h.compressed) {
                throw new PointCloudException(file, "point data format", 104,
                        "the point data is LASzip-compressed (LAZ, format byte bit 7), not plain LAS");
            }
            return decode(h, channel, origin, control);
        }
    }

    /** The origin a file's points are stored around: the header's minimum rounded down, if usable. */
    static double[] defaultOrigin(LasHeader h, double[] firstPoint) {
        double[] o = new double[3];
        for (int a = 0; a < 3; a++) {
            double lo = h.min[a];
            double hi = h.max[a];
            // a header whose bounds do not hold the first point says nothing reliable about the others
            boolean usable = Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi
                    && firstPoint[a] >= lo - (hi - lo) - 1 && firstPoint[a] <= hi + (hi - lo) + 1;
            o[a] = Math.floor(usable ? lo : firstPoint[a]);
        }
        return o;
    }

    private static PointCloud decode(LasHeader h, FileChannel channel, double[] fixedOrigin, ReadControl control)
            throws IOException {
        Path file = h.file;
        int format = h.pointFormat;
        boolean legacy = format <= 5;
        int gpsAt = legacy ? (format == 1 || format >= 3 ? 20 : -1) : 22;
        int rgbAt = switch (format) {
            case 2 -> 20;
            case 3, 5 -> 28;
            case 7, 8, 10 -> 30;
            default -> -1;
        };
        int nirAt = format == 8 || format == 10 ? 36 : -1;
        int fields = 8 + (legacy ? 0 : 1) + (gpsAt >= 0 ? 1 : 0) + (nirAt >= 0 ? 1 : 0) + h.extraBytes.size();
        PointCloud.checkAllocatable(file, "point data", h.pointCount, LasColumns.bytesPerPoint(rgbAt >= 0, false, fields));
        int n = (int) h.pointCount;
        int rl = h.recordLength;

        double[] origin = fixedOrigin;
        if (origin == null) {
            double[] first = new double[3];
            if (n > 0) {
                ByteBuffer r = LasHeader.readAt(file, channel, h.pointOffset, 12, "point 0");
                for (int a = 0; a < 3; a++) {
                    first[a] = r.getInt(4 * a) * h.scale[a] + h.offset[a];
                }
            }
            origin = defaultOrigin(h, first);
        }
        LasColumns cols = new LasColumns(n, rgbAt >= 0);
        float[] xyz = cols.xyz;
        char[] rgb = cols.rgb16;
        float[] intensity = cols.add("intensity", false).values;
        float[] returnNumber = cols.add("return_number", false).values;
        float[] returns = cols.add("number_of_returns", false).values;
        float[] classification = cols.add("classification", true).values;
        float[] flags = cols.add("classification_flags", true).values;
        float[] channelNo = legacy ? null : cols.add("scanner_channel", true).values;
        float[] scanAngle = cols.add("scan_angle", false).values;
        float[] userData = cols.add("user_data", false).values;
        float[] source = cols.add("point_source_id", true).values;
        LasColumns.Column gpsColumn = gpsAt >= 0 ? cols.add("gps_time", false) : null;
        float[] nir = nirAt >= 0 ? cols.add("nir", false).values : null;
        List<LasHeader.ExtraBytes> extras = h.extraBytes;
        float[][] extra = new float[extras.size()][];
        Set<String> names = new HashSet<>(List.of("intensity", "return_number", "number_of_returns", "classification",
                "classification_flags", "scanner_channel", "scan_angle", "user_data", "point_source_id", "gps_time", "nir"));
        for (int e = 0; e < extra.length; e++) {
            String name = extras.get(e).name();
            LasColumns.Column c = cols.add(names.add(name.toLowerCase()) ? name : "extra_" + name, false);
            c.offset = extras.get(e).offset();
            extra[e] = c.values;
        }

        double sx = h.scale[0];
        double sy = h.scale[1];
        double sz = h.scale[2];
        // world = X * scale + offset; relative = world - origin, in double before the one rounding to float
        double dx = h.offset[0] - origin[0];
        double dy = h.offset[1] - origin[1];
        double dz = h.offset[2] - origin[2];
        double gpsOffset = 0;
        int chunk = Math.max(1, Math.min(Math.min(n, CHECK_EVERY), CHUNK_BYTES / rl)); // small files, small buffers
        ByteBuffer buf = ByteBuffer.allocate(chunk * rl).order(ByteOrder.LITTLE_ENDIAN);
        int standard = h.standardSize();
        for (int start = 0; start < n; start += chunk) {
            control.check((double) start / n);
            int m = Math.min(chunk, n - start);
            buf.clear().limit(m * rl);
            long at = h.pointOffset + (long) start * rl;
            while (buf.hasRemaining()) {
                if (channel.read(buf, at + buf.position()) < 0) {
                    throw new PointCloudException(file, "point " + (start + buf.position() / rl), at + buf.position(),
                            "file ends inside the point data (it shrank while being read)");
                }
            }
            if (start == 0 && gpsColumn != null && m > 0) {
                double g = buf.getDouble(gpsAt);
                gpsOffset = Double.isFinite(g) ? Math.floor(g) : 0;
                gpsColumn.offset = gpsOffset;
            }
            // points are independent: decode the chunk on every core (absolute ByteBuffer reads are thread-safe)
            final int first = start;
            final double gpsBase = gpsOffset;
            Parallel.forRange(0, m, 8192, (k0, k1) -> {
                for (int k = k0; k < k1; k++) {
                    int b = k * rl;
                    int i = first + k;
                    xyz[3 * i] = (float) (buf.getInt(b) * sx + dx);
                    xyz[3 * i + 1] = (float) (buf.getInt(b + 4) * sy + dy);
                    xyz[3 * i + 2] = (float) (buf.getInt(b + 8) * sz + dz);
                    intensity[i] = buf.getChar(b + 12);
                    int r = buf.get(b + 14) & 0xff;
                    if (legacy) {
                        returnNumber[i] = r & 7;
                        returns[i] = (r >> 3) & 7;
                        int c = buf.get(b + 15) & 0xff;
                        classification[i] = c & 31;
                        flags[i] = c >> 5;
                        scanAngle[i] = buf.get(b + 16);
                        userData[i] = buf.get(b + 17) & 0xff;
                        source[i] = buf.getChar(b + 18);
                    } else {
                        returnNumber[i] = r & 15;
                        returns[i] = r >> 4;
                        int f = buf.get(b + 15) & 0xff;
                        flags[i] = f & 15;
                        channelNo[i] = (f >> 4) & 3;
                        classification[i] = buf.get(b + 16) & 0xff;
                        userData[i] = buf.get(b + 17) & 0xff;
                        scanAngle[i] = (float) (buf.getShort(b + 18) * 0.006);
                        source[i] = buf.getChar(b + 20);
                    }
                    if (gpsColumn != null) {
                        gpsColumn.values[i] = (float) (buf.getDouble(b + gpsAt) - gpsBase);
                    }
                    if (rgb != null) {
                        rgb[3 * i] = buf.getChar(b + rgbAt);
                        rgb[3 * i + 1] = buf.getChar(b + rgbAt + 2);
                        rgb[3 * i + 2] = buf.getChar(b + rgbAt + 4);
                    }
                    if (nir != null) {
                        nir[i] = buf.getChar(b + nirAt);
                    }
                    for (int e = 0; e < extra.length; e++) {
                        LasHeader.ExtraBytes x = extras.get(e);
                        extra[e][i] = (float) (extraValue(buf, b + standard + x.position(), x.type()) * x.scale());
                    }
                }
            });
        }
        control.check(1);
        return cols.build(origin);
    }

    private static double extraValue(ByteBuffer buf, int at, int type) {
        return switch (type) {
            case 1 -> buf.get(at) & 0xff;
            case 2 -> buf.get(at);
            case 3 -> buf.getChar(at);
            case 4 -> buf.getShort(at);
            case 5 -> buf.getInt(at) & 0xffffffffL;
            case 6 -> buf.getInt(at);
            case 7 -> unsigned(buf.getLong(at));
            case 8 -> buf.getLong(at);
            case 9 -> buf.getFloat(at);
            default -> buf.getDouble(at);
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
