package org.attentionworkbench.compute.panorama.depth;

import java.util.List;
import org.attentionworkbench.compute.panorama.TangentLayout;

/**
 * The layouts offered by name ({@code 10}, {@code 18}, {@code 26}, {@code 46}: OmniFusion's 3–6 rows;
 * {@code ico20}: 360MonoDepth's icosahedron) with defaults scaled to the panorama.
 */
public final class PanoramaLayouts {
    public static final List<String> NAMES = List.of("18", "10", "26", "46", "ico20");
    /**
     * Default FOV of the 10-patch layout. At OmniFusion's 80° its 4 equator patches leave ~10 % of the
     * sphere unseen; 120° (extent ±1.047, 92.6° true angle) covers it all.
     */
    public static final double TEN_PATCH_FOV = 120;
    /** 360MonoDepth's face padding (gnomonic units). */
    public static final double ICO_PADDING = 0.3;

    private PanoramaLayouts() {}

    /**
     * @param fovDegrees OmniFusion FOV, or NaN for the default (80°, 120° for {@code 10}); ignored for ico20
     * @param patchSize patch width in pixels, or 0 for the default: OmniFusion's 256 at a 1024-wide
     *     panorama (width/4), 360MonoDepth's 400 at 2048 (width·400/2048) for ico20, at least 32
     */
    public static TangentLayout named(String name, int erpWidth, double fovDegrees, int patchSize) {
        int rows = switch (name) {
            case "10" -> 3;
            case "18" -> 4;
            case "26" -> 5;
            case "46" -> 6;
            case "ico20" -> 0;
            default -> throw new IllegalArgumentException("unknown layout '" + name + "': use one of " + NAMES);
        };
        if (rows == 0) {
            int size = patchSize > 0 ? patchSize : Math.max(32, erpWidth * 400 / 2048);
            return TangentLayout.icosahedron(size, ICO_PADDING);
        }
        double fov = Double.isNaN(fovDegrees) ? (rows == 3 ? TEN_PATCH_FOV : TangentLayout.OMNIFUSION_DEFAULT_FOV)
                : fovDegrees;
        int size = patchSize > 0 ? patchSize : Math.max(32, erpWidth / 4);
        return TangentLayout.omnifusion(rows, fov, size);
    }
}
