package org.attentionworkbench.samples.rooms;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.panorama.*;
import org.attentionworkbench.compute.panorama.align.*;
import org.attentionworkbench.compute.panorama.blend.*;
import org.attentionworkbench.compute.panorama.depth.*;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
    @Test
    void time() throws Exception {
        RoomRender room = SyntheticRoom.random(1).renderEndpoints(1024, 512);
        Equirect grid = new Equirect(1024, 512);
        TangentLayout layout = PanoramaLayouts.named("18", 1024, Double.NaN, 0);
        SimulatedPatchModel m = new SimulatedPatchModel(room.depth(), grid, 1, 0.01);
        long t = System.nanoTime();
        List<float[]> inv = new ArrayList<>();
        for (int p = 0; p < layout.size(); p++) inv.add(m.estimate(p, layout.patch(p), null).values());
        System.out.printf("estimate %.2f s%n", (System.nanoTime() - t) / 1e9); t = System.nanoTime();
        AlignedPatches a = PatchAligner.align(inv, layout, AlignmentSettings.AFFINE, null);
        System.out.printf("affine %.2f s it %d corr %d%n", (System.nanoTime() - t) / 1e9, a.iterations(), a.correspondences()); t = System.nanoTime();
        a = PatchAligner.align(inv, layout, AlignmentSettings.GRID, null);
        System.out.printf("grid %.2f s it %d%n", (System.nanoTime() - t) / 1e9, a.iterations()); t = System.nanoTime();
        List<float[]> radial = new ArrayList<>();
        for (int p = 0; p < layout.size(); p++) {
            float[] z = a.inverseDepth().get(p).clone();
            for (int i = 0; i < z.length; i++) z[i] = 1 / z[i];
            radial.add(DepthRays.radialFromPlanar(z, layout.patch(p)));
        }
        PanoramaBlending.blend(radial, layout, grid, Blend.FRUSTUM, null);
        System.out.printf("frustum %.2f s%n", (System.nanoTime() - t) / 1e9); t = System.nanoTime();
        PanoramaBlending.blend(radial, layout, grid, Blend.POISSON, null);
        System.out.printf("poisson %.2f s%n", (System.nanoTime() - t) / 1e9);
    }
}
