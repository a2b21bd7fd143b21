package org.attentionworkbench.app.colorize;

/** A chroma pair in CIE Lab (D65): what a hint carries; the lightness comes from the image. */
public record AbColour(float a, float b) {
    public static final AbColour NEUTRAL = new AbColour(0, 0);

    /** Same colour to a tenth of a unit (recent colours keep one entry per colour). */
    public boolean near(AbColour o) {
        return Math.abs(a - o.a) < 0.1f && Math.abs(b - o.b) < 0.1f;
    }
}
