package org.attentionworkbench.compute.pointcloud.format;

import java.nio.file.Path;
import org.attentionworkbench.compute.pointcloud.Bounds;

/**
 * One node of a Potree 1.x octree: {@code name} is "r" plus one digit 0–7 per level (bit 4 the +x
 * half, 2 the +y half, 1 the +z half of the parent), {@code bounds} its cube in world coordinates,
 * {@code spacing} the cloud's spacing / 2^level, {@code pointCount} what the hierarchy says (the node
 * file decides when they differ), {@code file} its LAS, LAZ or BIN file.
 */
public record PotreeNode(String name, int level, Bounds bounds, double spacing, long pointCount, Path file) {
    /** The name of this node's parent, or null for the root. */
    public String parentName() {
        return level == 0 ? null : name.substring(0, name.length() - 1);
    }
}
