package org.attentionworkbench.samples.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.attentionworkbench.compute.depth.metrics.Alignment;
import org.attentionworkbench.compute.depth.metrics.DepthMetrics;
import org.attentionworkbench.compute.depth.metrics.DepthScores;
import org.attentionworkbench.compute.depth.metrics.ValidRange;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.align.AlignmentMethod;
import org.attentionworkbench.compute.panorama.align.AlignmentSettings;
import org.attentionworkbench.compute.panorama.depth.MetricScale;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthPipeline;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthRequest;
import org.attentionworkbench.compute.panorama.depth.PanoramaDepthResult;
import org.attentionworkbench.compute.panorama.depth.PanoramaLayouts;
import org.attentionworkbench.compute.panorama.depth.SimulatedPatchModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulated model (ground truth cut into patches, a random affine and 1 % noise per patch) through
 * alignment and blending must give back a furnished room's radial depth: AbsRel ≤ 0.02 after one global
 * median scale, on every layout.
 */
class RoomPanoramaDepthTest {
    static PanoramaDepthResult run(RoomRender room, String layoutName, AlignmentMethod method, Blend blend, long seed)
            throws Exception {
        Equirect grid = new Equirect(room.width(), room.height());
        TangentLayout layout = PanoramaLayouts.named(layoutName, room.width(), Double.NaN, 0);
        SimulatedPatchModel model = new SimulatedPatchModel(room.depth(), grid, seed, SimulatedPatchModel.DEFAULT_NOISE);
        return PanoramaDepthPipeline.run(PanoramaDepthRequest.of(room.image(), layout, AlignmentSettings.of(method), blend),
                model, null);
    }

    @ParameterizedTest
    @CsvSource({"18, AFFINE, FRUSTUM", "10, AFFINE, MEAN", "26, GRID, FRUSTUM", "46, AFFINE, POISSON",
            "ico20, GRID, POISSON", "18, NONE, MEAN"})
    void simulatedModelRecoversTheRoom(String layout, AlignmentMethod method, Blend blend) throws Exception {
        RoomRender room = SyntheticRoom.random(7).renderEndpoints(256, 128);
        PanoramaDepthResult r = run(room, layout, method, blend, 3);
        DepthScores s = DepthMetrics.evaluate(r.depth(), room.depth(), r.covered(), ValidRange.ANY, Alignment.MEDIAN);
        System.out.printf(Locale.ROOT, "layout %s %s %s: AbsRel %.4f RMSE %.4f d1 %.4f covered %.4f mismatch %.4f -> %.4f %d ms%n",
                layout, method, blend, s.absRel(), s.rmse(), s.delta1(), r.coveredFraction(),
                r.alignment().rmsMismatchBefore(), r.alignment().rmsMismatchAfter(), r.millis());
        assertEquals(1.0, r.coveredFraction(), 1e-9, "every default layout covers the sphere");
        if (method == AlignmentMethod.NONE) {
            assertTrue(s.absRel() > 0.1, "unaligned patches must be far off, else the test proves nothing: " + s);
        } else {
            assertTrue(s.absRel() <= 0.02, "AbsRel " + s.absRel());
        }
    }

    /** A relative result put into metres from the known camera height, or from one known distance. */
    @Test
    void metricScaleFromCameraHeightAndFromADistance() throws Exception {
        SyntheticRoom world = SyntheticRoom.random(12, 1.3);
        RoomRender room = world.renderEndpoints(256, 128);
        PanoramaDepthResult r = run(room, "18", AlignmentMethod.AFFINE, Blend.FRUSTUM, 5);
        Equirect grid = r.grid();
        double raw = DepthMetrics.evaluate(r.depth(), room.depth(), null, ValidRange.ANY, Alignment.NONE).absRel();
        assertTrue(raw > 0.2, "the relative result is not in metres yet: " + raw);

        MetricScale.Estimate h = MetricScale.fromCameraHeight(r.depth(), r.covered(), grid, world.cameraZ());
        double byHeight = DepthMetrics.evaluate(MetricScale.apply(r.depth(), h.factor()), room.depth(), null,
                ValidRange.ANY, Alignment.NONE).absRel();
        assertTrue(byHeight < 0.03, "AbsRel after the camera-height scale " + byHeight);
        // the floor under the camera of the ground truth itself is exactly the camera height
        assertEquals(world.cameraZ(), MetricScale.fromCameraHeight(room.depth(), null, grid, 1).measured(), 0.02);

        // two wall points on the horizon, 90° apart: their true distance from the ground truth
        double row = (grid.height() - 1) / 2.0;
        double c1 = grid.column(0);
        double c2 = grid.column(Math.PI / 2);
        double[] a = MetricScale.point(room.depth(), grid, c1, row);
        double[] b = MetricScale.point(room.depth(), grid, c2, row);
        double metres = Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
        MetricScale.Estimate d = MetricScale.fromKnownDistance(r.depth(), grid, c1, row, c2, row, metres);
        double byDistance = DepthMetrics.evaluate(MetricScale.apply(r.depth(), d.factor()), room.depth(), null,
                ValidRange.ANY, Alignment.NONE).absRel();
        assertTrue(byDistance < 0.03, "AbsRel after the known-distance scale " + byDistance);
    }
}
