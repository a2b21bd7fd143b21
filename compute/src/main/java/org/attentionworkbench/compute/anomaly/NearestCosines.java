package org.attentionworkbench.compute.anomaly;

import java.util.Arrays;
import java.util.List;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/** The k largest cosines of each target patch against unit-length rows kept on the device in chunks. */
final class NearestCosines {
    private NearestCosines() {}

    /** Per target patch, its k largest cosines, descending: one GEMM per chunk, then a short sorted insert. */
    static float[][] of(Device device, List<Tensor> chunks, PatchFeatures target, int k) {
        int n = target.patches();
        float[][] best = new float[n][k];
        for (float[] b : best) {
            Arrays.fill(b, Float.NEGATIVE_INFINITY);
        }
        try (Tensor t = device.upload(target.data(), n, target.dim())) {
            for (Tensor chunk : chunks) {
                int rows = chunk.dim(0);
                float[] sim;
                try (Tensor s = device.allocate(n, rows)) {
                    device.gemm(s, t, false, chunk, true, null, 1f);
                    sim = device.download(s);
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
}
