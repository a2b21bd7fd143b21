package org.attentionworkbench.compute.labs.probes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.models.ModelCard;
import org.attentionworkbench.compute.models.VisionModel;

/**
 * What every probe runs on: the model (a card or checkpoint the explorer opens; empty = the bundled
 * vit4mnist card) and the images, prepared as the model expects (empty = the ten bundled digit renders
 * 0 … 9, whose labels are their digits).
 */
final class ProbeInputs {
    /** One prepared image: pixels (C, h, w) cut to the patch grid, its name and known label (-1: none). */
    record Image(String name, float[] pixels, int h, int w, int label) {}

    final ProbeViT vit;
    final List<String> labels;
    final List<Image> images;
    final String modelName;

    private ProbeInputs(ProbeViT vit, List<String> labels, List<Image> images, String modelName) {
        this.vit = vit;
        this.labels = labels;
        this.images = images;
        this.modelName = modelName;
    }

    static LabOption modelOption() {
        return LabOption.file("model", "", "model card (.json) or checkpoint; empty = the bundled vit4mnist sample "
                + "(samples/models/vit4mnist.json, its weights in ../shared/models)");
    }

    static LabOption imageOption() {
        return LabOption.file("image", "", "input image; empty = the ten bundled digit renders 0 … 9");
    }

    static ProbeInputs open(LabOptions o) throws LabException {
        return open(o, true);
    }

    /** The model, and the images when the lab takes them (an {@code image} option). */
    static ProbeInputs open(LabOptions o, boolean withImages) throws LabException {
        Path model = o.getFile("model");
        if (model == null) {
            model = bundledCard();
        }
        VisionModel.Weights weights;
        ModelCard card;
        try {
            card = model.toString().endsWith(".json") && !model.getFileName().toString().equals("config.json")
                    ? ModelCard.read(model) : ModelCard.forCheckpoint(model);
            weights = VisionModel.weights(card);
        } catch (IOException | RuntimeException e) {
            throw new LabException("model " + model + ": " + e.getMessage(), e);
        }
        ProbeViT vit = new ProbeViT(weights.loaded());
        List<Image> images = new ArrayList<>();
        Path file = withImages ? o.getFile("image") : null;
        try {
            if (!withImages) {
                // a lab on the weights alone
            } else if (file != null) {
                images.add(prepare(file.getFileName().toString(), ImageFiles.read(file), weights.recipe(), vit, -1));
            } else {
                for (int digit = 0; digit < 10; digit++) {
                    String name = "digit_" + digit + ".png";
                    try (InputStream in = ProbeInputs.class.getResourceAsStream(name)) {
                        if (in == null) {
                            throw new LabException("bundled image " + name + " is missing from the build");
                        }
                        RgbImage img = ImageFiles.decode(in, name, ImageFiles.Workload.MODEL_INPUT,
                                ImageFiles.Progress.NONE).rgb();
                        images.add(prepare(name, img, weights.recipe(), vit, digit));
                    }
                }
            }
        } catch (IOException e) {
            throw new LabException("image " + (file == null ? "(bundled digits)" : file) + ": " + e.getMessage(), e);
        }
        List<String> labels = card.labels == null ? List.of() : List.copyOf(card.labels);
        return new ProbeInputs(vit, labels, images, model.getFileName().toString());
    }

    /** The bundled vit4mnist card: under workbench.home, else the working directory or its parent. */
    static Path bundledCard() throws LabException {
        List<Path> tried = new ArrayList<>();
        String home = System.getProperty("workbench.home");
        if (home != null) {
            tried.add(Path.of(home, "samples", "models", "vit4mnist.json"));
        }
        tried.add(Path.of("samples", "models", "vit4mnist.json"));
        tried.add(Path.of("..", "samples", "models", "vit4mnist.json"));
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new LabException("no --model given and the bundled vit4mnist card was not found (looked at "
                + tried + "); give --model CARD_OR_CHECKPOINT");
    }

    private static Image prepare(String name, RgbImage img, Preprocess.Recipe recipe, ProbeViT vit, int label) {
        int[] size = new int[2];
        float[] pixels = Preprocess.apply(img, recipe, size);
        int p = vit.config().patch();
        int h = size[0] / p * p;
        int w = size[1] / p * p;
        int c = recipe.channels();
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException(name + ": " + size[1] + "×" + size[0] + " is smaller than one patch");
        }
        float[] cut = new float[c * h * w]; // the right and bottom remainders dropped, as the stride-P conv does
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(pixels, (ch * size[0] + y) * size[1], cut, (ch * h + y) * w, w);
            }
        }
        return new Image(name, cut, h, w, label);
    }

    /** The image to draw maps for: the option's index into the images (clamped to what there is). */
    Image shown(int index) {
        return images.get(Math.max(0, Math.min(images.size() - 1, index)));
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** Output drift of probed passes against the plain ones, averaged over images. */
    static final class Drift {
        private double logitCos;
        private double featureCos;
        private double agree;
        private double correct;
        private int labelled;
        private int n;

        void add(ProbeViT.Pass base, ProbeViT.Pass probed, int label) {
            if (base.logits() != null) {
                logitCos += cosine(base.logits(), probed.logits());
                agree += base.predicted() == probed.predicted() ? 1 : 0;
                if (label >= 0) {
                    correct += probed.predicted() == label ? 1 : 0;
                    labelled++;
                }
            }
            featureCos += cosine(base.feature(), probed.feature());
            n++;
        }

        double logitCosine() {
            return logitCos / n;
        }

        double featureCosine() {
            return featureCos / n;
        }

        double agreement() {
            return agree / n;
        }

        /** Top-1 accuracy over the images with a known label, NaN when none has one. */
        double accuracy() {
            return labelled == 0 ? Double.NaN : correct / labelled;
        }
    }

    /** A per-patch value (G) as a gh × gw heatmap. */
    static org.attentionworkbench.compute.figure.HeatmapFigure grid(String id, String title, int gh, int gw,
            float[] values, boolean diverging) {
        return org.attentionworkbench.compute.figure.HeatmapFigure.of(id, title, gh, gw, values, diverging);
    }
}
