package org.attentionworkbench.compute.panorama.depth;

import java.util.List;
import java.util.SplittableRandom;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.panorama.DepthRays;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.Tangents;

/**
 * The {@code simulated} model of {@code panorama-eval}: a perfect depth model spoiled the way a relative
 * model is (360MonoDepth's {@code data_mocker}). It cuts the ground-truth ERP radial depth into the patch
 * (bilinear), makes it planar (z = r/√(1 + x² + y²)), inverts it, multiplies by 1 + σ·N(0, 1) noise and
 * applies a random affine per patch: d = a·(1/z)(1 + noise) + b with a ∈ [0.5, 2] and
 * b ∈ [0, 0.5]·median(1/z), all drawn from the seed and the patch index. Ground-truth pixels that are not
 * finite and > 0 give NaN.
 */
public final class SimulatedPatchModel implements PatchDepthEstimator {
    /** Default relative noise σ on the inverse depth. */
    public static final double DEFAULT_NOISE = 0.01;

    private final float[] groundTruth;
    private final Equirect grid;
    private final long seed;
    private final double noise;

    /**
     * @param groundTruth H×W radial depth in {@code grid}'s convention, not copied
     * @param noise relative noise σ, ≥ 0
     */
    public SimulatedPatchModel(float[] groundTruth, Equirect grid, long seed, double noise) {
        grid.requireMap(groundTruth, 1);
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("simulated noise must be in [0, 1), got " + noise);
        }
        this.groundTruth = groundTruth;
        this.grid = grid;
        this.seed = seed;
        this.noise = noise;
    }

    /** The scale a and offset b the model applies to patch {@code index} (for tests). */
    public double[] affine(int index, double medianInverse) {
        SplittableRandom rng = random(index);
        double a = 0.5 * Math.pow(4, rng.nextDouble());
        double b = 0.5 * rng.nextDouble() * medianInverse;
        return new double[] {a, b};
    }

    private SplittableRandom random(int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
    }

    @Override
    public PatchDepth estimate(int index, TangentPatch patch, float[] rgbChw) {
        TangentLayout single = new TangentLayout("patch " + index, List.of(patch));
        float[] radial = Tangents.toPatches(groundTruth, 1, grid, single)[0];
        float[] planar = DepthRays.planarFromRadial(radial, patch);
        float[] inverse = new float[planar.length];
        float[] sorted = new float[planar.length];
        int m = 0;
        for (int i = 0; i < planar.length; i++) {
            float z = planar[i];
            inverse[i] = z > 0 && Float.isFinite(z) ? 1 / z : Float.NaN;
            if (Float.isFinite(inverse[i])) {
                sorted[m++] = inverse[i];
            }
        }
        java.util.Arrays.sort(sorted, 0, m);
        double median = m > 0 ? sorted[m / 2] : 1;
        double[] ab = affine(index, median);
        SplittableRandom rng = new SplittableRandom(random(index).nextLong() ^ 0x5DEECE66DL);
        float[] out = new float[inverse.length];
        for (int i = 0; i < out.length; i++) {
            double g = gaussian(rng);
            out[i] = Float.isFinite(inverse[i]) ? (float) (ab[0] * inverse[i] * (1 + noise * g) + ab[1]) : Float.NaN;
        }
        return new PatchDepth(out, patch.width(), patch.height(), DepthKind.RELATIVE_INVERSE);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
