package org.attentionworkbench.app.colorize;

import java.util.Map;

/**
 * What one {@link ColorizeRequest} produced, ready to show.
 *
 * @param width result grid width (the image's, or the preview's)
 * @param argb the colorized image, opaque ARGB, width×height
 * @param a result a plane, width×height
 * @param b result b plane
 * @param psnr against the ground truth at full resolution, NaN when unknown (no truth, or a preview)
 * @param millis wall time of colorize + conversion to pixels
 * @param stats the method's own timings
 */
public record ColorizeResult(ColorizeRequest request, int width, int height, int[] argb, float[] a, float[] b,
        double psnr, double millis, Map<String, Number> stats) {

    public long generation() {
        return request.generation();
    }

    public boolean preview() {
        return !request.fullResolution();
    }

    /** a, b at a full-resolution image pixel (mapped onto the preview grid when this is a preview). */
    public AbColour abAt(int x, int y) {
        int i = index(x, y);
        return new AbColour(a[i], b[i]);
    }

    /** Grid index of a full-resolution image pixel. */
    int index(int x, int y) {
        int gx = (int) Math.min(width - 1, Math.max(0, (long) x * width / request.image().width()));
        int gy = (int) Math.min(height - 1, Math.max(0, (long) y * height / request.image().height()));
        return gy * width + gx;
    }
}
