package org.attentionworkbench.compute.panorama.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.depth.BoxRoom;
import org.junit.jupiter.api.Test;

class PatchAlignerTest {
    /** Exact planar inverse depth of the box room per patch, spoiled by known affines a·(1/z) + b. */
    private static List<float[]> spoiled(TangentLayout layout, double[] a, double[] b) {
        List<float[]> out = new ArrayList<>();
        for (int p = 0; p < layout.size(); p++) {
            float[] z = BoxRoom.planar(layout.patch(p));
            float[] d = new float[z.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (a[p] / z[i] + b[p]);
            }
            out.add(d);
        }
        return out;
    }

    @Test
    void recoversKnownPerPatchAffines() {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 48);
        int n = layout.size();
        double[] a = new double[n];
        double[] b = new double[n];
        SplittableRandom rng = new SplittableRandom(11);
        for (int p = 0; p < n; p++) {
            a[p] = 0.3 + 3 * rng.nextDouble();
            b[p] = -0.5 + rng.nextDouble();
        }
        AlignedPatches r = PatchAligner.align(spoiled(layout, a, b), layout, AlignmentSettings.AFFINE, null);
        // aligned = s·d + o = s·a/z + (s·b + o): every s·a must be the same k and every s·b + o zero
        double k = r.affines().get(0).scale() * a[0];
        for (int p = 0; p < n; p++) {
            PatchAffine f = r.affines().get(p);
            assertEquals(1, f.scale() * a[p] / k, 2e-3, "scale of patch " + p);
            assertEquals(0, (f.scale() * b[p] + f.offset()) / k, 2e-3, "offset of patch " + p);
        }
        assertTrue(r.rmsMismatchBefore() > 0.1, "raw patches disagree: " + r.rmsMismatchBefore());
        assertTrue(r.rmsMismatchAfter() < 2e-3, "aligned patches agree: " + r.rmsMismatchAfter());
    }

    /** Scale varying across each patch (a bilinear ramp) is beyond AFFINE, within GRID's reach. */
    @Test
    void gridFollowsSmoothlyVaryingScale() {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 48);
        List<float[]> maps = new ArrayList<>();
        for (int p = 0; p < layout.size(); p++) {
            TangentPatch patch = layout.patch(p);
            float[] z = BoxRoom.planar(patch);
            float[] d = new float[z.length];
            double tilt = 0.15 * ((p % 3) - 1);
            for (int r = 0; r < patch.height(); r++) {
                for (int c = 0; c < patch.width(); c++) {
                    double s = (1 + 0.2 * p) * (1 + tilt * (c / (patch.width() - 1.0) - 0.5));
                    d[r * patch.width() + c] = (float) (s / z[r * patch.width() + c]);
                }
            }
            maps.add(d);
        }
        AlignedPatches affine = PatchAligner.align(maps, layout, AlignmentSettings.AFFINE, null);
        AlignedPatches grid = PatchAligner.align(maps, layout,
                new AlignmentSettings(AlignmentMethod.GRID, new GridSize(4, 4), 0.01, 2000), null);
        assertTrue(grid.rmsMismatchAfter() < 0.5 * affine.rmsMismatchAfter(),
                "grid " + grid.rmsMismatchAfter() + " vs affine " + affine.rmsMismatchAfter());
    }

    @Test
    void noneKeepsThePatchesAndBadInputIsRefused() {
        TangentLayout layout = TangentLayout.omnifusion(4, 80, 16);
        List<float[]> maps = spoiled(layout, filled(18, 2.0), filled(18, 0.1));
        AlignedPatches r = PatchAligner.align(maps, layout, AlignmentSettings.NONE, null);
        assertEquals(maps.get(3)[7], r.inverseDepth().get(3)[7]);
        assertThrows(IllegalArgumentException.class,
                () -> PatchAligner.align(maps.subList(0, 5), layout, AlignmentSettings.AFFINE, null));
        TangentLayout apart = new TangentLayout("apart", List.of(
                new TangentPatch(0, 0, -0.2, 0.2, -0.2, 0.2, 8, 8), new TangentPatch(Math.PI, 0, -0.2, 0.2, -0.2, 0.2, 8, 8)));
        List<float[]> two = List.of(filled(64, 1f), filled(64, 2f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatchAligner.align(two, apart, AlignmentSettings.AFFINE, null));
        assertTrue(e.getMessage().contains("do not overlap"), e.getMessage());
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
