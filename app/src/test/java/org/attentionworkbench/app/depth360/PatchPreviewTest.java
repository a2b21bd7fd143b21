package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.depth.PatchDepth;
import org.junit.jupiter.api.Test;

/** Patches painted as they arrive, each put in radial depth on its own median scale. */
class PatchPreviewTest {
    @Test
    void eachPatchIsRadialOverItsMedianAndPaintsOnlyWhereItLooks() {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 16);
        TangentPatch patch = layout.patch(4); // an equator-row patch
        // a wall seen square-on: planar depth constant, so radial depth grows as √(1+x²+y²) to the corners
        float[] planar = new float[16 * 16];
        java.util.Arrays.fill(planar, 3f);
        float[] radial = PatchPreview.normalisedRadial(patch, new PatchDepth(planar, 16, 16, DepthKind.METRIC_METRES));
        double centre = Math.sqrt(1 + sq(patch.x(7.5)) + sq(patch.y(7.5)));
        double corner = Math.sqrt(1 + sq(patch.xMin()) + sq(patch.yMin()));
        assertTrue(radial[0] > radial[8 * 16 + 8], "corners are farther along their rays than the centre");
        assertEquals(corner / centre, radial[0] / radial[7 * 16 + 7], 0.02);
        // the same wall as relative inverse depth (any scale) gives the same normalised map
        float[] inverse = new float[planar.length];
        java.util.Arrays.fill(inverse, 7f);
        float[] fromInverse = PatchPreview.normalisedRadial(patch, new PatchDepth(inverse, 16, 16,
                DepthKind.RELATIVE_INVERSE));
        for (int i = 0; i < radial.length; i++) {
            assertEquals(radial[i], fromInverse[i], 1e-5);
        }

        PatchPreview preview = new PatchPreview(64, 32, ErpPixels.ENDPOINTS);
        assertTrue(Float.isNaN(preview.snapshot()[0]), "nothing before the first patch");
        preview.add(patch, new PatchDepth(planar, 16, 16, DepthKind.METRIC_METRES));
        float[] shot = preview.snapshot();
        int painted = 0;
        for (float v : shot) {
            painted += Float.isNaN(v) ? 0 : 1;
        }
        assertTrue(painted > 0 && painted < shot.length / 4, "one patch covers part of the panorama: " + painted);
        // the tangent point's pixel has the patch's centre value
        int col = (int) Math.round((patch.lon0() + Math.PI) / (2 * Math.PI) * 63);
        int row = (int) Math.round((patch.lat0() + Math.PI / 2) / Math.PI * 31); // Equirect: latitude grows downwards
        assertEquals(radial[8 * 16 + 8], shot[row * 64 + col], 0.01); // centre / the patch median
    }

    private static double sq(double v) {
        return v * v;
    }
}
