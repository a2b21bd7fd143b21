package org.attentionworkbench.compute.models.depth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.LayerNorm;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Depth Anything V2: a DINOv2 {@link ViT} whose chosen blocks' tokens, each through the backbone's
 * final layer norm and without the class token, feed a DPT neck (reassemble, fusion) and head.
 * Follows HF's modeling_depth_anything.py, which equals the original dpt.py op for op.
 *
 * <p>Legend: D backbone width, gh×gw patch grid, F fusion width, H×W input pixels.
 */
public final class DepthAnything implements DepthModel {
    private final Device device;
    private final DepthAnythingConfig cfg;
    private final ViT vit;
    private final LayerNorm norm;               // the backbone's final norm, shared by the 4 stages
    private final Map<String, Tensor> w = new HashMap<>(); // neck and head weights on the device, HF names

    /**
     * Most patches one pass takes (64 × 64, e.g. 896 × 896 px; a 2:1 panorama at 518 rows is 74 × 37):
     * beyond it the neck's and head's full-resolution maps alone pass a gigabyte.
     */
    public static final int MAX_PATCHES = 64 * 64;
    /** Most bytes of attention maps one pass may capture (layers × heads × T² floats). */
    public static final long MAX_CAPTURE_BYTES = 2L << 30;

    public DepthAnything(Device device, DepthAnythingLoader.Loaded loaded) {
        this.device = device;
        this.cfg = loaded.config();
        this.vit = new ViT(device, loaded.backbone());
        Map<String, HostTensor> bw = loaded.backbone().weights();
        float[] beta = bw.containsKey("norm.bias") ? bw.get("norm.bias").data() : new float[vit.config().dim()];
        this.norm = new LayerNorm(device, bw.get("norm.weight").data(), beta, vit.config().eps());
        loaded.head().forEach((k, t) -> w.put(k, device.upload(t.data(), t.shape())));
    }

    public DepthAnythingConfig config() {
        return cfg;
    }

    /** The backbone (its config, and its own forward for attention views). */
    public ViT backbone() {
        return vit;
    }

    @Override
    public DepthKind kind() {
        return cfg.kind();
    }

    @Override
    public int patchSize() {
        return vit.config().patch();
    }

    @Override
    public DepthMap predict(RgbImage image) {
        return predict(image, CaptureRequest.none()).depth();
    }

    @Override
    public Prediction predict(RgbImage image, CaptureRequest capture) {
        int[] hw = new int[2];
        float[] pixels = DepthPreprocess.apply(image, cfg.preprocess(), hw);
        Prediction p = run(pixels, hw[0], hw[1], capture);
        float[] back = DepthPreprocess.toImageSize(p.depth().values(), hw[0], hw[1], image.height(), image.width(),
                cfg.preprocess().codebase());
        return new Prediction(new DepthMap(back, image.width(), image.height(), cfg.kind()), p.layers(), p.gridH(),
                p.gridW());
    }

    @Override
    public DepthMap predictTensor(float[] chw, int height, int width) {
        return run(chw, height, width, CaptureRequest.none()).depth();
    }

    /** The network on normalised pixels [3, H, W] (sides multiples of the patch) → depth at H×W. */
    public Prediction run(float[] chw, int height, int width, CaptureRequest capture) {
        int p = patchSize();
        if (height <= 0 || width <= 0 || height % p != 0 || width % p != 0 || chw.length != 3L * height * width) {
            throw new IllegalArgumentException("Depth Anything input must be [3, H, W] with H and W multiples of " + p
                    + "; got " + chw.length + " values for " + height + "×" + width);
        }
        long patches = (long) (height / p) * (width / p);
        if (patches > MAX_PATCHES) {
            throw new IllegalArgumentException("Depth Anything input of " + width + "×" + height + " px is "
                    + patches + " patches, more than " + MAX_PATCHES + "; resize it (or predict() an image, whose "
                    + "resize targets " + cfg.preprocess().height() + " rows) or cut it into patches");
        }
        long t = patches + vit.config().prefixTokens();
        long captureBytes = (long) capture.layers().cardinality() * vit.config().heads() * t * t * 4;
        if (captureBytes > MAX_CAPTURE_BYTES) {
            throw new IllegalArgumentException("capturing " + capture.layers().cardinality() + " layers of attention at "
                    + t + " tokens needs " + (captureBytes >> 20) + " MiB, more than " + (MAX_CAPTURE_BYTES >> 20)
                    + " MiB; ask for fewer layers or a smaller input");
        }
        List<Tensor> temps = new ArrayList<>();
        try {
            Tensor pixels = keep(temps, device.upload(chw, 1, 3, height, width));
            ViT.Hidden hidden = vit.forwardHidden(pixels, capture, cfg.outBlocks());
            temps.addAll(hidden.states());
            int gh = hidden.gridH();
            int gw = hidden.gridW();
            Tensor[] feats = new Tensor[4];
            for (int i = 0; i < 4; i++) {
                feats[i] = reassemble(temps, hidden.states().get(i), i, gh, gw);
            }
            Tensor fused = null;
            for (int j = 0; j < 4; j++) { // deepest stage first
                Tensor stage = feats[3 - j];
                String fl = "neck.fusion_stage.layers." + j + ".";
                Tensor h = stage;
                if (fused != null) {
                    Tensor res = residual(temps, stage, fl + "residual_layer1.");
                    if (res.dim(2) != fused.dim(2) || res.dim(3) != fused.dim(3)) {
                        Tensor r2 = keep(temps, device.allocate(fused.shape()));
                        device.resizeBilinear(r2, res, false);
                        res = r2;
                    }
                    h = keep(temps, device.allocate(fused.shape()));
                    device.add(h, fused, res);
                }
                h = residual(temps, h, fl + "residual_layer2.");
                int oh = j < 3 ? feats[2 - j].dim(2) : h.dim(2) * 2;
                int ow = j < 3 ? feats[2 - j].dim(3) : h.dim(3) * 2;
                Tensor up = keep(temps, device.allocate(1, cfg.fusion(), oh, ow));
                device.resizeBilinear(up, h, true);
                fused = conv(temps, up, fl + "projection", 1, 0);
            }
            Tensor c1 = conv(temps, fused, "head.conv1", 1, 1);
            Tensor up = keep(temps, device.allocate(1, cfg.headMid(), gh * p, gw * p));
            device.resizeBilinear(up, c1, true);
            Tensor c2 = conv(temps, up, "head.conv2", 1, 1);
            device.activate(c2, c2, Activation.RELU);
            Tensor c3 = conv(temps, c2, "head.conv3", 1, 0);
            float[] depth = device.download(c3);
            for (int i = 0; i < depth.length; i++) { // the last activation on the host: one plane
                depth[i] = cfg.kind() == DepthKind.METRIC_METRES
                        ? (float) (1.0 / (1.0 + Math.exp(-depth[i]))) * cfg.maxDepth()
                        : Math.max(depth[i], 0f) * cfg.maxDepth();
            }
            return new Prediction(new DepthMap(depth, gw * p, gh * p, cfg.kind()), hidden.layers(), gh, gw);
        } finally {
            temps.forEach(Tensor::close);
        }
    }

    /** Stage i: final norm, class (and register) tokens dropped, (D, gh, gw), 1×1 projection, resize, neck conv. */
    private Tensor reassemble(List<Tensor> temps, Tensor tokens, int i, int gh, int gw) {
        int d = vit.config().dim();
        int g = gh * gw;
        norm.forward(tokens, tokens);
        Tensor patches = keep(temps, device.allocate(1, g, d));
        device.slice(patches, tokens, 1, vit.config().prefixTokens());
        Tensor planes = keep(temps, device.allocate(1, d, g));
        device.permute(planes, patches, 0, 2, 1);
        Tensor x = keep(temps, planes.reshape(1, d, gh, gw));
        String r = "neck.reassemble_stage.layers." + i + ".";
        x = conv(temps, x, r + "projection", 1, 0);
        float f = cfg.factors()[i];
        if (f > 1) {
            int k = (int) f;
            Tensor y = keep(temps, device.allocate(1, cfg.neck()[i], x.dim(2) * k, x.dim(3) * k));
            device.convTranspose2d(y, x, w.get(r + "resize.weight"), w.get(r + "resize.bias"), k, 0, 0);
            x = y;
        } else if (f < 1) {
            x = conv(temps, x, r + "resize", (int) Math.rint(1 / f), 1);
        }
        return conv(temps, x, "neck.convs." + i, 1, 1);
    }

    /** ReLU → conv3×3 → ReLU → conv3×3, plus the input (the ReLUs write new tensors: x stays as it is). */
    private Tensor residual(List<Tensor> temps, Tensor x, String name) {
        Tensor a = keep(temps, device.allocate(x.shape()));
        device.activate(a, x, Activation.RELU);
        Tensor c = conv(temps, a, name + "convolution1", 1, 1);
        device.activate(c, c, Activation.RELU);
        Tensor out = conv(temps, c, name + "convolution2", 1, 1);
        device.add(out, out, x);
        return out;
    }

    /** A convolution (weight name + ".weight", bias + ".bias" when present) into a new tensor. */
    private Tensor conv(List<Tensor> temps, Tensor x, String name, int stride, int padding) {
        Tensor weight = w.get(name + ".weight");
        int k = weight.dim(2);
        int oh = (x.dim(2) + 2 * padding - k) / stride + 1;
        int ow = (x.dim(3) + 2 * padding - weight.dim(3)) / stride + 1;
        Tensor out = keep(temps, device.allocate(1, weight.dim(0), oh, ow));
        device.conv2d(out, x, weight, w.get(name + ".bias"), stride, padding, 1);
        return out;
    }

    private static Tensor keep(List<Tensor> temps, Tensor t) {
        temps.add(t);
        return t;
    }

    @Override
    public void close() {
        w.values().forEach(Tensor::close);
        norm.close();
        vit.close();
    }
}
