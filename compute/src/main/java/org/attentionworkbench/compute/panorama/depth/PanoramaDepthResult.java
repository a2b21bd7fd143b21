package org.attentionworkbench.compute.panorama.depth;

import java.util.List;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.align.AlignedPatches;

/**
 * What {@link PanoramaDepthPipeline} made.
 *
 * @param grid the ERP grid ({@link Equirect}'s convention)
 * @param depth H×W radial depth along each pixel's ray: metres for a metric model, one arbitrary global
 *     scale for a relative one ({@link MetricScale} sets metres); 0 where {@code weight} is 0 for MEAN and
 *     FRUSTUM, smoothly filled for POISSON
 * @param weight H×W summed blend weight; 0 marks a pixel no patch saw
 * @param patches every patch's raw model output, in layout order
 * @param alignment what the alignment found (per-patch affines, mismatch before and after)
 * @param millis wall time of the run
 */
public record PanoramaDepthResult(Equirect grid, float[] depth, float[] weight, List<PatchDepth> patches,
        AlignedPatches alignment, long millis) {

    /** H×W: true where a patch saw the pixel. */
    public boolean[] covered() {
        boolean[] m = new boolean[weight.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = weight[i] > 0;
        }
        return m;
    }

    public double coveredFraction() {
        int n = 0;
        for (float w : weight) {
            if (w > 0) {
                n++;
            }
        }
        return n / (double) weight.length;
    }
}
