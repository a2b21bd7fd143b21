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

    /**
     * The last N×M similarity block of this thread, reused when the next has the same size (every image of
     * a run does): a fresh 10 MB array per image (1600 × 1600 at 320²) cost zeroing and G1 humongous
     * allocations that showed as jitter in {@code bench anomaly}.
     */
    private static final ThreadLocal<float[]> SIMILARITIES = new ThreadLocal<>();

    private NearestCosines() {}

    private static float[] similarities(int size) {
        float[] s = SIMILARITIES.get();
        if (s == null || s.length != size) {
            s = new float[size];
            SIMILARITIES.set(s);
        }
        return s;
    }

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
                float[] sim = similarities(n * rows); // fully overwritten by the GEMM
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
                topK(sim, n, rows, k, best);
            }
        }
        return best;
    }

    /**
     * k > 1: merges each row into best[p] (descending), rows in parallel; a vector of cosines is looked at
     * lane by lane only when one of them beats the current k-th best, which after the first few blocks is
     * rare, so the scan runs at about the speed of the k = 1 row max.
     */
    private static void topK(float[] sim, int n, int rows, int k, float[][] best) {
        int end = F.loopBound(rows);
        Parallel.forRange(0, n, Math.max(1, (1 << 15) / Math.max(1, rows)), (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                float[] b = best[p];
                int o = p * rows;
                int j = 0;
                for (; j < end; j += F.length()) {
                    FloatVector v = FloatVector.fromArray(F, sim, o + j);
                    if (v.compare(VectorOperators.GT, b[k - 1]).anyTrue()) {
                        for (int l = 0; l < F.length(); l++) {
                            insert(b, k, sim[o + j + l]);
                        }
                    }
                }
                for (; j < rows; j++) {
                    insert(b, k, sim[o + j]);
                }
            }
        });
    }

    /** Puts v into the descending b[0..k) if it beats b[k-1]. */
    private static void insert(float[] b, int k, float v) {
        if (v > b[k - 1]) {
            int q = k - 1;
            while (q > 0 && b[q - 1] < v) {
                b[q] = b[q - 1];
                q--;
            }
            b[q] = v;
        }
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
