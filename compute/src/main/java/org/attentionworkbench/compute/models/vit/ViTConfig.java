package org.attentionworkbench.compute.models.vit;

/**
 * Everything that shapes one ViT forward pass. Most fields are read off the checkpoint's shapes;
 * heads, scale and the position-embedding rule come from config.json, the model card or the layout.
 *
 * @param layout          checkpoint layout the weights came from (for messages and defaults)
 * @param channels        input channels C
 * @param patch           patch size P (square)
 * @param dim             token width D
 * @param depth           number of blocks L
 * @param heads           attention heads H
 * @param mlpHidden       hidden width of the block MLP
 * @param eps             layer-norm epsilon
 * @param attnScale       factor on q·kᵀ (Dh^-0.5 usually; D^-0.5 in vit-pytorch 2020)
 * @param classToken      whether token 0 is a learned class token
 * @param registers       learned register tokens inserted after the class token (DINOv2, timm reg)
 * @param posCoversClass  whether the position embedding has an entry for the class token
 * @param gridH           patch grid the position embedding was trained for (rows)
 * @param gridW           patch grid the position embedding was trained for (columns)
 * @param posInterp       how the position embedding is resampled to another grid
 * @param finalNorm       whether a layer norm follows the last block
 * @param headHidden      hidden width of a two-layer MLP head (0: a single linear head)
 * @param classes         classifier outputs (0: no head, the model yields tokens)
 */
public record ViTConfig(
        ViTLayout layout,
        int channels,
        int patch,
        int dim,
        int depth,
        int heads,
        int mlpHidden,
        float eps,
        float attnScale,
        boolean classToken,
        int registers,
        boolean posCoversClass,
        int gridH,
        int gridW,
        PosInterpolation posInterp,
        boolean finalNorm,
        int headHidden,
        int classes) {

    public int headDim() {
        return dim / heads;
    }

    /** Tokens before the patches: class token and registers. */
    public int prefixTokens() {
        return (classToken ? 1 : 0) + registers;
    }

    /** Token count for an input of h×w pixels. */
    public int tokens(int h, int w) {
        return prefixTokens() + (h / patch) * (w / patch);
    }
}
