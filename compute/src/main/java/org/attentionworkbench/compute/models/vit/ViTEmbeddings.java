package org.attentionworkbench.compute.models.vit;

import java.util.Map;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * The host-side tables of a ViT's token embedding, read once from its weights: the prefix tokens (class
 * token with its position when the table covers it, then the registers) and the patch position grid in
 * channel-major layout (D, gridH, gridW), ready for resampling. Shared by {@link ViT} and the probe labs'
 * forward pass, so both start from the same numbers.
 */
public final class ViTEmbeddings {
    private ViTEmbeddings() {}

    /** (prefixTokens, D): the class token (+ its position) then the registers. */
    public static float[] prefix(ViTConfig cfg, Map<String, HostTensor> w) {
        int d = cfg.dim();
        float[] pos = w.get("pos").data();
        float[] prefix = new float[cfg.prefixTokens() * d];
        if (cfg.classToken()) {
            float[] cls = w.get("cls").data();
            for (int i = 0; i < d; i++) {
                prefix[i] = cls[i] + (cfg.posCoversClass() ? pos[i] : 0f);
            }
        }
        if (cfg.registers() > 0) {
            System.arraycopy(w.get("reg").data(), 0, prefix, cfg.classToken() ? d : 0, cfg.registers() * d);
        }
        return prefix;
    }

    /** The patches' position embedding as trained, (G, D) → (D, gridH, gridW). */
    public static float[] positionGrid(ViTConfig cfg, Map<String, HostTensor> w) {
        int d = cfg.dim();
        float[] pos = w.get("pos").data();
        int posOffset = cfg.posCoversClass() ? d : 0;
        int g = cfg.gridH() * cfg.gridW();
        float[] grid = new float[d * g];
        for (int t = 0; t < g; t++) {
            for (int c = 0; c < d; c++) {
                grid[c * g + t] = pos[posOffset + t * d + c];
            }
        }
        return grid;
    }
}
