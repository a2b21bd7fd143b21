package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.panorama.Blend;
import org.attentionworkbench.compute.panorama.align.AlignmentMethod;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;

/** The OmniFusion path of the page's run: the whole panorama through the network, metres on the run's grid. */
class DepthRunServiceTest {
    @Test
    void omniFusionRunsOnTheWholePanorama() throws Exception {
        Path ckpt = Path.of("..", "compute", "src", "test", "resources", "goldens", "omnifusion", "omnifusion_w16.pth");
        DepthModelChoice omni = DepthModelChoice.checkpoint(ckpt);
        LoadedPanorama room = Depth360Service.sampleRoom(256, 128);
        DepthRunSettings s = new DepthRunSettings(omni, "18", AlignmentMethod.GRID, Blend.POISSON, 256, 0, 1);
        assertNull(DepthRunService.layout(s), "OmniFusion brings its own patches");
        double[] last = {0};
        Work.Progress progress = new Work.Progress() {
            @Override public void update(double done, double total) { last[0] = done / total; }
            @Override public void message(String text) { }
            @Override public boolean isCancelled() { return false; }
        };
        try (Device device = Devices.open("java").device()) {
            PanoramaDepth d = DepthRunService.run(room, s, device, progress, (i, patch, depth) -> { });
            assertTrue(d.metric());
            assertEquals(256, d.grid().width());
            assertEquals(128, d.grid().height());
            int finite = 0;
            for (int i = 0; i < d.depth().length; i++) {
                finite += d.covered(i) ? 1 : 0;
            }
            // every pixel has a weight; the tiny random golden network leaves a few at depth 0
            assertTrue(finite > 0.99 * d.depth().length, finite + " of " + d.depth().length + " pixels have depth");
            assertEquals(1, last[0], 1e-9);
        }
    }

    /** A Depth Anything checkpoint (tiny random HF golden) runs on every tangent patch, which are aligned and blended. */
    @Test
    void depthAnythingRunsOnEveryPatch() throws Exception {
        Path hf = Path.of("..", "compute", "src", "test", "resources", "goldens", "depthanything", "hf");
        DepthModelChoice da = DepthModelChoice.checkpoint(hf);
        LoadedPanorama room = Depth360Service.sampleRoom(256, 128);
        DepthRunSettings s = new DepthRunSettings(da, "10", AlignmentMethod.AFFINE, Blend.FRUSTUM, 256, 0, 1);
        Work.Progress progress = new Work.Progress() {
            @Override public void update(double done, double total) { }
            @Override public void message(String text) { }
            @Override public boolean isCancelled() { return false; }
        };
        java.util.List<Integer> finished = new java.util.ArrayList<>();
        try (Device device = Devices.open("java").device()) {
            PanoramaDepth d = DepthRunService.run(room, s, device, progress, (i, patch, depth) -> finished.add(i));
            assertTrue(!d.metric(), "Depth Anything's relative head gives relative depth");
            assertEquals(10, finished.size(), "every patch reported as it finished");
            int covered = 0;
            for (int i = 0; i < d.depth().length; i++) {
                if (d.covered(i)) {
                    covered++;
                    assertTrue(Float.isFinite(d.depth()[i]) && d.depth()[i] > 0, "pixel " + i + ": " + d.depth()[i]);
                }
            }
            // random weights: where an aligned patch's disparity is not positive there is no depth, so only
            // "some" is asserted; the simulated and OmniFusion paths check coverage properly
            assertTrue(covered > 0, "no pixel has depth");
        }
    }
}
