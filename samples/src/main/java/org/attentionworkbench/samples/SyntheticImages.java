package org.attentionworkbench.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic synthetic test images: the same arguments (and seed) give the same pixels on every
 * JVM, because randomness comes from a SplitMix64 of our own rather than a library generator whose
 * algorithm may change. Later issues add scenes (defects with masks, colour hints) here.
 */
public final class SyntheticImages {

    /** A shape drawn into a scene, with its exact pixel bounds (x, y inclusive; x+w, y+h exclusive). */
    public record PlacedShape(Kind kind, int x, int y, int w, int h, int argb) {
        public enum Kind { RECTANGLE, ELLIPSE }

        public int centerX() {
            return x + w / 2;
        }

        public int centerY() {
            return y + h / 2;
        }
    }

    /** An image and the shapes in it, so tests and demos know where each object is. */
    public record ShapeScene(RasterImage image, int background, List<PlacedShape> shapes) {}

    private SyntheticImages() {}

    /** A linear gradient from {@code from} to {@code to}, left→right or top→bottom. */
    public static RasterImage gradient(int width, int height, int from, int to, boolean horizontal) {
        RasterImage img = RasterImage.blank(width, height);
        int steps = Math.max(1, (horizontal ? width : height) - 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = (horizontal ? x : y) / (double) steps;
                img.set(x, y, lerp(from, to, t));
            }
        }
        return img;
    }

    /** Squares of {@code cell} pixels alternating {@code a} and {@code b}; the top-left square is {@code a}. */
    public static RasterImage checkerboard(int width, int height, int cell, int a, int b) {
        if (cell <= 0) {
            throw new IllegalArgumentException("cell must be positive: " + cell);
        }
        RasterImage img = RasterImage.blank(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.set(x, y, ((x / cell) + (y / cell)) % 2 == 0 ? a : b);
            }
        }
        return img;
    }

    /**
     * Rectangles and ellipses of random colours on a plain background, one per cell of a
     * {@code cols × rows} grid so they never overlap; their bounds are returned with the image.
     */
    public static ShapeScene shapes(int width, int height, int cols, int rows, long seed) {
        SplitMix rng = new SplitMix(seed);
        int background = RasterImage.rgb(235, 235, 235);
        RasterImage img = RasterImage.blank(width, height);
        java.util.Arrays.fill(img.argb(), background);
        int cellW = width / cols;
        int cellH = height / rows;
        if (cellW < 4 || cellH < 4) {
            throw new IllegalArgumentException("cells too small: " + cellW + "x" + cellH);
        }
        List<PlacedShape> shapes = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // Size between half and all of the cell (minus a 1 px margin), placed at a random offset.
                int w = cellW / 2 + rng.nextInt(cellW / 2 - 1);
                int h = cellH / 2 + rng.nextInt(cellH / 2 - 1);
                int x = c * cellW + 1 + rng.nextInt(cellW - w - 1);
                int y = r * cellH + 1 + rng.nextInt(cellH - h - 1);
                int color = RasterImage.rgb(rng.nextInt(200), rng.nextInt(200), rng.nextInt(200));
                PlacedShape.Kind kind = rng.nextInt(2) == 0 ? PlacedShape.Kind.RECTANGLE : PlacedShape.Kind.ELLIPSE;
                PlacedShape s = new PlacedShape(kind, x, y, w, h, color);
                draw(img, s);
                shapes.add(s);
            }
        }
        return new ShapeScene(img, background, List.copyOf(shapes));
    }

    /**
     * Grey value noise: random values on a lattice every {@code cell} pixels, smoothly interpolated,
     * summed over {@code octaves} (each half the cell size and half the amplitude).
     */
    public static RasterImage valueNoise(int width, int height, int cell, int octaves, long seed) {
        if (cell < 1 || octaves < 1) {
            throw new IllegalArgumentException("cell and octaves must be >= 1");
        }
        double[] sum = new double[width * height];
        double amplitude = 1;
        double total = 0;
        int c = cell;
        SplitMix rng = new SplitMix(seed);
        for (int o = 0; o < octaves; o++, c = Math.max(1, c / 2), amplitude /= 2) {
            int gw = width / c + 2;
            int gh = height / c + 2;
            double[] lattice = new double[gw * gh];
            for (int i = 0; i < lattice.length; i++) {
                lattice[i] = rng.nextDouble();
            }
            for (int y = 0; y < height; y++) {
                int gy = y / c;
                double fy = smooth((y % c) / (double) c);
                for (int x = 0; x < width; x++) {
                    int gx = x / c;
                    double fx = smooth((x % c) / (double) c);
                    double top = mix(lattice[gy * gw + gx], lattice[gy * gw + gx + 1], fx);
                    double bottom = mix(lattice[(gy + 1) * gw + gx], lattice[(gy + 1) * gw + gx + 1], fx);
                    sum[y * width + x] += amplitude * mix(top, bottom, fy);
                }
            }
            total += amplitude;
        }
        RasterImage img = RasterImage.blank(width, height);
        for (int i = 0; i < sum.length; i++) {
            int v = (int) Math.round(255 * sum[i] / total);
            img.argb()[i] = RasterImage.rgb(v, v, v);
        }
        return img;
    }

    private static void draw(RasterImage img, PlacedShape s) {
        double rx = s.w() / 2.0;
        double ry = s.h() / 2.0;
        for (int y = s.y(); y < s.y() + s.h(); y++) {
            for (int x = s.x(); x < s.x() + s.w(); x++) {
                boolean inside = s.kind() == PlacedShape.Kind.RECTANGLE
                        || sq((x + 0.5 - s.x() - rx) / rx) + sq((y + 0.5 - s.y() - ry) / ry) <= 1;
                if (inside) {
                    img.set(x, y, s.argb());
                }
            }
        }
    }

    private static int lerp(int from, int to, double t) {
        int a = (int) Math.round(mix(from >>> 24, to >>> 24, t));
        int r = (int) Math.round(mix((from >> 16) & 0xFF, (to >> 16) & 0xFF, t));
        int g = (int) Math.round(mix((from >> 8) & 0xFF, (to >> 8) & 0xFF, t));
        int b = (int) Math.round(mix(from & 0xFF, to & 0xFF, t));
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    private static double mix(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double sq(double v) {
        return v * v;
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed forever, unlike java.util generators. */
    static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            this.state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, bound); bound > 0. */
        int nextInt(int bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("bound must be positive: " + bound);
            }
            return (int) Math.floorMod(nextLong(), (long) bound);
        }

        /** Uniform in [0, 1). */
        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }
    }
}
