package org.attentionworkbench.app.pointcloud.view;

/** Style classes of the Point clouds page (see pointcloud.css); use these constants, never string literals. */
public final class PointCloudStyles {
    public static final String STYLESHEET = "pointcloud.css";

    public static final String WORKSPACE = "pointcloud-workspace";
    public static final String TOOLBAR = "pointcloud-toolbar";
    public static final String STATUS = "pointcloud-status";
    public static final String SIDE = "pointcloud-side";
    public static final String FACTS = "pointcloud-facts";
    public static final String FACT_NAME = "pointcloud-fact-name";
    public static final String MEASUREMENT = "pointcloud-measurement";
    public static final String PLACEHOLDER = "pointcloud-placeholder";
    public static final String VIEW_HOST = "pointcloud-view-host";
    public static final String LEGEND = "pointcloud-legend";
    public static final String POLYGON_BAR = "pointcloud-polygon-bar";
    public static final String DEPTH_BUTTON = "pointcloud-depth-button";
    public static final String DEPTH_HELP = "pointcloud-depth-help";

    private PointCloudStyles() {}

    public static String stylesheet() {
        return PointCloudStyles.class.getResource(STYLESHEET).toExternalForm();
    }
}
