package org.attentionworkbench.compute.pointcloud.edit;

import org.attentionworkbench.compute.pointcloud.PointCloud;

/**
 * One edit of a cloud, as {@link EditHistory} applies it. Two kinds: a {@link Selection} keeps some
 * of the points as they are (crop box, polygon, random subsample), so the history can store it as
 * indices; a {@link Resample} makes new points (voxel subsample).
 */
public sealed interface CloudEdit permits CloudEdit.Selection, CloudEdit.Resample {
    /** What the edit is, for the history ("crop box"). */
    String name();

    /** An edit that keeps a subset of the points, every attribute with them. */
    non-sealed interface Selection extends CloudEdit {
        /** The indices of the points kept, ascending. */
        int[] keptIndices(PointCloud cloud);
    }

    /** An edit that makes a new cloud. */
    non-sealed interface Resample extends CloudEdit {
        PointCloud apply(PointCloud cloud);
    }
}
