package org.attentionworkbench.compute.models.depth;

/**
 * The DPT neck and head of one Depth Anything V2 checkpoint, read off shapes and config.
 *
 * @param outBlocks   0-based backbone blocks whose outputs the neck reads (V2-Small: 2, 5, 8, 11)
 * @param neck        reassemble widths per stage (V2-Small: 48, 96, 192, 384)
 * @param factors     reassemble resize per stage: 4 and 2 transposed convolutions, 1 identity, 0.5 a
 *                    stride-2 convolution
 * @param fusion      fusion width (64)
 * @param headMid     width after head.conv1 (fusion / 2)
 * @param headHidden  width after head.conv2 (32)
 * @param kind        relative inverse depth (ReLU) or metres (sigmoid × maxDepth)
 * @param maxDepth    factor on the last activation (1 for relative)
 * @param preprocess  how images are resized and normalised, and depth resized back
 */
public record DepthAnythingConfig(int[] outBlocks, int[] neck, float[] factors, int fusion, int headMid,
        int headHidden, DepthKind kind, float maxDepth, DepthPreprocess.Recipe preprocess) {
    public DepthAnythingConfig {
        outBlocks = outBlocks.clone();
        neck = neck.clone();
        factors = factors.clone();
    }
}
