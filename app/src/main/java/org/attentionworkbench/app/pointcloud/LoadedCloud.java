package org.attentionworkbench.app.pointcloud;

import java.nio.file.Path;
import org.attentionworkbench.compute.pointcloud.PointCloud;

/** A cloud read from a file: where from, the format's name ("PLY", "PCD", "LAS"...) and the points. */
public record LoadedCloud(Path file, String format, PointCloud cloud) {
    /** The file's name, or the folder's for a Potree cloud. */
    public String displayName() {
        Path name = file.getFileName();
        if (name != null && name.toString().equals("cloud.js") && file.getParent() != null) {
            name = file.getParent().getFileName();
        }
        return name == null ? file.toString() : name.toString();
    }
}
