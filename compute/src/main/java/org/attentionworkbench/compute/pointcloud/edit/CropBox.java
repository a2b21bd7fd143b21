package org.attentionworkbench.compute.pointcloud.edit;

import org.attentionworkbench.compute.pointcloud.PointCloud;

/**
 * An axis-aligned box that keeps the points inside it (or outside). Corners in world coordinates
 * (the cloud's origin added back, as {@link PointCloud#bounds()} reports them) or in the cloud's
 * local float coordinates. The faces belong to the inside. A point with a non-finite coordinate is
 * never inside.
 */
public record CropBox(double minX, double minY, double minZ, double maxX, double maxY, double maxZ, boolean world,
        Keep keep) implements CloudEdit.Selection {
    public CropBox {
        if (!(minX <= maxX && minY <= maxY && minZ <= maxZ)) {
            throw new IllegalArgumentException("crop box min must not exceed max: [" + minX + ", " + minY + ", "
                    + minZ + "] .. [" + maxX + ", " + maxY + ", " + maxZ + "]");
        }
        java.util.Objects.requireNonNull(keep, "keep");
    }

    /** A box in world coordinates. */
    public static CropBox world(double[] min, double[] max, Keep keep) {
        return new CropBox(min[0], min[1], min[2], max[0], max[1], max[2], true, keep);
    }

    /** A box in the cloud's local coordinates. */
    public static CropBox local(double[] min, double[] max, Keep keep) {
        return new CropBox(min[0], min[1], min[2], max[0], max[1], max[2], false, keep);
    }

    @Override
    public String name() {
        return keep == Keep.INSIDE ? "crop box" : "crop box (keep outside)";
    }

    @Override
    public int[] keptIndices(PointCloud cloud) {
        double[] o = world ? cloud.origin() : new double[3];
        // the box in local coordinates, compared in double so world boxes keep their precision
        double x0 = minX - o[0], y0 = minY - o[1], z0 = minZ - o[2];
        double x1 = maxX - o[0], y1 = maxY - o[1], z1 = maxZ - o[2];
        float[] p = cloud.xyz();
        return Indices.where(cloud.size(), i -> {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            boolean inside = x >= x0 && x <= x1 && y >= y0 && y <= y1 && z >= z0 && z <= z1;
            return keep.keeps(inside);
        });
    }
}
