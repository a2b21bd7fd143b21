package org.attentionworkbench.app.layout;

import javafx.geometry.Rectangle2D;

/**
 * The main window's size: the remembered one, made to fit the screen it opens on. A size saved on a
 * larger monitor (or typed into the settings file) would otherwise give a window whose controls lie
 * off screen, or at absurd sizes one the renderer cannot draw at all (an all-white window).
 */
public record WindowSize(double width, double height) {
    /** Smallest useful window: the workspaces' toolbars and side panels need about this much. */
    public static final double MIN_WIDTH = 800;
    public static final double MIN_HEIGHT = 560;

    /**
     * {@code width × height} clamped to the visible part of the screen (without task bars), and no
     * smaller than {@link #minimum}. A non-finite size takes the whole visible area.
     */
    public static WindowSize fit(double width, double height, Rectangle2D visible) {
        WindowSize min = minimum(visible);
        return new WindowSize(clamp(width, min.width(), visible.getWidth()),
                clamp(height, min.height(), visible.getHeight()));
    }

    /** {@link #MIN_WIDTH} × {@link #MIN_HEIGHT}, or the visible area where the screen is smaller. */
    public static WindowSize minimum(Rectangle2D visible) {
        return new WindowSize(Math.min(MIN_WIDTH, visible.getWidth()), Math.min(MIN_HEIGHT, visible.getHeight()));
    }

    private static double clamp(double v, double min, double max) {
        if (!Double.isFinite(v)) {
            return max;
        }
        return Math.max(min, Math.min(max, v));
    }
}
