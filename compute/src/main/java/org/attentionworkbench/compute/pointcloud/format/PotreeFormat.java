package org.attentionworkbench.compute.pointcloud.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.ReadControl;

/**
 * A Potree 1.x octree read as one cloud: the folder holding {@code cloud.js}, or that file. Node by
 * node reading for level of detail is {@link PotreeIndex}.
 */
public final class PotreeFormat implements PointCloudFormat {
    @Override
    public String name() {
        return "Potree";
    }

    @Override
    public List<String> extensions() {
        return List.of("js");
    }

    /** JSON with the two keys only a Potree 1.x index has. */
    @Override
    public boolean sniff(byte[] head, String fileName) {
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("{") && text.contains("\"octreeDir\"") && text.contains("\"pointAttributes\"");
    }

    @Override
    public PointCloud read(Path file, ReadControl control) throws IOException {
        return PotreeIndex.open(file).readAll(control);
    }
}
