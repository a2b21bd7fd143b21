package org.attentionworkbench.compute.pointcloud;

/** An axis-aligned box in the cloud's world coordinates (origin added back). */
public record Bounds(double minX, double minY, double minZ, double maxX, double maxY, double maxZ) {
    public static final Bounds EMPTY = new Bounds(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public boolean isEmpty() {
        return Double.isNaN(minX);
    }

    public double[] min() {
        return new double[] {minX, minY, minZ};
    }

    public double[] max() {
        return new double[] {maxX, maxY, maxZ};
    }

    public double[] center() {
        return new double[] {(minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2};
    }

    /** Length of the box's diagonal (0 for one point, NaN when empty). */
    public double diagonal() {
        double dx = maxX - minX;
        double dy = maxY - minY;
        double dz = maxZ - minZ;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    public boolean contains(double x, double y, double z) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY && z >= minZ && z <= maxZ;
    }
}
