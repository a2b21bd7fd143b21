package org.attentionworkbench.app.layout;

/** Style classes of the shell (see app.css); use these constants, never string literals. */
public final class AppStyles {
    public static final String STYLESHEET = "app.css";

    public static final String MAIN_WINDOW = "main-window";
    public static final String SIDEBAR = "sidebar";
    public static final String SIDEBAR_BUTTON = "sidebar-button";
    public static final String SIDEBAR_TITLE = "sidebar-title";
    public static final String WORKSPACE_HOST = "workspace-host";
    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_DEVICE = "status-device";
    public static final String STATUS_NOTE = "status-note";
    public static final String STATUS_POINTER = "status-pointer";
    public static final String STATUS_ZOOM = "status-zoom";
    public static final String STATUS_TASK = "status-task";

    private AppStyles() {}

    /** The shell's stylesheet URL. */
    public static String stylesheet() {
        return AppStyles.class.getResource(STYLESHEET).toExternalForm();
    }
}
