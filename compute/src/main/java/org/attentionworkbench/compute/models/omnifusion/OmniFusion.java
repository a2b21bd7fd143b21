package org.attentionworkbench.compute.models.omnifusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.checkpoint.TensorEntry;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.mobilenet.BatchNormFold;
import org.attentionworkbench.compute.nn.LayerNorm;
import org.attentionworkbench.compute.nn.Linear;
import org.attentionworkbench.compute.nn.SelfAttention;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.compute.panorama.Gnomonic;
import org.attentionworkbench.compute.panorama.OmniFusionMerge;
import org.attentionworkbench.compute.panorama.TangentLayout;
import org.attentionworkbench.compute.panorama.TangentPatch;
import org.attentionworkbench.compute.panorama.Tangents;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * OmniFusion (Li et al., CVPR 2022; yuyanli0831/OmniFusion, MIT) on our engine: 360° depth from an ERP
 * image through tangent patches, for users who have its released checkpoints.
 *
 * <p>Dimension legend: N patches (10/18/26/46), P patch size (128 for the released code: the token is
 * down1's 32 channels × layer4's 4×4 = 512), Q = P/4, C0…C4 the ResNet widths (64/64/128/256/512),
 * D the transformer width (= C4), H×W the ERP.
 *
 * <p>One iteration ({@code spherical_fusion.forward} of model/spherical_model_iterative.py): the ERP is
 * sampled into N patches (equi2pers); a ResNet-34 encodes them as one batch (its Conv3d (k, k, 1)
 * kernels are per-patch conv2d; BatchNorm folded at load); the patches' unit-sphere points at Q×Q
 * (iteration 1) or those points times the previous ERP depth sampled at Q×Q (iteration ≥ 2) go through
 * mlp_points1/2 and are added to layer1; down1 turns layer4 into one token per patch, a transformer
 * (position embedding, 6 blocks of 4 heads, encoder_norm) mixes them, and each token is added back to
 * its patch's layer4 as a per-channel constant; a U-Net decoder with bilinear upsampling gives depth
 * (ReLU) and confidence (sigmoid) per patch pixel, merged into the ERP by {@link OmniFusionMerge}
 * (pers2equi_v3), confidence-weighted when asked.
 *
 * <p>The convolutions, transformer and resizes run on the device; the ERP↔patch resampling, the
 * sigmoid of the 1-channel confidence map and the merge run on the host between them, on the maps the
 * merge needs there anyway.
 */
public final class OmniFusion implements AutoCloseable {
    /** BatchNorm eps: PyTorch's default, which the checkpoints do not store. */
    static final double BN_EPS = 1e-5;
    /** Heads in Transformer_cascade (hard-coded {@code num_heads=4}; not recorded in a checkpoint). */
    static final int HEADS = 4;

    private final Device device;
    private final String file;
    private final OmniFusionConfig config;
    private final Conv stem;
    private final List<List<Block>> layers;
    private final Conv down1;
    private final Tensor posEmb;
    private final List<TransformerBlock> blocks;
    private final LayerNorm encoderNorm;
    private final Conv[] decoder; // de_conv0_0, 0_1, 1_0, 1_1, 2_0, 2_1, 3_0, 3_1, 4_0
    private final Conv pred;
    private final Conv weightPred;
    private final Conv[] points1;
    private final Conv[] points2;
    private final TangentLayout layout;
    private final TangentLayout quarterLayout;
    /** Unit-sphere points of every quarter-size patch pixel, [N, 3, Q, Q] (equi2pers_v3's xyz). */
    private final float[] xyz;
    private OmniFusionMerge merge;

    private record Conv(Tensor weight, Tensor bias, int cout, int k, int stride, int pad) {
        void close() {
            weight.close();
            bias.close();
        }
    }

    private record Block(Conv conv1, Conv conv2, Conv downsample) {}

    private record TransformerBlock(LayerNorm norm1, SelfAttention attn, LayerNorm norm2, Linear fc1, Linear fc2) {
        void close() {
            norm1.close();
            attn.close();
            norm2.close();
            fc1.close();
            fc2.close();
        }
    }

    private OmniFusion(Loader l) {
        this.device = l.device;
        this.file = l.ck.file();
        this.config = l.config;
        this.stem = l.stem;
        this.layers = l.layers;
        this.down1 = l.down1;
        this.posEmb = l.posEmb;
        this.blocks = l.blocks;
        this.encoderNorm = l.encoderNorm;
        this.decoder = l.decoder;
        this.pred = l.pred;
        this.weightPred = l.weightPred;
        this.points1 = l.points1;
        this.points2 = l.points2;
        this.layout = TangentLayout.omnifusion(config.rows(), config.fovDegrees(), config.patchSize());
        this.quarterLayout = TangentLayout.omnifusion(config.rows(), config.fovDegrees(), config.patchSize() / 4);
        this.xyz = unitPoints(quarterLayout);
    }

    /**
     * Whether {@code file} is a checkpoint file holding OmniFusion's weights (it has the patch transformer's
     * position embedding, under any wrapper prefix); false for folders and for files no reader accepts.
     */
    public static boolean recognises(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        try (Checkpoint ckpt = Checkpoints.open(file)) {
            for (TensorEntry e : ckpt.entries()) {
                if (e.name().equals(Loader.POS_EMB) || e.name().endsWith("." + Loader.POS_EMB)) {
                    return true;
                }
            }
            return false;
        } catch (CheckpointException e) {
            return false;
        }
    }

    /** Opens an OmniFusion {@code .pth} with test.py's settings (fov 80, 2 iterations, no confidence). */
    public static OmniFusion open(Path file, Device device) {
        return open(file, device, OmniFusionOptions.DEFAULT);
    }

    /**
     * Opens an OmniFusion {@code .pth}: a state_dict as train/test.py save it ({@code module.} keys from
     * DataParallel), also inside a dict (e.g. {@code {'state_dict': …}}). Layout and patch size come from
     * the shapes; a file that is not OmniFusion's, or whose shapes disagree, fails with a
     * {@link CheckpointException} naming the file and the key.
     */
    public static OmniFusion open(Path file, Device device, OmniFusionOptions options) {
        try (Checkpoint ckpt = Checkpoints.open(file)) {
            return load(ckpt, device, options);
        }
    }

    public static OmniFusion load(Checkpoint ckpt, Device device, OmniFusionOptions options) {
        Loader l = new Loader(ckpt, device, options);
        try {
            l.load();
            return new OmniFusion(l);
        } catch (RuntimeException e) {
            l.made.forEach(Tensor::close);
            l.closeables.forEach(c -> {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            });
            throw e;
        }
    }

    public OmniFusionConfig config() {
        return config;
    }

    public Device device() {
        return device;
    }

    /** The tangent layout the network sees (equi2pers_v3's centres, FOV and patch size). */
    public TangentLayout layout() {
        return layout;
    }

    /**
     * OmniFusion's own input from an image: resized to {@code width}×{@code height} with cv2's INTER_AREA
     * and scaled to [0, 1] in <b>BGR</b> channel order, as its loaders do (cv2.imread, cv2.resize, /255):
     * the released checkpoints were trained on BGR tensors. 512×1024 for Stanford2D3D and Matterport3D,
     * 256×512 for 360D.
     */
    public static float[] input(RgbImage image, int width, int height) {
        return OmniFusionInput.bgr(image, width, height);
    }

    /** The input width of its Stanford2D3D and Matterport3D loaders (cv2 resize to 1024×512). */
    public static final int INPUT_WIDTH = 1024;

    /**
     * Depth in metres for a whole panorama of any size, on the image's own {@link Equirect} grid: the
     * loaders' input ({@link #input} at {@link #INPUT_WIDTH}×{@link #INPUT_WIDTH}/2), the network, and its
     * depth resampled back ({@link Equirect#resample}).
     */
    public float[] predictOnImage(RgbImage erp, OmniFusionProgress progress) {
        int w = INPUT_WIDTH, h = w / 2;
        ErpDepth d = predict(input(erp, w, h), h, w, progress);
        return new Equirect(w, h).resample(d.depth(), new Equirect(erp.width(), erp.height()));
    }

    /**
     * ERP depth in metres for an ERP image [3, H, W] (row-major, as {@link #input} gives it); progress is
     * reported and cancellation polled between stages ({@link CancellationException} when cancelled).
     */
    public ErpDepth predict(float[] erpChw, int height, int width, OmniFusionProgress progress) {
        Equirect grid = new Equirect(width, height);
        grid.requireMap(erpChw, 3);
        if (merge == null || !merge.grid().equals(grid)) {
            merge = OmniFusionMerge.create(config.rows(), config.fovDegrees(), config.patchSize(), grid);
        }
        int n = config.patches();
        int p = config.patchSize();
        int q = p / 4;
        int its = config.iterations();
        step(progress, 0, "patches");
        float[] patchData = concat(Tangents.toPatches(erpChw, 3, grid, layout));
        List<float[]> maps = new ArrayList<>();
        float[] confidence = null;
        try (Tensor patches = device.upload(patchData, n, 3, p, p)) {
            for (int it = 0; it < its; it++) {
                double base = (double) it / its;
                float[] points = xyz;
                if (it > 0) {
                    // the previous ERP depth at the quarter-size patch pixels, multiplied into the rays
                    float[] depth = concat(Tangents.toPatches(maps.get(it - 1), 1, grid, quarterLayout));
                    points = new float[xyz.length];
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < 3; c++) {
                            for (int j = 0; j < q * q; j++) {
                                points[(i * 3 + c) * q * q + j] = xyz[(i * 3 + c) * q * q + j] * depth[i * q * q + j];
                            }
                        }
                    }
                }
                step(progress, base + 0.05 / its, "encoder " + (it + 1));
                float[][] heads = network(patches, points, it == 0 ? points1 : points2, progress, base, its, it + 1);
                step(progress, base + 0.95 / its, "merge " + (it + 1));
                if (config.confidence()) {
                    float[] weight = heads[1];
                    float[] weighted = heads[0].clone();
                    for (int i = 0; i < weighted.length; i++) {
                        weighted[i] *= weight[i];
                    }
                    float[] num = merge.merge(weighted);
                    float[] den = merge.merge(weight);
                    float[] depth = new float[num.length];
                    for (int i = 0; i < depth.length; i++) {
                        depth[i] = num[i] / (den[i] + (den[i] <= 1e-8f ? 1e-8f : 0f));
                    }
                    maps.add(depth);
                    confidence = den;
                } else {
                    maps.add(merge.merge(heads[0]));
                }
            }
        }
        progress.progress(1, "done");
        return new ErpDepth(height, width, maps.get(maps.size() - 1), confidence, List.copyOf(maps));
    }

    /** One pass of the network: depth (after ReLU) and, when asked, confidence (after sigmoid), [N, P, P] each. */
    private float[][] network(Tensor patches, float[] points, Conv[] mlp, OmniFusionProgress progress, double base,
            int its, int it) {
        int n = config.patches();
        int q = config.patchSize() / 4;
        List<Tensor> live = new ArrayList<>();
        try {
            // 1. the geometric embedding: sphere points (times depth) → 1×1 convs with BN + ReLU
            Tensor pts = keep(live, device.upload(points, n, 3, q, q));
            Tensor feat = conv(mlp[1], conv(mlp[0], pts, true, live), true, live);
            // 2. ResNet-34 over all patches as one batch; the embedding joins after layer1
            Tensor conv1 = conv(stem, patches, true, live);
            Tensor pool = keep(live, device.allocate(n, conv1.dim(1), pooled(conv1.dim(2)), pooled(conv1.dim(3))));
            device.maxPool2d(pool, conv1, 3, 2, 1);
            Tensor layer1 = layer(layers.get(0), pool, live);
            requireSame(layer1, feat, "mlp_points");
            device.add(layer1, layer1, feat);
            Tensor layer2 = layer(layers.get(1), layer1, live);
            Tensor layer3 = layer(layers.get(2), layer2, live);
            Tensor layer4 = layer(layers.get(3), layer3, live);
            cancelPoint(progress, base + 0.4 / its, "transformer " + it);
            // 3. one token per patch, mixed across patches, added back as a per-channel constant
            transformer(layer4, live);
            cancelPoint(progress, base + 0.5 / its, "decoder " + it);
            // 4. the U-Net decoder
            Tensor x = conv(decoder[0], up(layer4, layer3, live), true, live);
            x = conv(decoder[1], cat(x, layer3, live), true, live);
            x = conv(decoder[2], up(x, layer2, live), true, live);
            x = conv(decoder[3], cat(x, layer2, live), true, live);
            x = conv(decoder[4], up(x, layer1, live), true, live);
            x = conv(decoder[5], cat(x, layer1, live), true, live);
            x = conv(decoder[6], up(x, conv1, live), true, live);
            x = conv(decoder[7], cat(x, conv1, live), true, live);
            x = conv(decoder[8], up(x, patches, live), true, live);
            float[] depth = device.download(conv(pred, x, true, live));
            float[] weight = null;
            if (config.confidence()) {
                weight = device.download(conv(weightPred, x, false, live));
                for (int i = 0; i < weight.length; i++) {
                    weight[i] = (float) (1 / (1 + Math.exp(-weight[i])));
                }
            }
            return new float[][] {depth, weight};
        } finally {
            live.forEach(Tensor::close);
        }
    }

    private void transformer(Tensor layer4, List<Tensor> live) {
        int n = config.patches();
        Tensor down = conv(down1, layer4, false, live);
        int d = posEmb.dim(2);
        Tensor tokens = keep(live, device.allocate(1, n, d));
        try (Tensor flat = down.reshape(1, n, d)) {
            device.add(tokens, flat, posEmb);
        }
        Tensor h = keep(live, device.allocate(1, n, d));
        Tensor hidden = keep(live, device.allocate(1, n, blocks.isEmpty() ? d : blocks.get(0).fc1().out()));
        for (TransformerBlock b : blocks) {
            b.norm1().forward(h, tokens);
            b.attn().forward(tokens, h, null, null, true);
            b.norm2().forward(h, tokens);
            b.fc1().forward(hidden, h, Activation.GELU, false);
            b.fc2().forward(tokens, hidden, null, true);
        }
        encoderNorm.forward(h, tokens);
        // layer4[p, c, :, :] += token[p, c]: a K = 1 product with a row of ones, accumulated into layer4
        int hw = layer4.dim(2) * layer4.dim(3);
        float[] ones = new float[hw];
        Arrays.fill(ones, 1f);
        try (Tensor one = device.upload(ones, 1, hw); Tensor col = h.reshape(n, d, 1);
                Tensor l4 = layer4.reshape(n, d, hw)) {
            device.linear(l4, col, one, null, null, true);
        }
    }

    private Tensor layer(List<Block> layer, Tensor x, List<Tensor> live) {
        Tensor cur = x;
        for (Block b : layer) {
            Tensor out = conv(b.conv2(), conv(b.conv1(), cur, true, live), false, live);
            Tensor identity = b.downsample() == null ? cur : conv(b.downsample(), cur, false, live);
            device.add(out, out, identity);
            device.activate(out, out, Activation.RELU);
            cur = out;
        }
        return cur;
    }

    private Tensor conv(Conv c, Tensor in, boolean relu, List<Tensor> live) {
        int oh = (in.dim(2) + 2 * c.pad() - c.k()) / c.stride() + 1;
        int ow = (in.dim(3) + 2 * c.pad() - c.k()) / c.stride() + 1;
        Tensor out = keep(live, device.allocate(in.dim(0), c.cout(), oh, ow));
        device.conv2d(out, in, c.weight(), c.bias(), c.stride(), c.pad(), 1);
        if (relu) {
            device.activate(out, out, Activation.RELU);
        }
        return out;
    }

    /** Bilinear (align_corners=False) to {@code like}'s H×W, per patch, as F.interpolate in the decoder. */
    private Tensor up(Tensor x, Tensor like, List<Tensor> live) {
        Tensor out = keep(live, device.allocate(x.dim(0), x.dim(1), like.dim(2), like.dim(3)));
        device.resizeBilinear(out, x, false);
        return out;
    }

    /** torch.cat([a, b], channels). */
    private Tensor cat(Tensor a, Tensor b, List<Tensor> live) {
        requireSame(a, b, "decoder skip");
        Tensor out = keep(live, device.allocate(a.dim(0), a.dim(1) + b.dim(1), a.dim(2), a.dim(3)));
        device.place(out, a, 1, 0);
        device.place(out, b, 1, a.dim(1));
        return out;
    }

    private void requireSame(Tensor a, Tensor b, String what) {
        if (a.dim(0) != b.dim(0) || a.dim(2) != b.dim(2) || a.dim(3) != b.dim(3)
                || (what.equals("mlp_points") && a.dim(1) != b.dim(1))) {
            throw new IllegalStateException(what + ": " + a + " and " + b + " do not line up (file " + file + ")");
        }
    }

    private static int pooled(int size) {
        return (size + 2 - 3) / 2 + 1;
    }

    private static Tensor keep(List<Tensor> live, Tensor t) {
        live.add(t);
        return t;
    }

    private static void step(OmniFusionProgress progress, double fraction, String stage) {
        cancelPoint(progress, fraction, stage);
    }

    private static void cancelPoint(OmniFusionProgress progress, double fraction, String stage) {
        if (progress.cancelled()) {
            throw new CancellationException("OmniFusion cancelled before " + stage);
        }
        progress.progress(Math.min(1, fraction), stage);
    }

    private static float[] concat(float[][] parts) {
        int total = 0;
        for (float[] p : parts) {
            total += p.length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** equi2pers_v3's xyz: (cos φ sin λ, cos φ cos λ, sin φ) at every pixel of every patch, [N, 3, S, S]. */
    static float[] unitPoints(TangentLayout layout) {
        int n = layout.size();
        int s = layout.patch(0).width();
        float[] out = new float[n * 3 * s * s];
        double[] lonLat = new double[2];
        for (int i = 0; i < n; i++) {
            TangentPatch tp = layout.patch(i);
            for (int r = 0; r < s; r++) {
                for (int c = 0; c < s; c++) {
                    Gnomonic.inverse(tp.x(c), tp.y(r), tp.lon0(), tp.lat0(), lonLat);
                    double cosLat = Math.cos(lonLat[1]);
                    int at = r * s + c;
                    out[(i * 3) * s * s + at] = (float) (cosLat * Math.sin(lonLat[0]));
                    out[(i * 3 + 1) * s * s + at] = (float) (cosLat * Math.cos(lonLat[0]));
                    out[(i * 3 + 2) * s * s + at] = (float) Math.sin(lonLat[1]);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        stem.close();
        layers.forEach(l -> l.forEach(b -> {
            b.conv1().close();
            b.conv2().close();
            if (b.downsample() != null) {
                b.downsample().close();
            }
        }));
        down1.close();
        posEmb.close();
        blocks.forEach(TransformerBlock::close);
        encoderNorm.close();
        for (Conv c : decoder) {
            c.close();
        }
        pred.close();
        weightPred.close();
        for (Conv c : points1) {
            c.close();
        }
        for (Conv c : points2) {
            c.close();
        }
    }

    /** Reads the checkpoint's keys and shapes into device weights. */
    private static final class Loader {
        private static final String POS_EMB = "transformer.pos_emb";
        private static final int[] RESNET34_BLOCKS = {3, 4, 6, 3};

        final Device device;
        final OmniFusionOptions options;
        final List<Tensor> made = new ArrayList<>();
        final List<AutoCloseable> closeables = new ArrayList<>();
        Checkpoint ck;
        OmniFusionConfig config;
        Conv stem;
        List<List<Block>> layers;
        Conv down1;
        Tensor posEmb;
        List<TransformerBlock> blocks;
        LayerNorm encoderNorm;
        Conv[] decoder;
        Conv pred;
        Conv weightPred;
        Conv[] points1;
        Conv[] points2;

        Loader(Checkpoint ckpt, Device device, OmniFusionOptions options) {
            this.ck = ckpt;
            this.device = device;
            this.options = options;
        }

        void load() {
            // 1. find the state_dict inside whatever wraps it ('module.', 'state_dict.module.', …)
            String prefix = null;
            for (TensorEntry e : ck.entries()) {
                if (e.name().equals(POS_EMB) || e.name().endsWith("." + POS_EMB)) {
                    prefix = e.name().substring(0, e.name().length() - POS_EMB.length());
                    break;
                }
            }
            if (prefix == null) {
                throw new CheckpointException(ck.file(), "not an OmniFusion checkpoint: no tensor '" + POS_EMB
                        + "' (spherical_fusion's transformer position embedding)");
            }
            if (!prefix.isEmpty()) {
                ck = ck.subtree(prefix.substring(0, prefix.length() - 1));
            }
            // 2. layout and patch size from the shapes
            int[] pos = shape(POS_EMB, 3);
            int n = pos[1];
            int d = pos[2];
            int rows = OmniFusionConfig.rowsOfPatches(n);
            if (pos[0] != 1 || rows < 0) {
                throw bad(POS_EMB, "shape " + Arrays.toString(pos) + ": OmniFusion has layouts of 10, 18, 26 or 46"
                        + " patches (3–6 rows), not " + n);
            }
            layers = new ArrayList<>();
            stem = conv("conv1", "bn1", 2, 3, 7);
            int c4 = stem.cout();
            for (int l = 1; l <= 4; l++) {
                List<Block> layer = new ArrayList<>();
                int count = 0;
                while (ck.contains("layer" + l + "." + count + ".conv1.weight")) {
                    count++;
                }
                if (count != RESNET34_BLOCKS[l - 1]) {
                    throw bad("layer" + l + "." + count + ".conv1.weight", "ResNet-34's layer" + l + " has "
                            + RESNET34_BLOCKS[l - 1] + " blocks, this file " + count);
                }
                for (int b = 0; b < count; b++) {
                    String p = "layer" + l + "." + b + ".";
                    int stride = l > 1 && b == 0 ? 2 : 1;
                    Conv ds = ck.contains(p + "downsample.0.weight")
                            ? conv(p + "downsample.0", p + "downsample.1", stride, 0, 1) : null;
                    layer.add(new Block(conv(p + "conv1", p + "bn1", stride, 1, 3), conv(p + "conv2", p + "bn2", 1, 1, 3),
                            ds));
                    c4 = layer.get(b).conv2().cout();
                }
                layers.add(List.copyOf(layer));
            }
            if (d != c4) {
                throw bad(POS_EMB, "token width " + d + " differs from layer4's " + c4
                        + " channels, which each token is added to");
            }
            down1 = conv("down1", null, 1, 0, 1);
            int downCh = down1.cout();
            int cells = d % downCh == 0 ? d / downCh : -1;
            int side = (int) Math.round(Math.sqrt(Math.max(cells, 0)));
            if (cells <= 0 || side * side != cells) {
                throw bad("down1.weight", "a token of " + d + " values is not " + downCh
                        + " channels × a square layer4 grid, so the patch size cannot be told");
            }
            int patch = 32 * side; // layer4 is 1/32 of the patch
            config = new OmniFusionConfig(rows, n, patch, options.fovDegrees(), options.iterations(),
                    options.confidence());
            posEmb = made(device.upload(ck.readFloats(POS_EMB), 1, n, d));
            // 3. the transformer
            blocks = new ArrayList<>();
            for (int i = 0; ck.contains("transformer.layer." + i + ".norm1.weight"); i++) {
                blocks.add(block("transformer.layer." + i + ".", d));
            }
            if (blocks.isEmpty()) {
                throw bad("transformer.layer.0.norm1.weight", "missing: the transformer has no blocks");
            }
            encoderNorm = norm("transformer.encoder_norm", d, 1e-6f);
            // 4. decoder, heads, point MLPs
            String[] names = {"de_conv0_0", "de_conv0_1", "de_conv1_0", "de_conv1_1", "de_conv2_0", "de_conv2_1",
                "de_conv3_0", "de_conv3_1", "de_conv4_0"};
            decoder = new Conv[names.length];
            for (int i = 0; i < names.length; i++) {
                decoder[i] = conv(names[i] + ".conv", names[i] + ".bn", 1, 1, 3);
            }
            pred = conv("pred", null, 1, 1, 3);
            weightPred = conv("weight_pred", null, 1, 1, 3);
            points1 = new Conv[] {conv("mlp_points1.0", "mlp_points1.1", 1, 0, 1), conv("mlp_points1.3", "mlp_points1.4", 1, 0, 1)};
            points2 = new Conv[] {conv("mlp_points2.0", "mlp_points2.1", 1, 0, 1), conv("mlp_points2.3", "mlp_points2.4", 1, 0, 1)};
            if (pred.cout() != 1 || weightPred.cout() != 1) {
                throw bad("pred.weight", "depth and confidence heads must have one output channel");
            }
            // 5. the channels must chain: each decoder conv reads the previous one (and its skip), the
            // point MLPs end at layer1's width
            int[] skips = {0, layers.get(2).getLast().conv2().cout(), 0, layers.get(1).getLast().conv2().cout(), 0,
                layers.get(0).getLast().conv2().cout(), 0, stem.cout(), 0};
            int cin = c4;
            for (int i = 0; i < decoder.length; i++) {
                requireIn(names[i] + ".conv.weight", decoder[i], cin + skips[i]);
                cin = decoder[i].cout();
            }
            requireIn("pred.weight", pred, cin);
            requireIn("weight_pred.weight", weightPred, cin);
            for (String m : new String[] {"mlp_points1", "mlp_points2"}) {
                Conv[] mlp = m.equals("mlp_points1") ? points1 : points2;
                requireIn(m + ".0.weight", mlp[0], 3);
                requireIn(m + ".3.weight", mlp[1], mlp[0].cout());
                if (mlp[1].cout() != stem.cout()) {
                    throw bad(m + ".3.weight", mlp[1].cout() + " output channels, but layer1 has " + stem.cout());
                }
            }
        }

        private void requireIn(String key, Conv c, int cin) {
            if (c.weight().dim(1) != cin) {
                throw bad(key, c.weight().dim(1) + " input channels, but " + cin + " reach it");
            }
        }

        private TransformerBlock block(String p, int d) {
            LayerNorm n1 = norm(p + "norm1", d, 1e-5f);
            LayerNorm n2 = norm(p + "norm2", d, 1e-5f);
            float[] q = floats(p + "attn.q.weight", d, d);
            float[] kv = floats(p + "attn.kv.weight", 2 * d, d);
            Linear lq = linear(q, null, d, d);
            Linear lk = linear(Arrays.copyOfRange(kv, 0, d * d), null, d, d);
            Linear lv = linear(Arrays.copyOfRange(kv, d * d, 2 * d * d), null, d, d);
            Linear proj = linear(floats(p + "attn.proj.weight", d, d), floats(p + "attn.proj.bias", d), d, d);
            if (d % HEADS != 0) {
                throw bad(p + "attn.q.weight", "width " + d + " does not split into " + HEADS + " heads");
            }
            SelfAttention attn = new SelfAttention(device, lq, lk, lv, proj, HEADS,
                    (float) Math.pow(d / HEADS, -0.5));
            closeables.removeIf(c -> c == lq || c == lk || c == lv || c == proj);
            closeables.add(attn);
            int hidden = shape(p + "mlp.fc1.weight", 2)[0];
            Linear fc1 = linear(floats(p + "mlp.fc1.weight", hidden, d), floats(p + "mlp.fc1.bias", hidden), hidden, d);
            Linear fc2 = linear(floats(p + "mlp.fc2.weight", d, hidden), floats(p + "mlp.fc2.bias", d), d, hidden);
            return new TransformerBlock(n1, attn, n2, fc1, fc2);
        }

        private Linear linear(float[] w, float[] b, int out, int in) {
            Linear l = new Linear(device, w, b, out, in);
            closeables.add(l);
            return l;
        }

        private LayerNorm norm(String p, int d, float eps) {
            LayerNorm n = new LayerNorm(device, floats(p + ".weight", d), floats(p + ".bias", d), eps);
            closeables.add(n);
            return n;
        }

        /**
         * A Conv3d (k, k, 1) or Conv2d with its BatchNorm folded in ({@code bnKey} null: the conv's own
         * bias, as down1, pred and weight_pred have).
         */
        private Conv conv(String convKey, String bnKey, int stride, int pad, int k) {
            String key = convKey + ".weight";
            int[] s = shape(key, -1);
            boolean ok = (s.length == 5 && s[4] == 1 || s.length == 4) && s[2] == k && s[3] == k;
            if (!ok) {
                throw bad(key, "shape " + Arrays.toString(s) + ", expected a " + k + "×" + k + " kernel [Cout, Cin, "
                        + k + ", " + k + (s.length == 5 ? ", 1]" : "]"));
            }
            float[] w = ck.readFloats(key);
            float[] bias = ck.contains(convKey + ".bias") ? floats(convKey + ".bias", s[0]) : null;
            float[] fw;
            float[] fb;
            if (bnKey != null) {
                BatchNormFold.Folded f = BatchNormFold.fold(w, bias, floats(bnKey + ".weight", s[0]),
                        floats(bnKey + ".bias", s[0]), floats(bnKey + ".running_mean", s[0]),
                        floats(bnKey + ".running_var", s[0]), BN_EPS);
                fw = f.weight();
                fb = f.bias();
            } else {
                if (bias == null) {
                    throw bad(convKey + ".bias", "missing (this conv has a bias in OmniFusion)");
                }
                fw = w;
                fb = bias;
            }
            Tensor tw = made(device.upload(fw, s[0], s[1], k, k));
            Tensor tb = made(device.upload(fb, s[0]));
            return new Conv(tw, tb, s[0], k, stride, pad);
        }

        private float[] floats(String key, int... expected) {
            int[] s = shape(key, -1);
            long n = 1;
            for (int v : s) {
                n *= v;
            }
            long want = 1;
            for (int v : expected) {
                want *= v;
            }
            if (n != want) {
                throw bad(key, "shape " + Arrays.toString(s) + ", expected " + Arrays.toString(expected));
            }
            return ck.readFloats(key);
        }

        private int[] shape(String key, int rank) {
            if (!ck.contains(key)) {
                throw bad(key, "missing (an OmniFusion spherical_fusion checkpoint has it)");
            }
            int[] s = ck.entry(key).shape();
            if (rank >= 0 && s.length != rank) {
                throw bad(key, "shape " + Arrays.toString(s) + ", expected rank " + rank);
            }
            return s;
        }

        private Tensor made(Tensor t) {
            made.add(t);
            return t;
        }

        private CheckpointException bad(String key, String problem) {
            return new CheckpointException(ck.file(), "OmniFusion tensor '" + key + "': " + problem);
        }
    }
}
