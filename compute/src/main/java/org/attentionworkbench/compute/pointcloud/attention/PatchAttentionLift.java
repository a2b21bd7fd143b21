package org.attentionworkbench.compute.pointcloud.attention;

import java.util.Objects;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;

/**
 * An image model's attention over patches lifted onto the points made from that image: each point
 * takes the value of the patch its source pixel ({@link Provenance}) falls in.
 *
 * <p>Pixel → patch goes through what the model's preprocessing did to the source image, with
 * {@link Preprocess}'s own sizes: the pixel's centre {@code (u + 0.5, v + 0.5)} is scaled to the
 * resized image and shifted by the centre crop, then divided by the patch size. For the attention
 * workspace's two modes, the square input the image is squashed to and the native grid, the grid
 * covers the whole image and this is exactly the workspace overlay's cell rule
 * ({@code HeatmapOverlay.cellAtImage}: column {@code ⌊(u + 0.5) · gridW / width⌋}). Pixels cut away by
 * a crop, and points without a source pixel, get NaN.
 */
public final class PatchAttentionLift {
    private PatchAttentionLift() {}

    /**
     * How a {@code sourceWidth × sourceHeight} image maps onto a {@code gridW × gridH} grid of
     * {@code patch}-pixel patches: the image is resized to {@code resizedW × resizedH}, then the
     * model's input is the {@code gridW·patch × gridH·patch} window at {@code (cropLeft, cropTop)}.
     */
    public record PatchGrid(int sourceWidth, int sourceHeight, int resizedW, int resizedH, int cropLeft, int cropTop,
            int patch, int gridW, int gridH) {
        public PatchGrid {
            if (sourceWidth <= 0 || sourceHeight <= 0 || resizedW <= 0 || resizedH <= 0 || patch <= 0 || gridW <= 0
                    || gridH <= 0) {
                throw new IllegalArgumentException("sizes must be positive: source " + sourceWidth + "×"
                        + sourceHeight + ", resized " + resizedW + "×" + resizedH + ", patch " + patch + ", grid "
                        + gridW + "×" + gridH);
            }
        }

        /**
         * The whole image resized to the grid (the workspace's squashed square input and its native
         * grid both do this); {@code patch} is 1 since only the proportions matter.
         */
        public static PatchGrid wholeImage(int sourceWidth, int sourceHeight, int gridW, int gridH) {
            return new PatchGrid(sourceWidth, sourceHeight, gridW, gridH, 0, 0, 1, gridW, gridH);
        }

        /** A model card's recipe as {@link Preprocess#apply} runs it: resize, then centre crop. */
        public static PatchGrid of(int sourceWidth, int sourceHeight, Preprocess.Recipe recipe, int patch) {
            int[] resized = Preprocess.resizedSize(sourceWidth, sourceHeight, recipe);
            int w = recipe.crop() > 0 ? recipe.crop() : resized[0];
            int h = recipe.crop() > 0 ? recipe.crop() : resized[1];
            int[] at = recipe.crop() > 0 ? Preprocess.centerCropOffset(resized[0], resized[1], w, h) : new int[2];
            return new PatchGrid(sourceWidth, sourceHeight, resized[0], resized[1], at[0], at[1], patch, w / patch,
                    h / patch);
        }

        /** {@link Preprocess#nativeGrid}'s input: the whole image snapped to multiples of the patch. */
        public static PatchGrid nativeGrid(int sourceWidth, int sourceHeight, int patch, int maxSide) {
            int[] wh = Preprocess.nativeSize(sourceWidth, sourceHeight, patch, maxSide);
            return new PatchGrid(sourceWidth, sourceHeight, wh[0], wh[1], 0, 0, patch, wh[0] / patch, wh[1] / patch);
        }

        /** The patch (row-major index) over source pixel (u, v), or -1 when the crop cut it away. */
        public int patchAt(int u, int v) {
            if (u < 0 || v < 0 || u >= sourceWidth || v >= sourceHeight) {
                return -1;
            }
            double x = (u + 0.5) * resizedW / sourceWidth - cropLeft;
            double y = (v + 0.5) * resizedH / sourceHeight - cropTop;
            int col = (int) Math.floor(x / patch);
            int row = (int) Math.floor(y / patch);
            if (col < 0 || row < 0 || col >= gridW || row >= gridH) {
                return -1;
            }
            return row * gridW + col;
        }
    }

    /** One value per point: the attention of the patch under its source pixel, NaN where there is none. */
    public static float[] lift(PointCloud cloud, PatchGrid grid, float[] patchAttention) {
        Provenance p = requireProvenance(cloud, grid);
        if (patchAttention.length != grid.gridW() * grid.gridH()) {
            throw new IllegalArgumentException("attention over " + patchAttention.length + " patches, the grid has "
                    + grid.gridW() + "×" + grid.gridH());
        }
        float[] out = new float[cloud.size()];
        for (int i = 0; i < out.length; i++) {
            int patch = grid.patchAt(p.u(i), p.v(i));
            out[i] = patch < 0 ? Float.NaN : patchAttention[patch];
        }
        return out;
    }

    /** The patch under point {@code point} (the query when the user picks it), or -1 when none. */
    public static int patchOf(PointCloud cloud, int point, PatchGrid grid) {
        Provenance p = requireProvenance(cloud, grid);
        return grid.patchAt(p.u(point), p.v(point));
    }

    private static Provenance requireProvenance(PointCloud cloud, PatchGrid grid) {
        Objects.requireNonNull(grid, "grid");
        Provenance p = cloud.provenance();
        if (p == null) {
            throw new IllegalArgumentException("the cloud has no source pixels: attention can be lifted only onto "
                    + "points made from an image");
        }
        if (p.width() != grid.sourceWidth() || p.height() != grid.sourceHeight()) {
            throw new IllegalArgumentException("the points come from a " + p.width() + "×" + p.height()
                    + " image" + (p.sourceImage() == null ? "" : " (" + p.sourceImage() + ")") + ", the grid was set up for "
                    + grid.sourceWidth() + "×" + grid.sourceHeight());
        }
        return p;
    }
}
