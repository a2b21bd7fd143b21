package org.attentionworkbench.app.depth360.view;

/** Style classes of the 360° depth page (see depth360.css); use these constants, never string literals. */
public final class Depth360Styles {
    public static final String STYLESHEET = "depth360.css";

    public static final String WORKSPACE = "depth360-workspace";
    public static final String TOOLBAR = "depth360-toolbar";
    public static final String STATUS = "depth360-status";
    public static final String VIEW_HOST = "depth360-view-host";
    public static final String PLACEHOLDER = "depth360-placeholder";
    public static final String FOV_LABEL = "depth360-fov";

    private Depth360Styles() {}

    public static String stylesheet() {
        return Depth360Styles.class.getResource(STYLESHEET).toExternalForm();
    }
}
