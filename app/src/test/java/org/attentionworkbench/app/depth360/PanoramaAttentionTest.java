package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.panorama.ErpPixels;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.depth.PanoramaLayouts;
import org.attentionworkbench.compute.panorama.tokens.PatchTokens;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attention under the pointer with the tiny random-weight Depth Anything (3×3 tokens). */
class PanoramaAttentionTest {
    static final Path TINY = Path.of("..", "compute", "src", "test", "resources", "goldens", "depthanything", "hf");
    private static Device device;

    @BeforeAll
    static void open() {
        device = Devices.open("java").device();
    }

    @AfterAll
    static void close() {
        device.close();
    }

    @Test
    void theHoveredTokensRowIsReprojectedOntoTheNearestPatch() {
        LoadedPanorama room = Depth360Service.sampleRoom(256, 128);
        try (PanoramaAttention a = new PanoramaAttention()) {
            a.open(TINY, device);
            assertEquals(4, a.layersAndHeads()[0]);
            assertEquals(2, a.layersAndHeads()[1]);
            double lon = Math.toRadians(50), lat = Math.toRadians(-10);
            PanoramaAttention.Request q = new PanoramaAttention.Request(room, lon, lat,
                    new PanoramaAttention.Explore(2, -1, HeadFusion.MEAN), 360);
            PanoramaAttention.Result r = a.run(q, () -> false);
            assertNotNull(r);
            TangentLayout layout = PanoramaLayouts.named(PanoramaAttention.LAYOUT, 256, Double.NaN,
                    PanoramaAttention.PATCH_PIXELS);
            assertEquals(PatchTokens.nearestPatch(layout, lon, -lat), r.patch());
            assertEquals(3, r.gridH());
            assertEquals(3, r.gridW());
            assertEquals(360, r.width());
            assertEquals(180, r.height());
            // the map has a value under the pointer, NaN on the far side, and its values are one attention row
            ErpPixels px = ErpPixels.PIXEL_CENTERS;
            int c = (int) Math.round(px.column(lon, 360)), row = (int) Math.round(px.row(lat, 180));
            assertTrue(Float.isFinite(r.map()[row * 360 + c]));
            int far = (int) Math.round(px.column(lon - Math.PI, 360));
            assertTrue(Float.isNaN(r.map()[90 * 360 + far]));
            java.util.Set<Float> distinct = new java.util.TreeSet<>();
            for (float v : r.map()) {
                if (!Float.isNaN(v)) {
                    assertTrue(v >= 0 && v <= 1, "attention " + v);
                    distinct.add(v);
                }
            }
            assertTrue(distinct.size() <= 9 && distinct.size() >= 2, "one value per token: " + distinct);
            assertEquals(r.token(), PatchTokens.tokenAt(layout.patch(r.patch()), 3, 3, lon, -lat));

            // a head differs from the mean in general, and a stale request gives nothing
            PanoramaAttention.Result h0 = a.run(new PanoramaAttention.Request(room, lon, lat,
                    new PanoramaAttention.Explore(2, 0, HeadFusion.MEAN), 360), () -> false);
            assertEquals(r.patch(), h0.patch());
            assertTrue(h0.description().contains("head 0"), h0.description());
            assertNull(a.run(new PanoramaAttention.Request(room, -lon, lat,
                    new PanoramaAttention.Explore(1, -1, HeadFusion.MAX), 360), () -> true));
        }
    }

    @Test
    void noCatalogModelInAnEmptyCache(@org.junit.jupiter.api.io.TempDir Path cache) {
        assertTrue(PanoramaAttention.installedCatalogModel(cache).isEmpty());
    }
}
