package org.attentionworkbench.compute.panorama;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of tangent patches that together cover (most of) the sphere, in the order a model sees
 * them. Two families: OmniFusion's latitude rows and 360MonoDepth's 20 icosahedron faces.
 */
public final class TangentLayout {
    /** OmniFusion's default field of view, degrees ({@code --fov 80}). */
    public static final double OMNIFUSION_DEFAULT_FOV = 80;

    private final String name;
    private final List<TangentPatch> patches;

    public TangentLayout(String name, List<TangentPatch> patches) {
        if (patches.isEmpty()) {
            throw new IllegalArgumentException("a tangent layout needs at least one patch");
        }
        this.name = name;
        this.patches = List.copyOf(patches);
    }

    public String name() {
        return name;
    }

    public List<TangentPatch> patches() {
        return patches;
    }

    public int size() {
        return patches.size();
    }

    public TangentPatch patch(int index) {
        return patches.get(index);
    }

    /**
     * OmniFusion's layout for {@code rows} latitude rows (3, 4, 5 or 6 → 10, 18, 26, 46 patches),
     * from {@code equi2pers_v3.py}: rows from the top (most negative φ) down, and in each row n
     * columns at λ = (j + 0.5)·360/n − 180 degrees, left to right. The square patch spans
     * x, y ∈ ±π·fov/360 on the tangent plane: OmniFusion uses that number directly as the gnomonic
     * coordinate, so the true angular field of view is 2·atan(π·fov/360) (69.8° for fov 80), not fov.
     * For 3 rows the centres are ±60° as in equi2pers ({@code pers2equi} writes ±59.6).
     */
    public static TangentLayout omnifusion(int rows, double fovDegrees, int patchSize) {
        double[] latitudes;
        int[] columns;
        switch (rows) {
            case 3 -> {
                latitudes = new double[] {-60, 0, 60};
                columns = new int[] {3, 4, 3};
            }
            case 4 -> {
                latitudes = new double[] {-67.5, -22.5, 22.5, 67.5};
                columns = new int[] {3, 6, 6, 3};
            }
            case 5 -> {
                latitudes = new double[] {-72.2, -36.1, 0, 36.1, 72.2};
                columns = new int[] {3, 6, 8, 6, 3};
            }
            case 6 -> {
                latitudes = new double[] {-75.2, -45.93, -15.72, 15.72, 45.93, 75.2};
                columns = new int[] {3, 8, 12, 12, 8, 3};
            }
            default -> throw new IllegalArgumentException(
                    "OmniFusion has layouts for 3, 4, 5 or 6 latitude rows, not " + rows);
        }
        if (!(fovDegrees > 0 && fovDegrees < 180)) {
            throw new IllegalArgumentException("field of view must be in (0°, 180°), got " + fovDegrees + "°");
        }
        requirePatchSize(patchSize);
        double extent = omnifusionExtent(fovDegrees);
        List<TangentPatch> patches = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int n = columns[r];
            for (int j = 0; j < n; j++) {
                double lonDegrees = (j + 0.5) * 360.0 / n - 180;
                patches.add(new TangentPatch(Math.toRadians(lonDegrees), Math.toRadians(latitudes[r]),
                        -extent, extent, -extent, extent, patchSize, patchSize));
            }
        }
        return new TangentLayout("omnifusion-" + rows + "rows-fov" + fmt(fovDegrees), patches);
    }

    /**
     * Half-width of an OmniFusion patch on the tangent plane: x ∈ ±π·fov_w/360 and
     * y ∈ ±(π/2)·fov_h/180, the same number when fov_w = fov_h.
     */
    public static double omnifusionExtent(double fovDegrees) {
        return Math.PI * fovDegrees / 360;
    }

    /**
     * 360MonoDepth's 20 icosahedron faces ({@code projection_icosahedron.get_icosahedron_parameters},
     * used with width 400 and padding 0.3). Orientation is theirs, so their per-face results line up:
     * a vertex at each pole, the seam λ = −180° on a vertex meridian; faces 0–4 touch the top pole
     * (centres at λ = −144° + 72°·i), 5–9 sit below them (same λ), 10–14 and 15–19 are turned by 36°
     * (λ = −180° + 72°·i), 15–19 touching the bottom pole. Centre latitudes ∓(90° − acos(r_in/r_circ))
     * ≈ ∓52.62° and ∓(that − 2·acos(r_in/r_mid)) ≈ ∓10.81°, negative = top in our convention.
     *
     * <p>Each patch is the bounding box of its face triangle on the tangent plane after moving every
     * edge outwards by {@code padding} gnomonic units (their {@code polygon.enlarge_polygon}); the
     * triangle points to the pole for faces 0–4 and 10–14 and away from it otherwise. Width is
     * {@code patchSize}, height {@code int(patchSize/2/tan 30° + 0.5)} (346 for 400), as in
     * {@code erp2ico_image}.
     */
    public static TangentLayout icosahedron(int patchSize, double padding) {
        requirePatchSize(patchSize);
        if (!(padding >= 0 && padding < 10)) {
            throw new IllegalArgumentException("icosahedron padding must be in [0, 10) gnomonic units, got " + padding);
        }
        int height = (int) (patchSize / 2.0 / Math.tan(Math.toRadians(30)) + 0.5);
        requirePatchSize(height);
        double rCirc = Math.sin(2 * Math.PI / 5);
        double rIn = Math.sqrt(3) / 12 * (3 + Math.sqrt(5));
        double rMid = Math.cos(Math.PI / 5);
        double capLat = Math.PI / 2 - Math.acos(rIn / rCirc);
        double bandLat = capLat - 2 * Math.acos(rIn / rMid);
        // In-radius of the face triangle on its own tangent plane: half the circumradius tan(centre→vertex).
        double inRadius = Math.tan(Math.acos(rIn / rCirc)) / 2 + padding;
        double halfWidth = inRadius * Math.sqrt(3);
        double step = 2 * Math.PI / 5;
        List<TangentPatch> patches = new ArrayList<>();
        for (int face = 0; face < 20; face++) {
            int i = face % 5;
            int group = face / 5;
            double lon = group < 2 ? -Math.PI + step / 2 + i * step : -Math.PI + i * step;
            double lat = switch (group) {
                case 0 -> -capLat;
                case 1 -> -bandLat;
                case 2 -> bandLat;
                default -> capLat;
            };
            boolean apexUp = group == 0 || group == 2;
            double yMin = apexUp ? -2 * inRadius : -inRadius;
            double yMax = apexUp ? inRadius : 2 * inRadius;
            patches.add(new TangentPatch(lon, lat, -halfWidth, halfWidth, yMin, yMax, patchSize, height));
        }
        return new TangentLayout("icosahedron-" + patchSize + "-pad" + fmt(padding), patches);
    }

    private static void requirePatchSize(int size) {
        if (size < 2 || size > 16384) {
            throw new IllegalArgumentException("patch size must be 2 … 16384 pixels, got " + size);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return name + " (" + patches.size() + " patches)";
    }
}
