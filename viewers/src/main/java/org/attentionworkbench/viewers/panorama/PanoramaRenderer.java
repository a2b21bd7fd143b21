package org.attentionworkbench.viewers.panorama;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Software rectilinear rendering of an equirectangular panorama, no JavaFX: per frame pixel, the
 * view ray → (lon, lat) → a bilinear sample of the tiles, rows in parallel. Also draws a
 * {@link PanoramaOverlay} in each {@link OverlayMode}. Used by {@link PanoramaView} and for exports.
 */
public final class PanoramaRenderer {

    /** What is drawn: the tiled image, the part of the sphere it covers, its pixel convention and the colour elsewhere. */
    public record Source(PanoramaImage image, SphereArea area, ErpConvention convention, int background) {
        public Source {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(convention, "convention");
        }

        public static Source full(PanoramaImage image, ErpConvention convention) {
            return new Source(image, SphereArea.FULL, convention, 0xff202020);
        }

        /** Opaque ARGB colour seen along (lon, lat), radians, latitude up positive. */
        public int colourAt(double lon, double lat) {
            return new Sampler(this).colour(lon, lat);
        }

        /** Fractional ERP pixel (column, row) of (lon, lat) in this image, or null outside it. */
        public double[] pixelAt(double lon, double lat) {
            double d = lon - area.lonLeft();
            d -= 2 * Math.PI * Math.floor(d / (2 * Math.PI));
            double u = d / area.lonExtent();
            double v = (area.latTop() - lat) / area.latExtent();
            if (u > 1 + 1e-9 || v < -1e-9 || v > 1 + 1e-9) {
                return null;
            }
            return new double[] {convention.column(Math.min(u, 1), image.width()), convention.column(v, image.height())};
        }
    }

    private PanoramaRenderer() {
    }

    /** A source's lookup with its constants worked out once per frame. */
    private static final class Sampler {
        private final PanoramaImage image;
        private final int background, period, w, h;
        private final boolean full, endpoints;
        private final double lonLeft, lonExtent, latTop, latExtent;

        Sampler(Source s) {
            image = s.image();
            background = s.background();
            w = image.width();
            h = image.height();
            full = s.area().isFullCircle();
            endpoints = s.convention() == ErpConvention.ENDPOINTS;
            period = full ? s.convention().period(w) : 0;
            lonLeft = s.area().lonLeft();
            lonExtent = s.area().lonExtent();
            latTop = s.area().latTop();
            latExtent = s.area().latExtent();
        }

        int colour(double lon, double lat) {
            double d = lon - lonLeft;
            if (d < 0 || d >= 2 * Math.PI) {
                d -= 2 * Math.PI * Math.floor(d / (2 * Math.PI));
            }
            double u = d / lonExtent;
            double v = (latTop - lat) / latExtent;
            double col = endpoints ? u * (w - 1) : u * w - 0.5;
            double row = endpoints ? v * (h - 1) : v * h - 0.5;
            if (v < 0 || v > 1 || (!full && col > w - 0.5)) {
                return background;
            }
            return image.sample(col, row, period);
        }
    }

    /**
     * Renders {@code view} into {@code out} ({@code width × height} ARGB, row-major). {@code overlay}
     * may be null; {@code divider} is the swipe divider's x as a fraction of the width.
     */
    public static void render(Source source, PanoramaOverlay overlay, OverlayMode mode, double divider,
            ViewState view, int width, int height, int[] out) {
        if (width < 1 || height < 1 || out.length < width * height) {
            throw new IllegalArgumentException("frame " + width + "×" + height + " does not fit " + out.length);
        }
        if (overlay != null && mode == OverlayMode.SIDE_BY_SIDE && width >= 2) {
            int left = width / 2;
            renderPart(source, null, 0, 1, view, left, height, out, width, 0);
            renderPart(source, overlay, 0, 1, view, width - left, height, out, width, left);
            return;
        }
        if (overlay != null && mode == OverlayMode.SWIPE) {
            int split = (int) Math.round(Math.max(0, Math.min(1, divider)) * width);
            renderPart(source, overlay, split, 1, view, width, height, out, width, 0);
            return;
        }
        renderPart(source, overlay, 0, overlay == null ? 0 : overlay.opacity(), view, width, height, out, width, 0);
    }

    // one view of w × h drawn at column offset x0 of a frame with row stride `stride`; the overlay from column overlayFrom
    private static void renderPart(Source source, PanoramaOverlay overlay, int overlayFrom, double opacity,
            ViewState view, int w, int h, int[] out, int stride, int x0) {
        Projection p = new Projection(view, w, h);
        Sampler sampler = new Sampler(source);
        int[] lut = overlay == null ? null : overlay.colormap().table();
        IntStream.range(0, h).parallel().forEach(y -> {
            double[] dx = new double[w], dy = new double[w], dz = new double[w];
            p.rowRays(y + 0.5, dx, dy, dz, w, 1);
            int base = y * stride + x0;
            for (int x = 0; x < w; x++) {
                double lon = FastAtan.atan2(dx[x], dz[x]);
                double lat = FastAtan.atan2(dy[x], Math.sqrt(dx[x] * dx[x] + dz[x] * dz[x]));
                int c = sampler.colour(lon, lat);
                if (overlay != null && x >= overlayFrom) {
                    c = blend(c, overlayColour(overlay, lut, source.convention(), lon, lat), opacity);
                }
                out[base + x] = c;
            }
        });
    }

    /** The overlay's colour along (lon, lat), or 0 (transparent) where it has no value. */
    static int overlayColour(PanoramaOverlay o, int[] lut, ErpConvention conv, double lon, double lat) {
        double col = conv.column((lon + Math.PI) / (2 * Math.PI), o.width());
        double row = conv.column((Math.PI / 2 - lat) / Math.PI, o.height());
        float v = o.sample(col, row, conv.period(o.width()));
        if (Float.isNaN(v)) {
            return 0;
        }
        double t = o.range().normalize(v);
        return lut[(int) Math.max(0, Math.min(255, t * 256))];
    }

    private static int blend(int under, int over, double alpha) {
        if (over == 0 || alpha <= 0) {
            return under;
        }
        double a = alpha;
        int r = (int) (((under >> 16) & 255) * (1 - a) + ((over >> 16) & 255) * a + 0.5);
        int g = (int) (((under >> 8) & 255) * (1 - a) + ((over >> 8) & 255) * a + 0.5);
        int b = (int) ((under & 255) * (1 - a) + (over & 255) * a + 0.5);
        return 0xff000000 | (r << 16) | (g << 8) | b;
    }
}
