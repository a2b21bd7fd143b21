package org.attentionworkbench.app.pointcloud;

import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.lod.Octree;

/** The level-of-detail octree of one cloud and that cloud's xyz in octree order (what the renderer slices). */
public record Lod(PointCloud cloud, Octree octree, float[] xyz) {
    public static Lod of(PointCloud cloud, Octree octree) {
        return new Lod(cloud, octree, DrawList.octreeXyz(cloud, octree));
    }
}
