package org.attentionworkbench.compute.models.omnifusion;

/**
 * What one OmniFusion network is: its tangent layout ({@code rows} latitude rows → {@code patches}
 * patches of {@code patchSize}² pixels, field of view {@code fovDegrees} as OmniFusion's {@code --fov}),
 * and how it runs ({@code iterations}: 1, or 2 as test.py's {@code --iter 2}; {@code confidence}: merge
 * with the confidence head, which test.py does not ask for). Rows, patches and patch size come from the
 * checkpoint's shapes; the rest are {@link OmniFusionOptions}.
 */
public record OmniFusionConfig(int rows, int patches, int patchSize, double fovDegrees, int iterations,
        boolean confidence) {
    /** OmniFusion's {@code npatches_dict}: rows → patches. */
    static int patchesOfRows(int rows) {
        return switch (rows) {
            case 3 -> 10;
            case 4 -> 18;
            case 5 -> 26;
            case 6 -> 46;
            default -> -1;
        };
    }

    /** The inverse of {@link #patchesOfRows}, or −1 for a count OmniFusion has no layout for. */
    static int rowsOfPatches(int patches) {
        for (int rows = 3; rows <= 6; rows++) {
            if (patchesOfRows(rows) == patches) {
                return rows;
            }
        }
        return -1;
    }
}
