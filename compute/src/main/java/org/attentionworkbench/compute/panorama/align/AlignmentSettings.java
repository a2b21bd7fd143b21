package org.attentionworkbench.compute.panorama.align;

/**
 * Settings of {@link PatchAligner}.
 *
 * @param method none, affine or affine + grid
 * @param grid nodes per patch for GRID (360MonoDepth: 8×7 on a 400-pixel face)
 * @param smoothness weight of the grid's smoothness term (differences of neighbouring nodes) against the
 *     mean squared correspondence residual
 * @param samplesPerPatch about how many pixels of each patch are reprojected into the others (a
 *     regular subsample; 360MonoDepth keeps 0.1 % of all pixel correspondences)
 */
public record AlignmentSettings(AlignmentMethod method, GridSize grid, double smoothness, int samplesPerPatch) {
    public static final AlignmentSettings AFFINE = new AlignmentSettings(AlignmentMethod.AFFINE, new GridSize(1, 1), 0, 2000);
    public static final AlignmentSettings GRID = new AlignmentSettings(AlignmentMethod.GRID, new GridSize(4, 4), 1, 2000);
    public static final AlignmentSettings NONE = new AlignmentSettings(AlignmentMethod.NONE, new GridSize(1, 1), 0, 0);

    public AlignmentSettings {
        if (method == null || grid == null) {
            throw new IllegalArgumentException("alignment method and grid are required");
        }
        if (!(smoothness >= 0) || !Double.isFinite(smoothness)) {
            throw new IllegalArgumentException("smoothness must be finite and ≥ 0, got " + smoothness);
        }
        if (method != AlignmentMethod.NONE && (samplesPerPatch < 16 || samplesPerPatch > 1_000_000)) {
            throw new IllegalArgumentException("samples per patch must be 16…1000000, got " + samplesPerPatch);
        }
    }

    /** The settings for a method with its defaults. */
    public static AlignmentSettings of(AlignmentMethod method) {
        return switch (method) {
            case NONE -> NONE;
            case AFFINE -> AFFINE;
            case GRID -> GRID;
        };
    }
}
