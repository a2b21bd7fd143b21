package org.attentionworkbench.app.depth360;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.cloud.ErpClouds;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointClouds;
import org.attentionworkbench.compute.pointcloud.ScalarField;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;
import org.attentionworkbench.viewers.panorama.ErpConvention;
import org.attentionworkbench.viewers.panorama.SphereArea;

/**
 * The depth page's files and maps, without UI: the depth in the scale's units for the viewer's overlay,
 * 16-bit PNG, NPY, a coloured PLY cloud and the panorama with its overlay. Every write is atomic.
 * Depth files are in {@link Equirect}'s grid (column 0 and W−1 at ∓180°, row 0 looking up).
 */
public final class DepthExports {
    /** The largest depth a millimetre PNG holds. */
    public static final double MAX_MILLIMETRES = 65535;

    private DepthExports() {}

    /** Scaled depth (factor × depth), {@code missing} where no patch saw the pixel. */
    public static float[] scaled(PanoramaDepth d, DepthScale s, float missing) {
        float[] out = new float[d.depth().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.covered(i) ? (float) (d.depth()[i] * s.factor()) : missing;
        }
        return out;
    }

    /**
     * The scaled depth on a full-sphere {@code width × height} map in the viewer's {@code convention} (what a
     * {@link org.attentionworkbench.viewers.panorama.PanoramaOverlay} takes); NaN (transparent) without depth.
     */
    public static float[] onViewGrid(PanoramaDepth d, DepthScale s, ErpConvention convention, int width, int height) {
        if (convention == ErpConvention.ENDPOINTS && width == d.grid().width() && height == d.grid().height()) {
            return scaled(d, s, Float.NaN);
        }
        float[] out = new float[width * height];
        for (int r = 0; r < height; r++) {
            double lat = Math.PI / 2 - Math.PI * convention.fraction(r, height);
            for (int c = 0; c < width; c++) {
                double lon = -Math.PI + 2 * Math.PI * convention.fraction(c, width);
                out[r * width + c] = (float) (d.depthAt(lon, lat) * s.factor());
            }
        }
        return out;
    }

    /**
     * Depth as a 16-bit grey PNG: millimetres (clipped at 65.535 m) when the scale is metric, else
     * max-normalised (65535 = the farthest pixel); 0 = no depth. tEXt chunks say which.
     */
    public static void writeDepthPng16(PanoramaDepth d, DepthScale s, Path file) throws IOException {
        float[] v = scaled(d, s, 0);
        double max = 0;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double perUnit = s.isMetric() ? 1000 : max > 0 ? MAX_MILLIMETRES / max : 1;
        short[] px = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            px[i] = (short) (int) Math.max(0, Math.min(MAX_MILLIMETRES, Math.round(v[i] * perUnit)));
        }
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "Attention Workbench, 360° depth");
        text.put("Description", "radial depth from the camera along each pixel's ray; 0 = no depth");
        text.put("DepthUnit", s.isMetric() ? "millimetre (value / 1000 = metres, clipped at 65535)"
                : String.format(Locale.ROOT, "relative: value / 65535 x %.6g = relative depth (max-normalised)", max));
        text.put("DepthScale", s.note());
        text.put("Model", d.modelLabel());
        text.put("Projection", projection(d.grid()));
        PngWriter.writeGray16(px, d.grid().width(), d.grid().height(), text, file);
    }

    /** Depth as float32 NPY [H, W] in the scale's units, 0 where there is no depth. */
    public static void writeDepthNpy(PanoramaDepth d, DepthScale s, Path file) throws IOException {
        Npy.writeFloat32(file, scaled(d, s, 0), d.grid().height(), d.grid().width());
    }

    /**
     * The depth as a coloured point cloud: one point per ERP pixel with depth (column W−1 repeats column 0
     * and is left out), at ray × scaled depth, camera at the origin, x right at lon 90°, y forward at lon 0,
     * z up. Colours come from {@code colours} (the panorama on the same grid). Each point keeps its ERP pixel
     * as provenance and as scalar fields {@code erp_u}, {@code erp_v} (PLY keeps fields) and its
     * {@code range}.
     */
    public static PointCloud cloud(PanoramaDepth d, DepthScale s, RgbImage colours, String source) {
        Equirect g = d.grid();
        int w = g.width(), h = g.height();
        if (colours.width() != w || colours.height() != h) {
            throw new IllegalArgumentException("colours are " + colours.width() + "×" + colours.height()
                    + ", the depth " + w + "×" + h);
        }
        float[] metres = d.depth().clone();
        for (int i = 0; i < metres.length; i++) {
            metres[i] = d.covered(i) ? (float) (metres[i] * s.factor()) : Float.NaN;
        }
        PointCloud c = ErpClouds.points(new ErpClouds.Input(colours, metres, d.weight(), ErpPixels.ENDPOINTS, source), 1);
        // PLY keeps fields but not provenance: the ERP pixel also goes in as fields
        int[] pixel = c.provenance().pixel();
        float[] u = new float[pixel.length], v = new float[pixel.length];
        for (int k = 0; k < pixel.length; k++) {
            u[k] = pixel[k] % w;
            v[k] = pixel[k] / w;
        }
        return c.withField(ScalarField.of("erp_u", u)).withField(ScalarField.of("erp_v", v));
    }

    /** Writes a cloud (the format from the file's extension, e.g. .ply). */
    public static void writeCloud(PointCloud cloud, Path file) throws IOException {
        PointClouds.write(cloud, file);
    }

    /**
     * The panorama at its own full resolution and pixel convention with the depth's colormap blended in at
     * {@code opacity} (pixels without depth keep the panorama's colour).
     */
    public static RgbImage overlayImage(LoadedPanorama p, PanoramaDepth d, DepthScale s, Colormap colormap,
            ValueRange range, double opacity) {
        int w = p.image().width(), h = p.image().height();
        SphereArea area = p.area();
        ErpConvention conv = p.convention();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            double lat = area.latTop() - conv.fraction(y, h) * area.latExtent();
            for (int x = 0; x < w; x++) {
                double lon = area.lonLeft() + conv.fraction(x, w) * area.lonExtent();
                int under = p.image().argb(x, y);
                double depth = d.depthAt(lon, lat) * s.factor();
                int over = Double.isNaN(depth) ? 0 : colormap.argb(range.normalize(depth));
                out[y * w + x] = blend(under, over, opacity);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Writes {@link #overlayImage} as a PNG. */
    public static void writeOverlayPng(LoadedPanorama p, PanoramaDepth d, DepthScale s, Colormap colormap,
            ValueRange range, double opacity, Path file) throws IOException {
        PngWriter.write(overlayImage(p, d, s, colormap, range, opacity), file);
    }

    private static int blend(int under, int over, double a) {
        if (over == 0 || a <= 0) {
            return under & 0xffffff;
        }
        int r = (int) (((under >> 16) & 255) * (1 - a) + ((over >> 16) & 255) * a + 0.5);
        int g = (int) (((under >> 8) & 255) * (1 - a) + ((over >> 8) & 255) * a + 0.5);
        int b = (int) ((under & 255) * (1 - a) + (over & 255) * a + 0.5);
        return (r << 16) | (g << 8) | b;
    }

    private static String projection(Equirect g) {
        return "equirectangular " + g.width() + "x" + g.height() + ": column 0 = -180 deg, column " + (g.width() - 1)
                + " = +180 deg (the same meridian), row 0 = looking straight up, row " + (g.height() - 1) + " = down";
    }
}
