package org.attentionworkbench.compute.models.depth;

import java.util.List;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;

/**
 * A monocular depth model on one device. One prediction at a time (the device is used from one
 * thread); close it to free its device memory.
 */
public interface DepthModel extends AutoCloseable {

    /** Depth of an image at the image's own resolution: the model's resize, forward and resize back. */
    DepthMap predict(RgbImage image);

    /**
     * As {@link #predict(RgbImage)}, keeping what {@code capture} asks of the backbone's blocks
     * (attention maps, q/k/v, tokens as the ViT's capture).
     */
    Prediction predict(RgbImage image, CaptureRequest capture);

    /**
     * Depth of an already sized, already normalised input, at that input's resolution, with no
     * resizing: {@code chw} is [3, height, width] row-major (ImageNet mean/std applied, see
     * {@link DepthPreprocess#normalize}); height and width must be multiples of {@link #patchSize()}.
     * (For tangent patches of a panorama, square patches such as 518² or 266².)
     */
    DepthMap predictTensor(float[] chw, int height, int width);

    /** What the values mean. */
    DepthKind kind();

    /** Input sides must be multiples of this for {@link #predictTensor}. */
    int patchSize();

    /** A prediction with the backbone's captured layers (null entries for blocks not asked for). */
    record Prediction(DepthMap depth, List<Captured> layers, int gridH, int gridW) {}

    @Override
    void close();
}
