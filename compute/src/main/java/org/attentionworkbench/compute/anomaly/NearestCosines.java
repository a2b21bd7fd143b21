package org.attentionworkbench.compute.anomaly;

import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attentionworkbench.compute.parallel.Parallel;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/** The k largest cosines of each target patch against unit-length rows kept on the device in chunks. */
final class NearestCosines {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private NearestCosines() {}

    /** Per target patch, its k largest cosines, descending: one GEMM per chunk, then a short sorted insert. */
    static float[][] of(Device device, List<Tensor> chunks, PatchFeatures target, int k) {
        return of(device, chunks, false, target, k);
    }

    /**
     * As {@link #of(Device, List, PatchFeatures, int)}; with {@code weights} each chunk is held transposed,
     * [D, rows], as a {@link Device#uploadWeight} weight, and multiplied by {@link Device#linear} (the Java
     * backend then reads it from panels packed once instead of packing it per call).
     */
    static float[][] of(Device device, List<Tensor> chunks, boolean weights, PatchFeatures target, int k) {
        int n = target.patches();
        float[][] best = new float[n][k];
        for (float[] b : best) {
            Arrays.fill(b, Float.NEGATIVE_INFINITY);
        }
        Tensor wrappedT = device.wrap(target.data(), n, target.dim()); // read only: no copy needed
        try (Tensor t = wrappedT != null ? wrappedT : device.upload(target.data(), n, target.dim())) {
            for (Tensor chunk : chunks) {
                int rows = chunk.dim(weights ? 1 : 0);
                float[] sim = new float[n * rows];
                // on a host-memory device the GEMM writes straight into sim (no copy of the N×M block)
                Tensor wrapped = device.wrap(sim, n, rows);
                try (Tensor s = wrapped != null ? wrapped : device.allocate(n, rows)) {
                    if (weights) {
                        device.linear(s, t, chunk, null, null, false);
                    } else {
                        device.gemm(s, t, false, chunk, true, null, 1f);
                    }
                    if (wrapped == null) {
                        device.download(s, sim);
                    }
                }
                if (k == 1) {
                    rowMax(sim, n, rows, best);
                    continue;
                }
                for (int p = 0; p < n; p++) {
                    float[] b = best[p];
                    for (int j = 0; j < rows; j++) {
                        float v = sim[p * rows + j];
                        if (v > b[k - 1]) {
                            int q = k - 1;
                            while (q > 0 && b[q - 1] < v) {
                                b[q] = b[q - 1];
                                q--;
                            }
                            b[q] = v;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** k = 1: best[p][0] = max(best[p][0], max of row p), vectorised. */
    private static void rowMax(float[] sim, int n, int rows, float[][] best) {
        int end = F.loopBound(rows);
        Parallel.forRange(0, n, Math.max(1, (1 << 15) / Math.max(1, rows)), (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                rowMax(sim, p, rows, end, best);
            }
        });
    }

    private static void rowMax(float[] sim, int p, int rows, int end, float[][] best) {
        int o = p * rows;
        FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < end; j += F.length()) {
            m = m.max(FloatVector.fromArray(F, sim, o + j));
        }
        float v = m.reduceLanes(VectorOperators.MAX);
        for (; j < rows; j++) {
            v = Math.max(v, sim[o + j]);
        }
        best[p][0] = Math.max(best[p][0], v);
    }
}
