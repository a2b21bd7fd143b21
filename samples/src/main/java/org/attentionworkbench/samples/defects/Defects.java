package org.attentionworkbench.samples.defects;

import org.attentionworkbench.samples.RasterImage;
import org.attentionworkbench.samples.Rng;

/**
 * Plants one defect into a clean surface. Each kind first decides its footprint (the mask), then recolours
 * only those pixels, and every masked pixel is made to differ from the clean one (a recolouring that
 * happens to land on the same colour is pushed by 24 levels), so the mask is exact: changed pixels and
 * masked pixels are the same set. Geometry is scaled to the image size (tuned on 256²).
 */
public final class Defects {
    private Defects() {}

    public static DefectSample plant(RasterImage clean, DefectKind kind, long seed) {
        int w = clean.width(), h = clean.height();
        Rng r = new Rng(Rng.mix(seed, kind.ordinal(), 7));
        double scale = Math.min(w, h) / 256.0;
        boolean[] mask = new boolean[w * h];
        // per pixel: the defect's colour, or 0 when untouched (colours are opaque, so never 0)
        int[] paint = new int[w * h];
        switch (kind) {
            case SCRATCH -> scratch(clean, r, scale, mask, paint);
            case HOLE -> hole(clean, r, scale, mask, paint);
            case STAIN -> stain(clean, r, scale, mask, paint);
        }
        int[] out = clean.argb().clone();
        for (int i = 0; i < out.length; i++) {
            if (mask[i]) {
                out[i] = paint[i] == out[i] ? nudge(out[i]) : paint[i];
            }
        }
        return new DefectSample(new RasterImage(w, h, out), mask, kind);
    }

    /** A quadratic Bézier, 0.7–1.6 px half-width (scaled), lighter than the surface. */
    private static void scratch(RasterImage img, Rng r, double s, boolean[] mask, int[] paint) {
        int w = img.width(), h = img.height();
        double len = r.range(0.3, 0.6) * Math.min(w, h);
        double angle = r.range(0, StrictMath.PI);
        double cx = r.range(0.25, 0.75) * w, cy = r.range(0.25, 0.75) * h;
        double dx = StrictMath.cos(angle) * len / 2, dy = StrictMath.sin(angle) * len / 2;
        double x0 = cx - dx, y0 = cy - dy, x2 = cx + dx, y2 = cy + dy;
        // the control point pushed sideways bends the line
        double bend = r.range(-0.35, 0.35) * len;
        double x1 = cx - StrictMath.sin(angle) * bend, y1 = cy + StrictMath.cos(angle) * bend;
        double half = Math.max(0.6, r.range(0.7, 1.6) * s);
        int steps = (int) Math.ceil(len * 2);
        for (int k = 0; k <= steps; k++) {
            double t = (double) k / steps, a = 1 - t;
            double px = a * a * x0 + 2 * a * t * x1 + t * t * x2;
            double py = a * a * y0 + 2 * a * t * y1 + t * t * y2;
            for (int y = (int) Math.floor(py - half); y <= (int) Math.ceil(py + half); y++) {
                for (int x = (int) Math.floor(px - half); x <= (int) Math.ceil(px + half); x++) {
                    if (x < 0 || y < 0 || x >= w || y >= h || mask[y * w + x]) {
                        continue;
                    }
                    double ddx = x - px, ddy = y - py;
                    if (ddx * ddx + ddy * ddy <= half * half) {
                        mask[y * w + x] = true;
                        int c = img.get(x, y);
                        boolean bright = luma(c) > 170;
                        paint[y * w + x] = shade(c, bright ? 0.55 : 1.0, bright ? 0 : 80);
                    }
                }
            }
        }
    }

    /** A rotated ellipse: dark inside (darkest at the centre), a bright rim out to 1.35 radii. */
    private static void hole(RasterImage img, Rng r, double s, boolean[] mask, int[] paint) {
        int w = img.width(), h = img.height();
        double a = r.range(5, 14) * s + 1, b = a * r.range(0.6, 1.0);
        double angle = r.range(0, StrictMath.PI);
        double reach = a * 1.35 + 1;
        double cx = r.range(reach, w - reach), cy = r.range(reach, h - reach);
        double cos = StrictMath.cos(angle), sin = StrictMath.sin(angle);
        for (int y = (int) Math.floor(cy - reach); y <= (int) Math.ceil(cy + reach); y++) {
            for (int x = (int) Math.floor(cx - reach); x <= (int) Math.ceil(cx + reach); x++) {
                if (x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                double u = ((x - cx) * cos + (y - cy) * sin) / a, v = (-(x - cx) * sin + (y - cy) * cos) / b;
                double rho = Math.sqrt(u * u + v * v);
                if (rho > 1.35) {
                    continue;
                }
                int c = img.get(x, y);
                mask[y * w + x] = true;
                paint[y * w + x] = rho <= 1 ? shade(c, 0.1 + 0.15 * rho, 8) : shade(c, 1.0, 55);
            }
        }
    }

    /** A blob with a ragged outline (radius modulated by three random harmonics), tinted. */
    private static void stain(RasterImage img, Rng r, double s, boolean[] mask, int[] paint) {
        int w = img.width(), h = img.height();
        double radius = r.range(8, 22) * s + 2;
        double reach = radius * 1.5 + 1;
        double cx = r.range(reach, w - reach), cy = r.range(reach, h - reach);
        double[] amp = {r.range(0.05, 0.2), r.range(0.03, 0.12), r.range(0.02, 0.08)};
        double[] phase = {r.range(0, 6.3), r.range(0, 6.3), r.range(0, 6.3)};
        int[][] tints = {{120, 70, 20}, {60, 60, 20}, {150, 40, 30}, {30, 30, 40}};
        int[] tint = tints[r.nextInt(tints.length)];
        for (int y = (int) Math.floor(cy - reach); y <= (int) Math.ceil(cy + reach); y++) {
            for (int x = (int) Math.floor(cx - reach); x <= (int) Math.ceil(cx + reach); x++) {
                if (x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                double dx = x - cx, dy = y - cy;
                double theta = StrictMath.atan2(dy, dx);
                double edge = radius;
                for (int k = 0; k < 3; k++) {
                    edge += radius * amp[k] * StrictMath.sin((k + 2) * theta + phase[k]);
                }
                double rho = Math.sqrt(dx * dx + dy * dy) / edge;
                if (rho > 1) {
                    continue;
                }
                // opaque in the middle, fading towards the outline (but never to nothing: the mask is the outline)
                double alpha = 0.3 + 0.4 * (1 - rho * rho);
                int c = img.get(x, y);
                mask[y * w + x] = true;
                paint[y * w + x] = RasterImage.rgb(
                        (int) Math.round(((c >> 16) & 0xFF) * (1 - alpha) + tint[0] * alpha),
                        (int) Math.round(((c >> 8) & 0xFF) * (1 - alpha) + tint[1] * alpha),
                        (int) Math.round((c & 0xFF) * (1 - alpha) + tint[2] * alpha));
            }
        }
    }

    private static int shade(int c, double factor, int add) {
        return RasterImage.rgb((int) Math.round(((c >> 16) & 0xFF) * factor + add),
                (int) Math.round(((c >> 8) & 0xFF) * factor + add), (int) Math.round((c & 0xFF) * factor + add));
    }

    private static int luma(int c) {
        return (299 * ((c >> 16) & 0xFF) + 587 * ((c >> 8) & 0xFF) + 114 * (c & 0xFF)) / 1000;
    }

    private static int nudge(int c) {
        int rr = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, b = c & 0xFF;
        int d = luma(c) < 128 ? 24 : -24;
        return RasterImage.rgb(rr + d, g + d, b + d);
    }
}
