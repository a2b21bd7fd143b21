package org.attentionworkbench.compute.anomaly;

import java.util.Random;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * PatchCore's greedy coreset: k-center greedy on randomly projected features.
 *
 * <p>Dimension legend: N points, D feature width, P projected width (128, as PatchCore's sampler).
 *
 * <p>Points are first projected to P dimensions with a Gaussian random matrix (Johnson–Lindenstrauss:
 * distances kept up to a small factor) by a GEMM on the device. Then, from a random start, each step
 * adds the point farthest from the chosen set and lowers every point's distance to the set; the
 * distance update is a parallel O(N·P) pass per chosen point on the host.
 */
public final class KCenterGreedy {
    public static final int PROJECTION = 128;

    private KCenterGreedy() {}

    /** The chosen indices (in pick order) and the coverage radius after the last pick. */
    public record Selection(int[] indices, double radius) {}

    /**
     * @param data  [n, dim] row-major
     * @param count how many points to keep (1..n)
     */
    public static Selection select(Device device, float[] data, int n, int dim, int count, long seed) {
        if (count < 1 || count > n) {
            throw new IllegalArgumentException("coreset of " + count + " from " + n + " points");
        }
        Random rnd = new Random(seed);
        // 1. random projection to P dimensions (skipped when D ≤ P)
        float[] x = data;
        int p = dim;
        if (dim > PROJECTION) {
            p = PROJECTION;
            float[] proj = new float[dim * p];
            float s = (float) (1 / Math.sqrt(p));
            for (int i = 0; i < proj.length; i++) {
                proj[i] = (float) rnd.nextGaussian() * s;
            }
            try (Tensor a = device.upload(data, n, dim); Tensor b = device.upload(proj, dim, p);
                    Tensor c = device.allocate(n, p)) {
                device.matmul(c, a, b);
                x = device.download(c);
            }
        }
        // 2. greedy: farthest point from the chosen set, then update distances to the set
        int[] chosen = new int[count];
        double[] minD = new double[n];
        java.util.Arrays.fill(minD, Double.POSITIVE_INFINITY);
        int next = rnd.nextInt(n);
        final float[] xs = x;
        final int pp = p;
        for (int k = 0; k < count; k++) {
            chosen[k] = next;
            final int c = next;
            Parallel.forRange(0, n, 2048, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    double d = 0;
                    for (int j = 0; j < pp; j++) {
                        float diff = xs[i * pp + j] - xs[c * pp + j];
                        d += diff * diff;
                    }
                    if (d < minD[i]) {
                        minD[i] = d;
                    }
                }
            });
            next = argmax(minD);
        }
        return new Selection(chosen, Math.sqrt(minD[next]));
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
