package org.attentionworkbench.app.attention;

import java.nio.file.Path;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * One forward pass to run: which image (its pixels and a stable identity for the cache), which
 * model card, and the input size. Immutable; built on the FX thread, run off it.
 *
 * @param imageKey   identity of the image: file path with size and modification time, or the sample's name,
 *                   plus its pixel size
 * @param nativeGrid false: the image squashed to the model's square input (DINO's visualize_attention);
 *                   true: the whole image at its own aspect, snapped to the patch grid
 */
public record ImageRunRequest(String imageKey, String imageName, RgbImage image, Path card, boolean nativeGrid) {

    /** What the result cache is keyed by: (image, model, input size). */
    public record Key(String imageKey, Path card, boolean nativeGrid) {}

    public Key key() {
        return new Key(imageKey, card.toAbsolutePath().normalize(), nativeGrid);
    }
}
