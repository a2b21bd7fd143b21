package org.attentionworkbench.viewers.points.render;

/**
 * How to draw a frame: size in physical pixels, point size in pixels (FIXED) or in multiples of the
 * spacing (ATTENUATED/ADAPTIVE, see {@link SizeMode}) clamped to [1, maxPointSize], Eye-Dome Lighting
 * (Potree: strength 1, radius 1.4 px by default) and the background colour (opaque ARGB).
 */
public record RenderSettings(int width, int height, float pointSize, SizeMode sizeMode, float spacing,
        float maxPointSize, boolean edl, float edlStrength, float edlRadius, int background) {
    public static final int DEFAULT_BACKGROUND = 0xFF202428;

    public RenderSettings {
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("frame size must be 1..16384 each: " + width + "x" + height);
        }
        if (!(pointSize > 0) || !(maxPointSize >= 1)) {
            throw new IllegalArgumentException("point size must be > 0 and max >= 1");
        }
    }

    public static RenderSettings of(int width, int height) {
        return new RenderSettings(width, height, 2f, SizeMode.FIXED, 0f, 64f, false, 1f, 1.4f, DEFAULT_BACKGROUND);
    }

    public RenderSettings withSize(int w, int h) {
        return new RenderSettings(w, h, pointSize, sizeMode, spacing, maxPointSize, edl, edlStrength, edlRadius,
                background);
    }

    public RenderSettings withPointSize(float size, SizeMode mode) {
        return new RenderSettings(width, height, size, mode, spacing, maxPointSize, edl, edlStrength, edlRadius,
                background);
    }

    public RenderSettings withEdl(boolean on, float strength, float radius) {
        return new RenderSettings(width, height, pointSize, sizeMode, spacing, maxPointSize, on, strength, radius,
                background);
    }

    public RenderSettings withBackground(int argb) {
        return new RenderSettings(width, height, pointSize, sizeMode, spacing, maxPointSize, edl, edlStrength,
                edlRadius, argb);
    }

    /** Spacing used by ATTENUATED for batches that do not give their own. */
    public RenderSettings withSpacing(float s) {
        return new RenderSettings(width, height, pointSize, sizeMode, s, maxPointSize, edl, edlStrength, edlRadius,
                background);
    }
}
