package org.attentionworkbench.compute.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.checkpoint.HfConfig;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.models.vit.ViTLayout;
import org.attentionworkbench.compute.models.vit.ViTLoader;
import org.attentionworkbench.compute.models.vit.ViTOptions;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/** An image ViT ready to run: the network, how to prepare its input, and its labels. */
public final class VisionModel implements AutoCloseable {
    private final ModelCard card;
    private final ViT vit;
    private final Preprocess.Recipe recipe;

    private VisionModel(ModelCard card, ViT vit, Preprocess.Recipe recipe) {
        this.card = card;
        this.vit = vit;
        this.recipe = recipe;
    }

    /** Opens a model card (.json) or a checkpoint file (with config.json beside it when HF). */
    public static VisionModel open(Path path, Device device) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such model file");
        }
        ModelCard card = path.toString().endsWith(".json") && !path.getFileName().toString().equals("config.json")
                ? ModelCard.read(path) : ModelCard.forCheckpoint(path);
        return open(card, device);
    }

    public static VisionModel open(ModelCard card, Device device) throws IOException {
        Weights w = weights(card);
        return new VisionModel(card, new ViT(device, w.loaded()), w.recipe());
    }

    /** A card's checkpoint as host weights, and its preprocessing (labs that run their own forward pass). */
    public record Weights(ViTLoader.Loaded loaded, Preprocess.Recipe recipe) {}

    public static Weights weights(ModelCard card) throws IOException {
        ViTOptions opt = ViTOptions.defaults();
        if (card.layout != null) {
            opt = opt.withLayout(ViTLayout.fromId(card.layout));
        }
        int imageSize = 0;
        HfConfig cfg = null;
        if (card.config != null) {
            cfg = HfConfig.read(card.resolve(card.config));
            opt = ViTOptions.fromConfig(cfg, opt);
            imageSize = ViTOptions.imageSize(cfg);
        }
        if (card.heads > 0) {
            opt = opt.withHeads(card.heads);
        }
        if (card.eps != null) {
            opt = opt.withEps(card.eps);
        }
        if (card.scaleByWidth != null) {
            opt = opt.withScaleByWidth(card.scaleByWidth);
        }
        if (card.channels > 0) {
            opt = opt.withChannels(card.channels);
        }
        if (card.patch > 0) {
            opt = opt.withPatch(card.patch);
        }
        ViTLoader.Loaded loaded;
        try (Checkpoint ckpt = Checkpoints.open(card.resolve(card.checkpoint))) {
            loaded = ViTLoader.load(ckpt, opt);
        }
        if (cfg != null) {
            ViTOptions.checkShapes(cfg, loaded.config());
        }
        if (loaded.config().layout() == ViTLayout.VIT_PYTORCH && cfg == null) {
            card.requireForVitPytorch();
        }
        int trained = loaded.config().gridH() * loaded.config().patch();
        Preprocess.Recipe recipe = recipe(card, loaded.config().channels(), imageSize > 0 ? imageSize : trained,
                loaded.config().layout());
        return new Weights(loaded, recipe);
    }

    private static Preprocess.Recipe recipe(ModelCard card, int channels, int size, ViTLayout layout) {
        ModelCard.Preprocessing p = card.preprocess;
        if (p != null) {
            return p.recipe();
        }
        if (layout == ViTLayout.HF) { // ViTImageProcessor: squash to size, mean = std = 0.5
            float[] half = channels == 1 ? new float[] {0.5f} : new float[] {0.5f, 0.5f, 0.5f};
            return new Preprocess.Recipe(size, true, 0, channels, half, half);
        }
        Preprocess.Recipe r = Preprocess.Recipe.imagenet(size);
        return channels == 1 ? new Preprocess.Recipe(r.resize(), false, r.crop(), 1, new float[] {0.5f},
                new float[] {0.5f}) : r;
    }

    public ModelCard card() {
        return card;
    }

    public ViT network() {
        return vit;
    }

    public Preprocess.Recipe recipe() {
        return recipe;
    }

    public List<String> labels() {
        return card.labels == null ? List.of() : card.labels;
    }

    /** Prepares the image (as the card says, or on its native grid) and runs the network. */
    public ViT.Output run(RgbImage image, boolean nativeGrid, CaptureRequest capture) {
        int[] size = new int[2];
        float[] pixels = nativeGrid
                ? Preprocess.nativeGrid(image, recipe, vit.config().patch(), size)
                : Preprocess.apply(image, recipe, size);
        Device d = vit.device();
        try (Tensor x = d.upload(pixels, 1, recipe.channels(), size[0], size[1])) {
            return vit.forward(x, capture);
        }
    }

    @Override
    public void close() {
        vit.close();
    }
}
