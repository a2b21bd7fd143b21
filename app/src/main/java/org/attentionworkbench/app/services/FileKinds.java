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

    /** Smallest width of a plain 2:1 image taken for a panorama (smaller 2:1 images stay ordinary images). */
    public static final int MIN_PANORAMA_WIDTH = 2048;

    /**
     * An equirectangular panorama: a JPEG with GPano XMP, or a JPEG/PNG exactly 2:1 and at least
     * {@link #MIN_PANORAMA_WIDTH} wide (read from its header only).
     */
    public static boolean isPanorama(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (org.attentionworkbench.compute.panorama.GPano.read(file).gpano().isPresent()) {
            return true;
        }
        int[] size = ImageHeader.size(file);
        return size != null && size[0] >= MIN_PANORAMA_WIDTH && size[0] == 2 * size[1];
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
