package org.attentionworkbench.compute.models.depth;

/**
 * What the caller may say about a checkpoint where the file cannot (all optional).
 *
 * @param heads      attention heads of the backbone (0: from config.json, or 6/12/16/24 for ViT-S/B/L/G widths)
 * @param outBlocks  0-based backbone blocks the neck reads (null: from config.json, or V2's blocks for
 *                   12/24/40-block backbones)
 * @param kind       relative or metric head (null: config.json's depth_estimation_type, or the original
 *                   file name: "metric" in it means metric)
 * @param maxDepth   metric range in metres (NaN: config.json's max_depth, or 20 for hypersim / 80 for vkitti
 *                   in an original file name)
 * @param inputSize  target side of the resize (0: preprocessor_config.json, else 518)
 */
public record DepthOptions(int heads, int[] outBlocks, DepthKind kind, float maxDepth, int inputSize) {
    public DepthOptions {
        if (heads < 0 || inputSize < 0 || (!Float.isNaN(maxDepth) && !(maxDepth > 0 && Float.isFinite(maxDepth)))) {
            throw new IllegalArgumentException("depth options: heads " + heads + ", input size " + inputSize
                    + ", max depth " + maxDepth + " (heads and size ≥ 0, max depth positive)");
        }
        outBlocks = outBlocks == null ? null : outBlocks.clone();
    }

    public static DepthOptions defaults() {
        return new DepthOptions(0, null, null, Float.NaN, 0);
    }

    public DepthOptions withHeads(int h) {
        return new DepthOptions(h, outBlocks, kind, maxDepth, inputSize);
    }

    public DepthOptions withOutBlocks(int... blocks) {
        return new DepthOptions(heads, blocks, kind, maxDepth, inputSize);
    }

    /** A metric head with this range, or a relative one (maxDepth 1). */
    public DepthOptions withKind(DepthKind k, float max) {
        return new DepthOptions(heads, outBlocks, k, max, inputSize);
    }

    public DepthOptions withInputSize(int size) {
        return new DepthOptions(heads, outBlocks, kind, maxDepth, size);
    }
}
