package org.attentionworkbench.viewers.heatmap;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Grid of values -> ARGB pixels, as pure functions (no window needed).
 *
 * <p>Legend: gw x gh = grid columns x rows, row-major (value of cell (x, y) at {@code y * gw + x});
 * W x H = output pixels. Output ints are non-premultiplied ARGB (JavaFX's IntArgb); the alpha of
 * every finite cell is {@code round(opacity * 255)}, NaN cells are fully transparent.
 *
 * <p>BILINEAR interpolates values (then colours them), with half-pixel centres exactly as
 * PyTorch's {@code align_corners=False}: output pixel x samples grid coordinate
 * {@code max(0, (x + 0.5) * gw / W - 0.5)}, neighbours clamped at the last cell.
 */
public final class HeatmapRenderer {
    private HeatmapRenderer() {}

    /** Renders a grid to a W x H ARGB array. */
    public static int[] render(float[] grid, int gw, int gh, HeatmapStyle style, int outW, int outH) {
        int[] out = new int[checkedSize(outW, outH)];
        renderInto(out, grid, gw, gh, style, outW, outH);
        return out;
    }

    /** The same as {@link #render} into a caller's array (reused between hover frames). */
    public static void renderInto(int[] out, float[] grid, int gw, int gh, HeatmapStyle style, int outW, int outH) {
        checkGrid(grid, gw, gh);
        if (out.length < checkedSize(outW, outH)) {
            throw new IllegalArgumentException("output holds " + out.length + " < " + outW + "x" + outH);
        }
        // Step 1: normalise to [0, 1] so that the colour lookup is one multiply.
        float[] t = normalized(grid, ValueRange.orAuto(style.range(), grid));
        // Step 2: the colormap with the overlay's alpha already in it.
        int[] lut = lut(style.colormap(), style.opacity());
        if (style.interpolation() == Interpolation.NEAREST) {
            nearest(out, t, gw, gh, lut, outW, outH);
        } else {
            bilinear(out, t, gw, gh, lut, outW, outH);
        }
    }

    /** Renders to a new image of W x H. */
    public static WritableImage renderImage(float[] grid, int gw, int gh, HeatmapStyle style, int outW, int outH) {
        return toImage(render(grid, gw, gh, style, outW, outH), outW, outH);
    }

    /** Wraps ARGB pixels as an image. */
    public static WritableImage toImage(int[] argb, int w, int h) {
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }

    /**
     * The base image with the grid's heatmap drawn over it, at the base image's own resolution
     * (the overlay is resampled to the base's pixel size, not the screen's).
     */
    public static WritableImage composite(Image base, float[] grid, int gw, int gh, HeatmapStyle style) {
        int w = (int) base.getWidth();
        int h = (int) base.getHeight();
        return composite(base, toImage(render(grid, gw, gh, style, w, h), w, h));
    }

    /** Source-over of overlay onto base; both must have the same pixel size. */
    public static WritableImage composite(Image base, Image overlay) {
        int w = (int) base.getWidth();
        int h = (int) base.getHeight();
        if ((int) overlay.getWidth() != w || (int) overlay.getHeight() != h) {
            throw new IllegalArgumentException("overlay " + (int) overlay.getWidth() + "x" + (int) overlay.getHeight()
                    + " does not match base " + w + "x" + h);
        }
        int[] b = pixels(base);
        int[] o = pixels(overlay);
        for (int i = 0; i < b.length; i++) {
            b[i] = over(o[i], b[i]);
        }
        return toImage(b, w, h);
    }

    /** All pixels of an image as non-premultiplied ARGB. */
    public static int[] pixels(Image img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        PixelReader r = img.getPixelReader();
        if (r == null) {
            throw new IllegalArgumentException("image has no readable pixels (still loading or failed)");
        }
        int[] px = new int[w * h];
        r.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        return px;
    }

    /**
     * Encodes the image as PNG into {@code out} (left open). Callers that write a file pass the stream of
     * an atomic writer, so viewers stays free of file handling (compute's AtomicFiles does that).
     */
    public static void writePng(Image img, OutputStream out) throws IOException {
        BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
        if (!ImageIO.write(bi, "png", out)) {
            throw new IOException("no PNG writer for " + bi.getType());
        }
    }

    // ---- internals ---------------------------------------------------------------------------

    /** Colormap entries with the overlay alpha in the top byte. */
    static int[] lut(Colormap cmap, double opacity) {
        int alpha = (int) Math.round(opacity * 255) << 24;
        int[] lut = new int[Colormap.SIZE];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = alpha | (cmap.argbAt(i) & 0xffffff);
        }
        return lut;
    }

    static float[] normalized(float[] grid, ValueRange range) {
        float[] t = new float[grid.length];
        double span = range.max() - range.min();
        float scale = span > 0 ? (float) (1 / span) : 0f;
        float min = (float) range.min();
        for (int i = 0; i < grid.length; i++) {
            t[i] = (grid[i] - min) * scale;   // NaN stays NaN: transparent
        }
        return t;
    }

    private static int colour(int[] lut, float t) {
        if (t != t) {
            return 0;
        }
        int i = (int) (t * Colormap.SIZE);
        return lut[i < 0 ? 0 : Math.min(i, Colormap.SIZE - 1)];
    }

    private static void nearest(int[] out, float[] t, int gw, int gh, int[] lut, int outW, int outH) {
        // Colour each cell once, then copy: output pixel x lies in cell floor(x * gw / W).
        int[] cell = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            cell[i] = colour(lut, t[i]);
        }
        int[] cx = new int[outW];
        for (int x = 0; x < outW; x++) {
            cx[x] = (int) ((long) x * gw / outW);
        }
        for (int y = 0; y < outH; y++) {
            int rowBase = (int) ((long) y * gh / outH) * gw;
            int o = y * outW;
            for (int x = 0; x < outW; x++) {
                out[o + x] = cell[rowBase + cx[x]];
            }
        }
    }

    private static void bilinear(int[] out, float[] t, int gw, int gh, int[] lut, int outW, int outH) {
        // Per-column source indices and weights, computed once (PyTorch's area_pixel_compute_source_index).
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] wx = new float[outW];
        sourceIndices(gw, outW, x0, x1, wx);
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        float[] wy = new float[outH];
        sourceIndices(gh, outH, y0, y1, wy);
        // Blend the two source rows once per output row, then each pixel blends two columns.
        float[] row = new float[gw];
        for (int y = 0; y < outH; y++) {
            int r0 = y0[y] * gw;
            int r1 = y1[y] * gw;
            float b = wy[y];
            float a = 1 - b;
            for (int c = 0; c < gw; c++) {
                row[c] = a * t[r0 + c] + b * t[r1 + c];
            }
            int o = y * outW;
            for (int x = 0; x < outW; x++) {
                float w = wx[x];
                out[o + x] = colour(lut, (1 - w) * row[x0[x]] + w * row[x1[x]]);
            }
        }
    }

    private static void sourceIndices(int in, int outN, int[] i0, int[] i1, float[] w) {
        double scale = (double) in / outN;
        for (int o = 0; o < outN; o++) {
            double src = Math.max(0, (o + 0.5) * scale - 0.5);
            int lo = Math.min((int) src, in - 1);
            i0[o] = lo;
            i1[o] = Math.min(lo + 1, in - 1);
            w[o] = (float) (src - lo);
        }
    }

    /** Non-premultiplied source-over. */
    static int over(int src, int dst) {
        int sa = src >>> 24;
        if (sa == 255) {
            return src;
        }
        if (sa == 0) {
            return dst;
        }
        int da = dst >>> 24;
        // Out alpha and colours in 0..255*255 fixed point, rounded.
        int dw = da * (255 - sa);               // dst weight * 255
        int oa255 = sa * 255 + dw;               // out alpha * 255
        int oa = (oa255 + 127) / 255;
        int r = channel(src >> 16, dst >> 16, sa, dw, oa255);
        int g = channel(src >> 8, dst >> 8, sa, dw, oa255);
        int bl = channel(src, dst, sa, dw, oa255);
        return oa << 24 | r << 16 | g << 8 | bl;
    }

    private static int channel(int s, int d, int sa, int dw, int oa255) {
        int num = (s & 0xff) * sa * 255 + (d & 0xff) * dw;
        return (num + oa255 / 2) / oa255;
    }

    private static void checkGrid(float[] grid, int gw, int gh) {
        if (gw <= 0 || gh <= 0 || grid == null || grid.length != gw * gh) {
            throw new IllegalArgumentException("grid of " + (grid == null ? "null" : grid.length)
                    + " values is not " + gw + "x" + gh);
        }
    }

    private static int checkedSize(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + w + "x" + h);
        }
        return Math.multiplyExact(w, h);
    }
}
