package org.attentionworkbench.app.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the app remembers between runs. A plain data object (Gson writes the fields;
 * {@link SettingsJson} reads them one by one, so one bad value costs only that value); missing or
 * invalid values from an older or hand-edited file are repaired by {@link #normalized()}.
 */
public final class Settings {
    public static final int MAX_RECENT = 10;
    public static final String DEFAULT_DEVICE = "auto";
    public static final String DEFAULT_THEME = "PRIMER_LIGHT";
    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 820;
    /**
     * Window sizes kept, in pixels: smaller cannot show the app, larger is no screen there is (a
     * 1e9-pixel window is a white one). The window is fitted to the actual screen when it opens.
     */
    public static final double MIN_WINDOW_WIDTH = 200;
    public static final double MIN_WINDOW_HEIGHT = 150;
    public static final double MAX_WINDOW_SIZE = 16384;
    public static final String DEFAULT_POINT_RENDERER = "auto";
    /** Cameras remembered, one per point-cloud file. */
    public static final int MAX_CAMERAS = 50;

    private String device = DEFAULT_DEVICE;
    private String theme = DEFAULT_THEME;
    private List<String> recentFiles = new ArrayList<>();
    private double windowWidth = DEFAULT_WIDTH;
    private double windowHeight = DEFAULT_HEIGHT;
    private String pointRenderer = DEFAULT_POINT_RENDERER;
    /** The last camera per point-cloud file (path → encoded camera), most recent last. */
    private Map<String, String> pointCloudCameras = new LinkedHashMap<>();

    public String device() { return device; }
    public void setDevice(String device) { this.device = device == null || device.isBlank() ? DEFAULT_DEVICE : device.trim(); }

    /** The theme's enum name (see {@code layout.Theme}); kept as text so the model needs no UI types. */
    public String theme() { return theme; }
    public void setTheme(String theme) { this.theme = theme == null || theme.isBlank() ? DEFAULT_THEME : theme; }

    /** The point renderer chosen on the Point clouds page: auto, gl or java. */
    public String pointRenderer() { return pointRenderer; }
    public void setPointRenderer(String r) {
        this.pointRenderer = r == null || !List.of("auto", "gl", "java").contains(r) ? DEFAULT_POINT_RENDERER : r;
    }

    /** The camera last used on {@code file} (as {@code Camera.encode} wrote it), or null. */
    public String pointCloudCamera(String file) {
        return pointCloudCameras.get(file);
    }

    /** Remembers a file's camera, forgetting the oldest beyond {@link #MAX_CAMERAS}. */
    public void setPointCloudCamera(String file, String camera) {
        if (file == null || camera == null || camera.isBlank()) {
            return;
        }
        pointCloudCameras.remove(file);
        pointCloudCameras.put(file, camera);
        while (pointCloudCameras.size() > MAX_CAMERAS) {
            pointCloudCameras.remove(pointCloudCameras.keySet().iterator().next());
        }
    }

    /** Most recent first, at most {@link #MAX_RECENT}, no duplicates. */
    public List<String> recentFiles() { return List.copyOf(recentFiles); }

    public double windowWidth() { return windowWidth; }
    public double windowHeight() { return windowHeight; }

    /** Keeps the size when both sides are in range ({@link #validWidth}, {@link #validHeight}); else ignores it. */
    public void setWindowSize(double width, double height) {
        if (validWidth(width) && validHeight(height)) {
            this.windowWidth = width;
            this.windowHeight = height;
        }
    }

    public static boolean validWidth(double width) {
        return width >= MIN_WINDOW_WIDTH && width <= MAX_WINDOW_SIZE; // false for NaN too
    }

    public static boolean validHeight(double height) {
        return height >= MIN_WINDOW_HEIGHT && height <= MAX_WINDOW_SIZE;
    }

    /** Moves (or adds) a file to the front of the recent list, dropping the oldest beyond the cap. */
    public void addRecent(String path) {
        recentFiles.remove(path);
        recentFiles.add(0, path);
        while (recentFiles.size() > MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
    }

    public void removeRecent(String path) {
        recentFiles.remove(path);
    }

    /** This object with nulls, blanks, duplicates and out-of-range values replaced by defaults. */
    public Settings normalized() {
        setDevice(device);
        setTheme(theme);
        List<String> files = recentFiles == null ? List.of() : recentFiles;
        recentFiles = new ArrayList<>();
        for (int i = files.size() - 1; i >= 0; i--) {
            if (files.get(i) != null && !files.get(i).isBlank()) {
                addRecent(files.get(i));
            }
        }
        setPointRenderer(pointRenderer);
        Map<String, String> cams = pointCloudCameras == null ? Map.of() : pointCloudCameras;
        pointCloudCameras = new LinkedHashMap<>();
        cams.forEach(this::setPointCloudCamera);
        if (!validWidth(windowWidth)) {
            windowWidth = DEFAULT_WIDTH;
        }
        if (!validHeight(windowHeight)) {
            windowHeight = DEFAULT_HEIGHT;
        }
        return this;
    }
}
