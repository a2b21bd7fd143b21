package org.attentionworkbench.app.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.PointClouds;

/**
 * Which page opens a file: images by their usual extensions; point clouds by a point-cloud
 * extension, a Potree folder or {@code cloud.js}, or, for other names, by content (the formats'
 * magic). So {@code ./workbench scan.ply}, drag and drop and the recent list go to the right page.
 */
public final class FileKinds {
    private static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "webp", "pgm",
            "ppm", "pnm");
    private static final Set<String> CLOUDS = Set.of("ply", "pcd", "las", "laz", "xyz", "pts", "js");

    private FileKinds() {
    }

    public static boolean isPointCloud(Path file) {
        if (Files.isDirectory(file)) {
            return true; // a Potree folder (or a folder of tiles): the point-cloud reader says if it is not
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (IMAGES.contains(ext)) {
            return false;
        }
        if (CLOUDS.contains(ext)) {
            return true;
        }
        for (PointCloudFormat f : PointClouds.formats()) {
            if (f.extensions().contains(ext) && !ext.equals("txt") && !ext.equals("csv")) {
                return true;
            }
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            PointClouds.detect(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
