package org.attentionworkbench.compute.panorama.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.depth.metrics.Alignment;
import org.attentionworkbench.compute.depth.metrics.DepthMetrics;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.align.AlignmentSettings;
import org.junit.jupiter.api.Test;

class PanoramaDepthPipelineTest {
    private static final Equirect GRID = new Equirect(128, 64);
    private static final TangentLayout LAYOUT = PanoramaLayouts.named("18", 128, Double.NaN, 0);

    private static PanoramaDepthRequest request(AlignmentSettings a, Blend b) {
        return new PanoramaDepthRequest(new float[3 * 128 * 64], GRID, LAYOUT, a, b);
    }

    @Test
    void reportsEveryPatchAndRecoversTheBox() throws Exception {
        float[] gt = BoxRoom.erp(GRID);
        List<Integer> seen = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        PanoramaDepthListener l = new PanoramaDepthListener() {
            @Override
            public void patchEstimated(int index, int total, TangentPatch patch, PatchDepth depth) {
                assertEquals(18, total);
                assertEquals(patch.width(), depth.width());
                seen.add(index);
            }

            @Override
            public void stage(String name) {
                stages.add(name);
            }
        };
        PanoramaDepthResult r = PanoramaDepthPipeline.run(request(AlignmentSettings.AFFINE, Blend.FRUSTUM),
                new SimulatedPatchModel(gt, GRID, 5, 0.01), l);
        assertEquals(18, seen.size());
        assertEquals(List.of("patches", "align", "blend"), stages);
        double absRel = DepthMetrics.evaluate(r.depth(), gt, Alignment.MEDIAN).absRel();
        assertTrue(absRel < 0.02, "AbsRel " + absRel);
    }

    /** A metric model whose patches agree keeps its metres through AFFINE alignment. */
    @Test
    void metricModelKeepsMetres() throws Exception {
        float[] gt = BoxRoom.erp(GRID);
        PatchDepthEstimator metric = (i, patch, rgb) -> new PatchDepth(BoxRoom.planar(patch), patch.width(),
                patch.height(), DepthKind.METRIC_METRES);
        PanoramaDepthResult r = PanoramaDepthPipeline.run(request(AlignmentSettings.AFFINE, Blend.MEAN), metric, null);
        double absRel = DepthMetrics.evaluate(r.depth(), gt, Alignment.NONE).absRel();
        assertTrue(absRel < 0.01, "AbsRel without any alignment " + absRel);
    }

    @Test
    void cancellationStopsBetweenPatches() {
        AtomicInteger calls = new AtomicInteger();
        PatchDepthEstimator counting = (i, patch, rgb) -> {
            calls.incrementAndGet();
            return new PatchDepth(new float[patch.width() * patch.height()], patch.width(), patch.height(),
                    DepthKind.RELATIVE_INVERSE);
        };
        PanoramaDepthListener cancelAfterThree = new PanoramaDepthListener() {
            @Override
            public boolean cancelled() {
                return calls.get() >= 3;
            }
        };
        assertThrows(CancellationException.class,
                () -> PanoramaDepthPipeline.run(request(AlignmentSettings.AFFINE, Blend.MEAN), counting, cancelAfterThree));
        assertEquals(3, calls.get());
    }

    @Test
    void wrongSizedModelOutputIsNamed() {
        PatchDepthEstimator wrong = (i, patch, rgb) -> new PatchDepth(new float[4], 2, 2, DepthKind.RELATIVE_INVERSE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PanoramaDepthPipeline.run(request(AlignmentSettings.AFFINE, Blend.MEAN), wrong, null));
        assertTrue(e.getMessage().contains("2×2 for patch 0"), e.getMessage());
    }

    @Test
    void layoutsByName() {
        assertEquals(10, PanoramaLayouts.named("10", 1024, Double.NaN, 0).size());
        assertEquals(46, PanoramaLayouts.named("46", 1024, Double.NaN, 0).size());
        assertEquals(256, PanoramaLayouts.named("26", 1024, Double.NaN, 0).patch(0).width());
        assertEquals(20, PanoramaLayouts.named("ico20", 2048, Double.NaN, 0).size());
        assertEquals(400, PanoramaLayouts.named("ico20", 2048, Double.NaN, 0).patch(0).width());
        assertThrows(IllegalArgumentException.class, () -> PanoramaLayouts.named("17", 1024, Double.NaN, 0));
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> PatchDepthEstimators.open(java.nio.file.Path.of("no-such-depth.pth"), new JavaDevice()));
        assertTrue(missing.getMessage().contains("no-such-depth.pth"), missing.getMessage());
    }
}
