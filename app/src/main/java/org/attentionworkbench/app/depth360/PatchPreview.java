package org.attentionworkbench.app.depth360;

import java.util.Arrays;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.depth.PatchDepth;
import org.attentionworkbench.compute.panorama.tokens.PatchTokens;

/**
 * What the page shows while a run is going: each patch's depth on the panorama as soon as the model gives
 * it, before alignment. Each patch is put in radial depth (relative inverse depth is inverted, planar depth
 * goes along the ray) and divided by its own median, so unaligned patches share a rough scale; the
 * aligned, blended result replaces this when the run ends. Thread-safe: patches arrive on the worker.
 */
public final class PatchPreview {
    private final int width;
    private final int height;
    private final ErpPixels pixels;
    private final float[] values;

    /** An empty preview on a {@code width}×{@code height} ERP grid in the viewer's {@code pixels} convention. */
    public PatchPreview(int width, int height, ErpPixels pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.values = new float[width * height];
        Arrays.fill(values, Float.NaN);
    }

    public int width() { return width; }

    public int height() { return height; }

    /** Paints one finished patch (later patches paint over earlier ones where they overlap). */
    public void add(TangentPatch patch, PatchDepth depth) {
        float[] radial = normalisedRadial(patch, depth);
        float[] onErp = PatchTokens.toErp(radial, depth.height(), depth.width(), patch, width, height, pixels);
        synchronized (values) {
            for (int i = 0; i < onErp.length; i++) {
                if (!Float.isNaN(onErp[i])) {
                    values[i] = onErp[i];
                }
            }
        }
    }

    /** A copy of the preview so far: NaN where no patch has arrived. */
    public float[] snapshot() {
        synchronized (values) {
            return values.clone();
        }
    }

    /** The patch's depth along each pixel's ray, divided by its median; NaN where the model gave none. */
    static float[] normalisedRadial(TangentPatch patch, PatchDepth depth) {
        int w = depth.width(), h = depth.height();
        float[] out = new float[w * h];
        float[] finite = new float[w * h];
        int n = 0;
        for (int r = 0; r < h; r++) {
            double y = patch.y(r * (patch.height() - 1.0) / Math.max(1, h - 1));
            for (int c = 0; c < w; c++) {
                double x = patch.x(c * (patch.width() - 1.0) / Math.max(1, w - 1));
                float v = depth.values()[r * w + c];
                double z = depth.kind() == DepthKind.RELATIVE_INVERSE ? (v > 0 ? 1.0 / v : Double.NaN) : v;
                double radial = z > 0 && Double.isFinite(z) ? z * Math.sqrt(1 + x * x + y * y) : Double.NaN;
                out[r * w + c] = (float) radial;
                if (!Double.isNaN(radial)) {
                    finite[n++] = (float) radial;
                }
            }
        }
        if (n > 0) {
            Arrays.sort(finite, 0, n);
            float median = finite[n / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] /= median;
            }
        }
        return out;
    }
}
