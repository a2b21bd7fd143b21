package org.attentionworkbench.compute.anomaly;

import java.io.IOException;
import java.nio.file.Path;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Patch features from a ViT (e.g. DINO/DINOv2): the final patch tokens (after the final norm), prefix
 * tokens dropped, each L2-normalised. The image is squashed to a multiple of the patch size near the
 * requested side; position embeddings are interpolated by the ViT as usual.
 *
 * <p>Dimension legend: T tokens = prefix + gh·gw, D token width.
 */
public final class ViTFeatures implements FeatureExtractor {
    private final VisionModel model;
    private final boolean ownsModel;
    private final int size;

    public ViTFeatures(VisionModel model, int size) {
        this(model, false, size);
    }

    private ViTFeatures(VisionModel model, boolean owns, int size) {
        int p = model.network().config().patch();
        this.model = model;
        this.ownsModel = owns;
        this.size = Math.max(p, Math.round(size / (float) p) * p);
    }

    /** Opens a checkpoint or model card (see {@link VisionModel#open(Path, Device)}) and owns it. */
    public static ViTFeatures open(Path model, Device device, int size) throws IOException {
        VisionModel vm = VisionModel.open(model, device);
        return new ViTFeatures(vm, true, size);
    }

    @Override
    public PatchFeatures extract(RgbImage image) {
        Preprocess.Recipe r = model.recipe();
        Preprocess.Recipe squash = new Preprocess.Recipe(size, true, 0, r.channels(), r.mean(), r.std());
        int[] hw = new int[2];
        float[] pixels = Preprocess.apply(image, squash, hw);
        Device d = model.network().device();
        ViT.Output o;
        try (Tensor x = d.upload(pixels, 1, r.channels(), size, size)) {
            o = model.network().forward(x, CaptureRequest.none());
        }
        int prefix = model.network().config().prefixTokens();
        int dim = o.tokens().dim(2);
        int n = o.gridH() * o.gridW();
        float[] patches = new float[n * dim];
        System.arraycopy(o.tokens().data(), prefix * dim, patches, 0, n * dim);
        PatchFeatures.normaliseRows(patches, n, dim);
        return new PatchFeatures(o.gridH(), o.gridW(), dim, patches);
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public String describe() {
        return "vit " + model.card().name + " patch tokens at " + size + "px";
    }

    @Override
    public Device device() {
        return model.network().device();
    }

    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
