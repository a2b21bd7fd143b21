package org.attentionworkbench.compute.anomaly;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.mobilenet.MobileNetV2;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * PatchCore-style multi-scale patch features from MobileNetV2.
 *
 * <p>Dimension legend: S input side, Ci channels of tap i, G = S/8 the common grid (the stride-8 map),
 * D = Σ Ci.
 *
 * <p>Default taps: features.3, .6 and .13, the last block of the stride-4, stride-8 and stride-16 stages.
 * Why: PatchCore keeps mid-level layers (ResNet layer2 + layer3, strides 8 and 16) because early layers
 * are too generic and the last ones too ImageNet-specific and too coarse; MobileNetV2's stages end at
 * blocks 3/6/13 with strides 4/8/16, and the stride-4 tap adds fine detail (thin cracks) that a 1×1
 * projection output of only 24 channels makes cheap. The stride-32 blocks (14..18) are left out.
 *
 * <p>Steps per image: squash to S×S; forward to the last tap; per tap a p×p local mean (PatchCore's
 * neighbourhood aggregation, AvgPool2d(p, 1, p/2); p = {@link #DEFAULT_AGGREGATE} unless chosen, 1 = none) and a bilinear resize to G×G; concatenation; per
 * patch each tap's part L2-normalised and scaled by 1/√taps so every scale weighs the same and the whole
 * row has unit length.
 */
public final class MobileNetFeatures implements FeatureExtractor {
    /** The default taps (see the class comment). */
    public static final int[] DEFAULT_TAPS = {3, 6, 13};
    /** The default local-aggregation window p (p×p mean; PatchCore's 3). */
    public static final int DEFAULT_AGGREGATE = 3;

    private final MobileNetV2 net;
    private final boolean ownsNet;
    private final int size;
    private final int[] taps;
    private final int aggregate;
    private final Tensor[] meanKernels; // per tap [Ci, 1, p, p] of 1/p² (none for p = 1)
    private final Preprocess.Recipe recipe;

    public MobileNetFeatures(MobileNetV2 net, int size, int... taps) {
        this(net, false, size, DEFAULT_AGGREGATE, taps);
    }

    private MobileNetFeatures(MobileNetV2 net, boolean ownsNet, int size, int aggregate, int... taps) {
        if (aggregate < 1 || aggregate % 2 == 0) {
            throw new IllegalArgumentException("local aggregation window " + aggregate + " must be odd and ≥ 1");
        }
        if (size < 32 || size % 8 != 0) {
            throw new IllegalArgumentException("input size " + size + " must be a multiple of 8, at least 32");
        }
        if (taps.length == 0) {
            throw new IllegalArgumentException("at least one tap");
        }
        this.net = net;
        this.ownsNet = ownsNet;
        this.size = size;
        this.taps = taps.clone();
        this.aggregate = aggregate;
        Arrays.sort(this.taps);
        this.recipe = new Preprocess.Recipe(size, true, 0, 3, new float[] {0.485f, 0.456f, 0.406f},
                new float[] {0.229f, 0.224f, 0.225f});
        meanKernels = new Tensor[aggregate == 1 ? 0 : this.taps.length];
        for (int i = 0; i < meanKernels.length; i++) {
            int c = net.channels(this.taps[i]);
            float[] k = new float[c * aggregate * aggregate];
            Arrays.fill(k, 1f / (aggregate * aggregate));
            meanKernels[i] = net.device().upload(k, c, 1, aggregate, aggregate);
        }
    }

    /** Opens the checkpoint (torchvision keys) and owns the network. */
    public static MobileNetFeatures open(Path checkpoint, Device device, Activation act, int size, int... taps) {
        return open(checkpoint, device, act, size, DEFAULT_AGGREGATE, taps);
    }

    /** The same with the local-aggregation window p (odd, 1 = none). */
    public static MobileNetFeatures open(Path checkpoint, Device device, Activation act, int size, int aggregate,
            int[] taps) {
        MobileNetV2 net = MobileNetV2.load(checkpoint, device, act);
        try {
            return new MobileNetFeatures(net, true, size, aggregate, taps.length == 0 ? DEFAULT_TAPS : taps);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public PatchFeatures extract(RgbImage image) {
        Device d = net.device();
        int[] hw = new int[2];
        float[] pixels = Preprocess.apply(image, recipe, hw);
        int g = size / 8;
        int dim = 0;
        for (int t : taps) {
            dim += net.channels(t);
        }
        float[] host;
        Tensor wrapped = d.wrap(pixels, 1, 3, size, size); // host-memory devices: no copy
        try (Tensor x = wrapped != null ? wrapped : d.upload(pixels, 1, 3, size, size);
                MobileNetV2.Output o = net.forward(x, false, taps);
                Tensor cat = d.allocate(1, dim, g, g);
                Tensor nhwc = d.allocate(1, g, g, dim)) {
            int at = 0;
            for (int i = 0; i < taps.length; i++) {
                Tensor f = o.taps().get(taps[i]);
                int c = f.dim(1);
                // 1. p×p neighbourhood mean (zero padding counted, as AvgPool2d's default); none for p = 1
                try (Tensor avg = aggregate == 1 ? null : d.allocate(f.shape());
                        Tensor onGrid = d.allocate(1, c, g, g)) {
                    if (avg != null) {
                        d.conv2d(avg, f, meanKernels[i], null, 1, aggregate / 2, c);
                    }
                    // 2. onto the common stride-8 grid, then into its channel range of the concatenation
                    d.resizeBilinear(onGrid, avg != null ? avg : f, false);
                    d.place(cat, onGrid, 1, at);
                }
                at += c;
            }
            // 3. channels last: one row per patch
            d.permute(nhwc, cat, 0, 2, 3, 1);
            host = d.download(nhwc);
        }
        // 4. per tap L2 norm, weighted 1/√taps, so rows are unit length (linear in the patch count)
        normalisePerTap(host, g * g, dim);
        return new PatchFeatures(g, g, dim, host);
    }

    private void normalisePerTap(float[] x, int rows, int dim) {
        float w = (float) (1 / Math.sqrt(taps.length));
        for (int r = 0; r < rows; r++) {
            int at = r * dim;
            for (int t : taps) {
                int c = net.channels(t);
                double ss = 0;
                for (int i = 0; i < c; i++) {
                    ss += x[at + i] * x[at + i];
                }
                float inv = ss > 0 ? (float) (w / Math.sqrt(ss)) : 0f;
                for (int i = 0; i < c; i++) {
                    x[at + i] *= inv;
                }
                at += c;
            }
        }
    }

    @Override
    public int inputSize() {
        return size;
    }

    public int[] taps() {
        return taps.clone();
    }

    /** The local-aggregation window p (p×p mean; 1 = none). */
    public int aggregate() {
        return aggregate;
    }

    @Override
    public String describe() {
        return "mobilenet_v2 taps " + Arrays.stream(taps).mapToObj(String::valueOf).collect(Collectors.joining(","))
                + " at " + size + "px, " + aggregate + "×" + aggregate + " mean, grid " + size / 8 + "×" + size / 8;
    }

    @Override
    public Device device() {
        return net.device();
    }

    @Override
    public void close() {
        for (Tensor k : meanKernels) {
            k.close();
        }
        if (ownsNet) {
            net.close();
        }
    }
}
