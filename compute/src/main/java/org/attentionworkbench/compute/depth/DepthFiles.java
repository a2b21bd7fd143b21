package org.attentionworkbench.compute.depth;

import java.io.IOException;
import java.nio.file.Path;
import org.attentionworkbench.compute.image.Gray16Image;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;

/**
 * A depth prediction written out: NPY (float32 [H, W], the values as predicted) and a 16-bit grey PNG.
 * PNG scaling: metric depth in <b>millimetres</b> (the RGB-D datasets' convention, so
 * {@code DepthToCloud.readPng16} with scale 0.001 reads metres back; 65.535 m at most), relative
 * disparity as {@code round(d / max d · 65535)} (larger is closer, as predicted). Negative and
 * non-finite values are written as 0.
 */
public final class DepthFiles {
    private DepthFiles() {}

    public static void writeNpy(Path file, DepthMap depth) throws IOException {
        Npy.writeFloat32(file, depth.values(), depth.height(), depth.width());
    }

    /** The PNG's 16-bit values, scaled as the class comment says. */
    public static Gray16Image png16(DepthMap depth) {
        return png16(depth.values(), depth.width(), depth.height(), depth.kind() == DepthKind.METRIC_METRES);
    }

    /**
     * 16-bit values of any map: {@code metres} true, millimetres; else {@code v / max v · 65535} (relative
     * values of one arbitrary scale, such as a panorama's relative radial depth).
     */
    public static Gray16Image png16(float[] v, int width, int height, boolean metres) {
        double scale;
        if (metres) {
            scale = 1000;
        } else {
            double max = 0;
            for (float d : v) {
                if (Float.isFinite(d) && d > max) {
                    max = d;
                }
            }
            scale = max > 0 ? 65535 / max : 0;
        }
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = Float.isFinite(v[i]) && v[i] > 0 ? Math.rint(v[i] * scale) : 0;
            out[i] = (int) Math.min(65535, s);
        }
        return new Gray16Image(width, height, out);
    }

    public static void writePng16(Path file, DepthMap depth) throws IOException {
        PngWriter.write(png16(depth), file);
    }
}
