package org.attentionworkbench.app.colorize.view;

/** Style classes of the Colorize page (see colorize.css); use these constants, never literals. */
public final class ColorizeStyles {
    public static final String STYLESHEET = "colorize.css";

    public static final String PAGE = "colorize-workspace";
    /** The toolbar and the status line under it. */
    public static final String TOP = "colorize-top";
    public static final String TOOLBAR = "colorize-toolbar";
    public static final String CANVAS = "colorize-canvas";
    public static final String CAPTION = "colorize-caption";
    public static final String SIDE = "colorize-side";
    public static final String SECTION_TITLE = "colorize-section-title";
    public static final String SWATCH = "colorize-swatch";
    public static final String SWATCHES = "colorize-swatches";
    public static final String GAMUT = "colorize-gamut";
    public static final String STATUS = "colorize-status";
    public static final String HELP = "colorize-help";

    private ColorizeStyles() {}

    public static String stylesheet() {
        return ColorizeStyles.class.getResource(STYLESHEET).toExternalForm();
    }
}
