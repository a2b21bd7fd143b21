package org.attentionworkbench.samples.defects;

import org.attentionworkbench.samples.RasterImage;
import org.attentionworkbench.samples.Rng;

/**
 * Procedural textured surfaces, like the texture categories of MVTec AD (carpet, grid, leather, tile,
 * wood): each seed gives another piece of the same material.
 */
public enum Surface {
    /** Grey metal with long horizontal polishing streaks and a soft light gradient. */
    BRUSHED_METAL,
    /** A plain weave: alternating over/under threads, denim blue. */
    WOVEN_FABRIC,
    /** Growth rings bent by noise, light and dark brown. */
    WOOD_GRAIN,
    /** Sand-like grains with dark speckles. */
    GRANULAR;

    /** The clean surface, {@code width × height}, opaque. */
    public RasterImage render(int width, int height, long seed) {
        Noise n = new Noise(Rng.mix(seed, ordinal()));
        Rng r = new Rng(Rng.mix(seed, ordinal(), 1));
        // a random offset so each seed shows another part of the noise field
        double ox = r.range(0, 1000), oy = r.range(0, 1000);
        double period = r.range(7, 10), ringFreq = r.range(0.18, 0.3);
        RasterImage img = RasterImage.blank(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = x + ox, v = y + oy;
                int argb = switch (this) {
                    case BRUSHED_METAL -> {
                        double streak = n.fbm(u * 0.015, v * 0.9, 3) - 0.5;
                        double fine = n.value(u * 0.6, v * 2.5) - 0.5;
                        double g = 0.55 + 0.22 * streak + 0.06 * fine + 0.12 * ((double) y / height - 0.5);
                        yield grey(g, 0.0, 0.03);
                    }
                    case WOVEN_FABRIC -> {
                        long cx = (long) StrictMath.floor(u / period), cy = (long) StrictMath.floor(v / period);
                        boolean horizontalOnTop = ((cx + cy) & 1) == 0;
                        double across = horizontalOnTop ? (v - cy * period) / period : (u - cx * period) / period;
                        double thread = StrictMath.sin(StrictMath.PI * across);
                        double fuzz = n.fbm(u * 0.3, v * 0.3, 2) - 0.5;
                        double b = 0.35 + 0.4 * thread + 0.12 * fuzz + (horizontalOnTop ? 0.04 : -0.04);
                        yield RasterImage.rgb(level(0.35 * b), level(0.55 * b), level(0.95 * b));
                    }
                    case WOOD_GRAIN -> {
                        double bend = 25 * n.fbm(u * 0.008, v * 0.02, 3);
                        double rings = 0.5 + 0.5 * StrictMath.sin((v + bend) * ringFreq * 2 * StrictMath.PI / 6);
                        double grain = n.value(u * 0.05, v * 1.5) - 0.5;
                        double t = 0.25 + 0.6 * rings + 0.15 * grain;
                        yield RasterImage.rgb(level(0.45 + 0.3 * t), level(0.28 + 0.2 * t), level(0.12 + 0.1 * t));
                    }
                    case GRANULAR -> {
                        double grains = n.fbm(u * 0.25, v * 0.25, 4);
                        double speck = n.hash(Math.round(u * 3), Math.round(v * 3)) > 0.985 ? -0.25 : 0;
                        double t = 0.35 + 0.5 * grains + speck;
                        yield RasterImage.rgb(level(0.85 * t + 0.1), level(0.75 * t + 0.08), level(0.55 * t + 0.05));
                    }
                };
                img.set(x, y, argb);
            }
        }
        return img;
    }

    private static int grey(double g, double warm, double cool) {
        return RasterImage.rgb(level(g + warm), level(g), level(g + cool));
    }

    static int level(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
