package org.attentionworkbench.compute.anomaly;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * PatchCore-style memory bank of normal patch features, optionally subsampled by the greedy coreset,
 * scored by k-nearest-neighbour distance.
 *
 * <p>Dimension legend: N target patches, K bank patches (split into chunks of at most
 * {@link #CHUNK} rows so that the N×K similarity block stays small), D feature width.
 *
 * <p>Features are unit length, so ‖t − b‖² = 2 − 2·t·b: the distances come from one GEMM per chunk on
 * the device; the host keeps the k largest similarities per row.
 */
public final class MemoryBank implements PatchScorer {
    public static final int CHUNK = 8192;
    /** A priori default: PatchCore's 10 % coreset (it reports 1–25 % as equally good on MVTec). */
    public static final double DEFAULT_CORESET = 0.1;

    private final Device device;
    private final List<Tensor> chunks = new ArrayList<>();
    private final int size;
    private final int dim;
    private final int k;
    private final double coverage;

    /**
     * @param ratio coreset ratio in (0, 1]; 1 keeps every patch
     * @param k     neighbours averaged for the distance (1 = PatchCore)
     */
    public MemoryBank(Device device, List<PatchFeatures> normals, double ratio, int k, long seed) {
        if (normals.isEmpty()) {
            throw new IllegalArgumentException("a memory bank needs at least one normal image");
        }
        if (!(ratio > 0 && ratio <= 1) || k < 1) {
            throw new IllegalArgumentException("coreset ratio in (0, 1] and k ≥ 1, got " + ratio + ", " + k);
        }
        this.device = device;
        this.dim = normals.get(0).dim();
        this.k = k;
        float[] all = PatchFeatures.stack(normals);
        int n = all.length / dim;
        float[] bank = all;
        int kept = n;
        double radius = 0;
        // 1. coreset subsampling
        if (ratio < 1) {
            kept = Math.max(1, (int) Math.round(n * ratio));
            KCenterGreedy.Selection sel = KCenterGreedy.select(device, all, n, dim, kept, seed);
            bank = new float[kept * dim];
            for (int i = 0; i < kept; i++) {
                System.arraycopy(all, sel.indices()[i] * dim, bank, i * dim, dim);
            }
            radius = sel.radius();
        }
        this.size = kept;
        this.coverage = radius;
        if (k > kept) {
            throw new IllegalArgumentException("k = " + k + " neighbours from a bank of " + kept);
        }
        // 2. upload in chunks
        for (int at = 0; at < kept; at += CHUNK) {
            int rows = Math.min(CHUNK, kept - at);
            float[] part = new float[rows * dim];
            System.arraycopy(bank, at * dim, part, 0, rows * dim);
            chunks.add(device.upload(part, rows, dim));
        }
    }

    public int size() {
        return size;
    }

    /** The coreset's coverage radius in projected space (0 without subsampling). */
    public double coverage() {
        return coverage;
    }

    @Override
    public float[] score(PatchFeatures target) {
        if (target.dim() != dim) {
            throw new IllegalArgumentException("target features of dim " + target.dim() + ", bank " + dim);
        }
        int n = target.patches();
        float[][] best = NearestCosines.of(device, chunks, target, k); // k largest cosines, descending
        // 3. mean Euclidean distance to the k nearest: √(2 − 2·cos)
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            double sum = 0;
            for (float v : best[p]) {
                sum += Math.sqrt(Math.max(0, 2 - 2 * (double) v));
            }
            out[p] = (float) (sum / k);
        }
        return out;
    }

    @Override
    public String describe() {
        return "memory bank (" + size + " patches, k=" + k + ")";
    }

    @Override
    public void close() {
        chunks.forEach(Tensor::close);
        chunks.clear();
    }
}
