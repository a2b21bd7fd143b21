package org.attentionworkbench.app.zoo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.services.RgbImages;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.bert.Bert;
import org.attentionworkbench.compute.models.bert.MiniLM;
import org.attentionworkbench.compute.models.bert.WordPieceTokenizer;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;
import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.ModelLayer;
import org.attentionworkbench.compute.zoo.QkEmbedding;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooInputs;
import org.attentionworkbench.compute.zoo.ZooRun;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;

/**
 * Runs the zoo off the FX thread: builds the input (one layer of a ViT on the image, MiniLM on the
 * sentence, or synthetic tokens), runs the chosen mechanisms and embeds every head's queries and
 * keys. The open ViT and MiniLM are kept between runs on the same device.
 */
public final class ZooService implements AutoCloseable {
    /** What to run. card/image for IMAGE, text for TEXT, tokens/dim for SYNTHETIC; liveGate as in {@code zoo --live-gate}. */
    public record Request(ZooModel.Source source, Path card, String modelName, LoadedImage image, String text,
                          int layer, int head, int tokens, int dim, List<String> mechanisms, boolean liveGate) {}

    private VisionModel vit;
    private Path vitCard;
    private Bert bert;
    private WordPieceTokenizer tokenizer;
    private Device openDevice;

    public synchronized ZooResult run(Request r, Device device, Work.Progress progress) throws IOException {
        if (device != openDevice) {
            closeModels();
            openDevice = device;
        }
        List<Mixer> mixers = Mechanisms.byIds(r.mechanisms());
        if (r.liveGate()) {
            mixers = Mechanisms.withLiveGate(mixers);
        }
        if (mixers.isEmpty()) {
            throw new IllegalArgumentException("choose at least one mechanism");
        }
        ModelLayer layer = null;
        ZooInput input;
        progress.message("Zoo: preparing the tokens…");
        switch (r.source()) {
            case SYNTHETIC -> {
                int n = r.tokens();
                int s = (int) Math.round(Math.sqrt(n));
                input = s * s == n ? ZooInputs.synthetic(s, s, r.dim(), 1) : ZooInputs.synthetic(1, n, r.dim(), 1);
            }
            case IMAGE -> {
                if (r.card() == null || r.image() == null) {
                    throw new IllegalArgumentException("the image mode needs a ViT and an open image");
                }
                synchronized (device) {
                    layer = vitLayer(r, device);
                }
                input = layer.head(r.head());
            }
            case TEXT -> {
                synchronized (device) {
                    if (bert == null) {
                        tokenizer = MiniLM.tokenizer();
                        bert = MiniLM.model(device);
                    }
                    layer = ModelLayer.fromBert(bert, tokenizer, "MiniLM", r.text(), r.layer());
                }
                input = layer.head(r.head());
            }
            default -> throw new IllegalStateException();
        }
        checkCancel(progress);
        ZooRun.Result run = ZooRun.run(input, Mechanisms.softmax(), mixers, new LabProgress() {
            @Override
            public void update(String message, double fraction) {
                progress.message("Zoo: " + message);
                progress.update(fraction, 1);
            }

            @Override
            public boolean cancelled() {
                return progress.isCancelled();
            }
        });
        List<QkEmbedding> embeddings = new ArrayList<>();
        List<float[]> attention = new ArrayList<>();
        if (layer == null) {
            embeddings.add(QkEmbedding.pca(input.q(), input.k(), input.n(), input.d()));
            attention.add(run.reference().m());
        } else {
            for (int h = 0; h < layer.heads(); h++) {
                embeddings.add(QkEmbedding.pca(layer.queries(h), layer.keys(h), layer.n(), layer.d()));
                attention.add(layer.attention(h));
            }
        }
        return new ZooResult(input, run, r.source() == ZooModel.Source.IMAGE ? r.image() : null,
                layer == null ? 0 : r.head(), embeddings, attention);
    }

    /** The layer on the image squashed to the model's input size, as the explorer does, so patches line up. */
    private ModelLayer vitLayer(Request r, Device device) throws IOException {
        Path card = r.card().toAbsolutePath().normalize();
        if (vit == null || !card.equals(vitCard)) {
            if (vit != null) {
                vit.close();
            }
            vit = VisionModel.open(card, device);
            vitCard = card;
        }
        ViT net = vit.network();
        if (r.layer() < 0 || r.layer() >= net.config().depth()) {
            throw new IllegalArgumentException("layer " + r.layer() + ": this model has layers 0…" + (net.config().depth() - 1));
        }
        if (r.head() < 0 || r.head() >= net.config().heads()) {
            throw new IllegalArgumentException("head " + r.head() + ": this model has heads 0…" + (net.config().heads() - 1));
        }
        RgbImage img = RgbImages.of(r.image(), ImageFiles.Workload.MODEL_INPUT);
        Preprocess.Recipe rec = vit.recipe();
        int side = rec.crop() > 0 ? rec.crop() : rec.resize() > 0 ? rec.resize() : net.config().gridH() * net.config().patch();
        int[] size = new int[2];
        float[] pixels = Preprocess.apply(img, new Preprocess.Recipe(side, true, 0, rec.channels(), rec.mean(), rec.std()), size);
        BitSet b = new BitSet();
        b.set(r.layer());
        try (Tensor x = device.upload(pixels, 1, rec.channels(), size[0], size[1])) {
            ViT.Output out = net.forward(x, new CaptureRequest(b, true, true));
            return ModelLayer.fromCapture(r.modelName() + " layer " + r.layer(), out.layers().get(r.layer()),
                    net.config().prefixTokens(), out.gridH(), out.gridW(),
                    ZooInput.gridLabels(out.gridH(), out.gridW()), net.config().attnScale());
        }
    }

    private static void checkCancel(Work.Progress progress) {
        if (progress.isCancelled()) {
            throw new CancellationException("zoo run cancelled");
        }
    }

    private void closeModels() {
        if (vit != null) {
            vit.close();
            vit = null;
            vitCard = null;
        }
        if (bert != null) {
            bert.close();
            bert = null;
        }
    }

    @Override
    public synchronized void close() {
        closeModels();
    }
}
