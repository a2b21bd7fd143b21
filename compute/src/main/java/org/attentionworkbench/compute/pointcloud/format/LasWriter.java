package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import org.attentionworkbench.compute.pointcloud.Bounds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.ScalarField;

/**
 * Writes LAS 1.2, the version every reader accepts (CloudCompare, PDAL, laspy, LAStools): point format
 * 2 when the cloud has colour, else 0; 3 or 1 when it has a gps_time field. Offset = the cloud's
 * minimum; scale 0.001 unless the extent asks for a finer one (at least a million steps across the
 * cloud, so a 10 cm scan keeps its detail) or a coarser one (the integers must fit 32 bits).
 * Intensity, classification (+ flags), returns, scan angle, user data, point source and GPS time are
 * written from the fields of the same names when present; returns default to "1 of 1". The file is
 * written beside the target and renamed, so a failure never leaves half a file.
 */
public final class LasWriter {
    private static final int HEADER = 227;

    private LasWriter() {
    }

    public static void write(PointCloud cloud, Path file) throws IOException {
        Bounds b = cloud.bounds();
        int n = cloud.size();
        double[] min = b.isEmpty() ? new double[3] : b.min();
        double[] max = b.isEmpty() ? new double[3] : b.max();
        double extent = Math.max(max[0] - min[0], Math.max(max[1] - min[1], max[2] - min[2]));
        double scale = scaleFor(extent);
        ScalarField gps = cloud.field("gps_time");
        boolean rgb = cloud.hasRgb();
        int format = rgb ? (gps != null ? 3 : 2) : (gps != null ? 1 : 0);
        int recordLength = LasHeader.RECORD_SIZES[format];
        ScalarField intensity = cloud.field("intensity");
        ScalarField classification = cloud.field("classification");
        ScalarField flags = cloud.field("classification_flags");
        ScalarField returnNumber = cloud.field("return_number");
        ScalarField returns = cloud.field("number_of_returns");
        ScalarField scanAngle = cloud.field("scan_angle");
        ScalarField userData = cloud.field("user_data");
        ScalarField source = cloud.field("point_source_id");

        long[] byReturn = new long[5];
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.position(HEADER);
            int chunk = LasFormat.CHECK_EVERY;
            ByteBuffer buf = ByteBuffer.allocate(chunk * recordLength).order(ByteOrder.LITTLE_ENDIAN);
            double[] origin = cloud.origin();
            float[] xyz = cloud.xyz();
            byte[] colours = cloud.rgb();
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) {
                    double world = origin[a] + xyz[3 * i + a];
                    if (!Double.isFinite(world)) {
                        throw new PointCloudException(file, "point " + i, -1,
                                "coordinate " + "xyz".charAt(a) + " is " + world + "; LAS stores only finite coordinates");
                    }
                    buf.putInt((int) Math.round((world - min[a]) / scale));
                }
                buf.putShort((short) clamp(value(intensity, i, 0), 0, 65535));
                int ret = clamp(value(returnNumber, i, 1), 0, 7);
                int rets = clamp(value(returns, i, 1), 0, 7);
                byReturn[Math.max(0, Math.min(4, ret - 1))]++;
                buf.put((byte) (ret | rets << 3));
                buf.put((byte) (clamp(value(classification, i, 0), 0, 31) | (clamp(value(flags, i, 0), 0, 7) << 5)));
                buf.put((byte) clamp(value(scanAngle, i, 0), -90, 90));
                buf.put((byte) clamp(value(userData, i, 0), 0, 255));
                buf.putShort((short) clamp(value(source, i, 0), 0, 65535));
                if (gps != null) {
                    buf.putDouble(gps.value(i));
                }
                if (rgb) {
                    // 8-bit colour × 257 spans the 16-bit range (255 -> 65535), so readers that take the
                    // high byte and readers that divide by 65535 both get the colour back
                    for (int c = 0; c < 3; c++) {
                        buf.putShort((short) ((colours[3 * i + c] & 0xff) * 257));
                    }
                }
                if (!buf.hasRemaining() || i == n - 1) {
                    out.write(buf.flip());
                    buf.clear();
                }
            }
            ByteBuffer h = header(n, format, recordLength, scale, min, max, byReturn);
            out.write(h, 0);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** 0.001, or finer while fewer than a million steps span the extent, or coarser until it fits 31 bits. */
    static double scaleFor(double extent) {
        double scale = 0.001;
        if (!(extent > 0) || !Double.isFinite(extent)) {
            return scale;
        }
        while (extent / scale < 1e6 && scale > 1e-9) {
            scale /= 10;
        }
        while (extent / scale > 2e9) {
            scale *= 10;
        }
        // 10^-k as the nearest double, not 0.001/10/10 with its accumulated rounding
        return Double.parseDouble(String.format("%.0e", scale));
    }

    private static ByteBuffer header(long n, int format, int recordLength, double scale, double[] min, double[] max,
            long[] byReturn) throws PointCloudException {
        if (n > 0xffffffffL) {
            throw new PointCloudException(null, "LAS 1.2 holds at most 4294967295 points, not " + n);
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put("LASF".getBytes(StandardCharsets.US_ASCII));
        h.position(24);
        h.put((byte) 1).put((byte) 2);
        h.put(padded("Attention Workbench", 32)).put(padded("Attention Workbench", 32));
        LocalDate today = LocalDate.now();
        h.putShort((short) today.getDayOfYear()).putShort((short) today.getYear());
        h.putShort((short) HEADER).putInt(HEADER).putInt(0);
        h.put((byte) format).putShort((short) recordLength).putInt((int) n);
        for (long r : byReturn) {
            h.putInt((int) r);
        }
        h.putDouble(scale).putDouble(scale).putDouble(scale);
        h.putDouble(min[0]).putDouble(min[1]).putDouble(min[2]);
        // max and min as the integers decode, so the bounds hold every written point exactly
        for (int a = 0; a < 3; a++) {
            h.putDouble(min[a] + Math.round((max[a] - min[a]) / scale) * scale).putDouble(min[a]);
        }
        return h.flip();
    }

    private static double value(ScalarField f, int i, double fallback) {
        return f == null ? fallback : f.value(i);
    }

    private static int clamp(double v, int lo, int hi) {
        return Double.isNaN(v) ? lo : (int) Math.max(lo, Math.min(hi, Math.round(v)));
    }

    private static byte[] padded(String s, int length) {
        byte[] b = new byte[length];
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, length));
        return b;
    }
}
