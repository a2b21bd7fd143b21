package org.attentionworkbench.compute.pointcloud.format;

import com.github.mreutegg.laszip4j.CloseablePointIterable;
import com.github.mreutegg.laszip4j.LASPoint;
import com.github.mreutegg.laszip4j.LASReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.ReadControl;

/**
 * LAZ: LAS whose point data LASzip compressed (bit 7 of the point-format byte), decoded by laszip4j
 * (a pure-Java port of LASzip, LGPL 2.1, used unmodified). The header is read and checked by
 * {@link LasHeader} first, so a bad header gets the same errors as LAS. The cloud has the fields
 * {@link LasFormat} gives, except scanner_channel (laszip4j does not expose it) and extra bytes;
 * scan_angle of formats 6–10 comes in whole degrees (laszip4j exposes only the rank), and NIR of formats
 * 8 and 10 is missing: laszip4j 0.20 decodes it as 0 (checked on a file made by the reference LASzip,
 * LazReferenceFilesTest), so the all-zero field is dropped.
 */
public final class LazFormat implements PointCloudFormat {
    @Override
    public String name() {
        return "LAZ";
    }

    @Override
    public List<String> extensions() {
        return List.of("laz");
    }

    @Override
    public boolean sniff(byte[] head, String fileName) {
        return LasFormat.isLasf(head) && head.length > 104 && (head[104] & 0xc0) != 0;
    }

    @Override
    public PointCloud read(Path file, ReadControl control) throws IOException {
        return read(file, null, control);
    }

    static PointCloud read(Path file, double[] fixedOrigin, ReadControl control) throws IOException {
        LasHeader h;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            h = LasHeader.read(file, channel);
        }
        if (!h.compressed) {
            return LasFormat.read(file, fixedOrigin, control);
        }
        int format = h.pointFormat;
        boolean legacy = format <= 5;
        boolean hasGps = format == 1 || format >= 3;
        boolean hasRgb = format == 2 || format == 3 || format == 5 || format == 7 || format == 8 || format == 10;
        boolean hasNir = format == 8 || format == 10;
        int fields = 8 + (hasGps ? 1 : 0) + (hasNir ? 1 : 0);
        PointCloud.checkAllocatable(file, "point data", h.pointCount, LasColumns.bytesPerPoint(hasRgb, false, fields));
        int n = (int) h.pointCount;
        LasColumns cols = new LasColumns(n, hasRgb);
        float[] xyz = cols.xyz;
        char[] rgb = cols.rgb16;
        float[] intensity = cols.add("intensity", false).values;
        float[] returnNumber = cols.add("return_number", false).values;
        float[] returns = cols.add("number_of_returns", false).values;
        float[] classification = cols.add("classification", true).values;
        float[] flags = cols.add("classification_flags", true).values;
        float[] scanAngle = cols.add("scan_angle", false).values;
        float[] userData = cols.add("user_data", false).values;
        float[] source = cols.add("point_source_id", true).values;
        LasColumns.Column gps = hasGps ? cols.add("gps_time", false) : null;
        float[] nir = hasNir ? cols.add("nir", false).values : null;

        double[] origin = fixedOrigin;
        int i = 0;
        try (CloseablePointIterable points = new LASReader(file.toFile()).getCloseablePoints()) {
            Iterator<LASPoint> it = points.iterator();
            double dx = 0;
            double dy = 0;
            double dz = 0;
            for (; i < n; i++) {
                if (i % LasFormat.CHECK_EVERY == 0) {
                    control.check((double) i / n);
                }
                if (!it.hasNext()) {
                    // laszip4j stops (after printing its own message) at a corrupt or missing chunk
                    throw new PointCloudException(file, "point data", -1, "LAZ point format " + format
                            + ": decoding stopped after " + i + " of the " + n + " points the header promises"
                            + " (compressed data corrupt, truncated or not supported by laszip4j)");
                }
                LASPoint p = it.next();
                if (i == 0) {
                    if (origin == null) {
                        origin = LasFormat.defaultOrigin(h, new double[] {p.getX() * h.scale[0] + h.offset[0],
                                p.getY() * h.scale[1] + h.offset[1], p.getZ() * h.scale[2] + h.offset[2]});
                    }
                    dx = h.offset[0] - origin[0];
                    dy = h.offset[1] - origin[1];
                    dz = h.offset[2] - origin[2];
                    if (gps != null) {
                        gps.offset = Double.isFinite(p.getGPSTime()) ? Math.floor(p.getGPSTime()) : 0;
                    }
                }
                xyz[3 * i] = (float) (p.getX() * h.scale[0] + dx);
                xyz[3 * i + 1] = (float) (p.getY() * h.scale[1] + dy);
                xyz[3 * i + 2] = (float) (p.getZ() * h.scale[2] + dz);
                intensity[i] = p.getIntensity();
                returnNumber[i] = p.getReturnNumber();
                returns[i] = p.getNumberOfReturns();
                classification[i] = legacy ? p.getClassification() & 31 : p.getClassification();
                flags[i] = (p.isSynthetic() ? 1 : 0) | (p.isKeyPoint() ? 2 : 0) | (p.isWithheld() ? 4 : 0)
                        | (p.isOverlap() ? 8 : 0);
                scanAngle[i] = p.getScanAngleRank();
                userData[i] = p.getUserData();
                source[i] = p.getPointSourceID();
                if (gps != null) {
                    gps.values[i] = (float) (p.getGPSTime() - gps.offset);
                }
                if (rgb != null) {
                    rgb[3 * i] = p.getRed();
                    rgb[3 * i + 1] = p.getGreen();
                    rgb[3 * i + 2] = p.getBlue();
                }
                if (nir != null) {
                    nir[i] = p.getNIR();
                }
            }
        } catch (InterruptedIOException | PointCloudException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            // laszip4j reports corrupt data with whatever its C++ original did (runtime exceptions)
            throw new PointCloudException(file, "point " + i, -1, "LAZ point format " + format + ": laszip4j could not"
                    + " decode it (missing or bad LASzip VLR, corrupt data, or not supported): " + e, e);
        }
        control.check(1);
        return cols.build(origin == null ? new double[3] : origin);
    }
}
