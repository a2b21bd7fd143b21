package org.attentionworkbench.compute.depth.metrics;

/**
 * Which ground-truth depths count: finite, {@code > minDepth} and {@code <= maxDepth} (and always > 0).
 * OmniFusion's loaders (see shared research depth360.md §1) use (0.1, 8] m for Stanford2D3D and a
 * 10 m cap for Matterport3D; {@link #STANFORD2D3D} and {@link #MATTERPORT3D} are those.
 */
public record ValidRange(double minDepth, double maxDepth) {
    /** Any finite positive depth. */
    public static final ValidRange ANY = new ValidRange(0, Double.POSITIVE_INFINITY);
    public static final ValidRange STANFORD2D3D = new ValidRange(0.1, 8);
    public static final ValidRange MATTERPORT3D = new ValidRange(0, 10);

    public ValidRange {
        if (!(minDepth >= 0) || !(maxDepth > minDepth) || Double.isInfinite(minDepth)) {
            throw new IllegalArgumentException("valid depth range needs 0 <= min < max, got (" + minDepth + ", "
                    + maxDepth + "]");
        }
    }

    /** True if this ground-truth depth is one to score. */
    public boolean accepts(double depth) {
        return Double.isFinite(depth) && depth > 0 && depth > minDepth && depth <= maxDepth;
    }
}
