package org.attentionworkbench.compute.models.mobilenet;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * torchvision's MobileNetV2 (width 1.0) for inference, with every BatchNorm folded into its convolution
 * at load time.
 *
 * <p>Dimension legend: N images, C channels, H×W spatial size; "features.i" is block i of torchvision's
 * {@code features} Sequential: 0 the stem (stride 2), 1..17 inverted residual blocks, 18 the 1×1 head
 * (1280 channels). Block i's output stride: 1 → 2, 2–3 → 4, 4–6 → 8, 7–13 → 16, 14–18 → 32.
 *
 * <p>Checkpoint keys are torchvision's ({@code features.N...}, {@code classifier.1.*}). The activation
 * is ReLU6 in torchvision's own weights; the shared dequantised checkpoint was trained/folded with ReLU,
 * so the activation is a load option.
 */
public final class MobileNetV2 implements AutoCloseable {
    /** (expansion t, channels c, repeats n, first stride s) per stage, as torchvision. */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    /** Index of the last block (the 1×1 head conv). */
    public static final int LAST_BLOCK = 18;
    /** torchvision's BatchNorm2d default; checkpoints do not store it. */
    public static final double BN_EPS = 1e-5;

    private final Device device;
    private final Activation act;
    private final List<Block> blocks;
    private final Tensor fcWeight; // [1000, 1280]
    private final Tensor fcBias;
    private final int classes;
    /**
     * Intermediate activations kept for the next forward pass of the same input shape, by shape: a
     * pass then allocates only the tensors it returns. (Fresh arrays of tens of MB per image cost page
     * faults and collections on the Java backend; every op here overwrites its whole output.)
     */
    private final Map<List<Integer>, ArrayDeque<Tensor>> spare = new HashMap<>();
    private List<Integer> spareFor = List.of();

    /** One conv with its folded BN, and whether an activation follows. */
    private record Conv(Tensor weight, Tensor bias, int cout, int k, int stride, int groups, boolean act) {}

    /** A stem/head conv (one Conv) or an inverted residual block (2 or 3 Convs). */
    private record Block(List<Conv> convs, boolean residual, int cout, int stride) {}

    private MobileNetV2(Device device, Activation act, List<Block> blocks, Tensor fcWeight, Tensor fcBias,
            int classes) {
        this.device = device;
        this.act = act;
        this.blocks = blocks;
        this.fcWeight = fcWeight;
        this.fcBias = fcBias;
        this.classes = classes;
    }

    /** Loads from a safetensors/.pth file with torchvision key names. */
    public static MobileNetV2 load(Path file, Device device, Activation act) {
        try (Checkpoint ckpt = Checkpoints.open(file)) {
            return load(ckpt, device, act);
        }
    }

    public static MobileNetV2 load(Checkpoint ckpt, Device device, Activation act) {
        if (act != Activation.RELU && act != Activation.RELU6) {
            throw new IllegalArgumentException("MobileNetV2 uses RELU or RELU6, not " + act);
        }
        List<Block> blocks = new ArrayList<>();
        List<Tensor> made = new ArrayList<>();
        try {
            // 1. stem: 3×3 stride-2 conv to 32 channels
            blocks.add(new Block(List.of(conv(ckpt, device, "features.0.0", "features.0.1", 2, 1, true, made)), false,
                    32, 2));
            // 2. the inverted residual blocks, stage by stage
            int cin = 32;
            int index = 1;
            for (int[] s : SETTINGS) {
                for (int r = 0; r < s[2]; r++, index++) {
                    int stride = r == 0 ? s[3] : 1;
                    String p = "features." + index + ".conv.";
                    List<Conv> convs = new ArrayList<>();
                    int j = 0;
                    if (s[0] != 1) { // 1×1 expansion
                        convs.add(conv(ckpt, device, p + "0.0", p + "0.1", 1, 1, true, made));
                        j = 1;
                    }
                    int hidden = cin * s[0];
                    convs.add(conv(ckpt, device, p + j + ".0", p + j + ".1", stride, hidden, true, made)); // depthwise
                    convs.add(conv(ckpt, device, p + (j + 1), p + (j + 2), 1, 1, false, made)); // linear projection
                    blocks.add(new Block(List.copyOf(convs), stride == 1 && cin == s[1], s[1], stride));
                    cin = s[1];
                }
            }
            // 3. head: 1×1 conv to 1280 channels
            blocks.add(new Block(List.of(conv(ckpt, device, "features.18.0", "features.18.1", 1, 1, true, made)),
                    false, 1280, 1));
            // 4. classifier (optional: feature-only checkpoints may lack it)
            Tensor fcW = null;
            Tensor fcB = null;
            int classes = 0;
            if (ckpt.contains("classifier.1.weight")) {
                int[] shape = ckpt.entry("classifier.1.weight").shape();
                classes = shape[0];
                fcW = device.upload(ckpt.readFloats("classifier.1.weight"), shape);
                made.add(fcW);
                fcB = device.upload(ckpt.readFloats("classifier.1.bias"), classes);
                made.add(fcB);
            }
            return new MobileNetV2(device, act, List.copyOf(blocks), fcW, fcB, classes);
        } catch (RuntimeException e) {
            made.forEach(Tensor::close);
            throw e;
        }
    }

    private static Conv conv(Checkpoint ckpt, Device device, String convKey, String bnKey, int stride, int groups,
            boolean act, List<Tensor> made) {
        int[] shape = ckpt.entry(convKey + ".weight").shape();
        if (shape.length != 4 || shape[2] != shape[3]) {
            throw new CheckpointException(ckpt.file(), convKey + ".weight is " + Arrays.toString(shape)
                    + ", expected a square 4-D conv kernel");
        }
        float[] bias = ckpt.contains(convKey + ".bias") ? ckpt.readFloats(convKey + ".bias") : null;
        BatchNormFold.Folded f = BatchNormFold.fold(ckpt.readFloats(convKey + ".weight"), bias,
                ckpt.readFloats(bnKey + ".weight"), ckpt.readFloats(bnKey + ".bias"),
                ckpt.readFloats(bnKey + ".running_mean"), ckpt.readFloats(bnKey + ".running_var"), BN_EPS);
        Tensor w = device.upload(f.weight(), shape);
        made.add(w);
        Tensor b = device.upload(f.bias(), shape[0]);
        made.add(b);
        return new Conv(w, b, shape[0], shape[2], stride, groups, act);
    }

    /** torchvision's classification recipe at 224: resize 256, centre crop 224, ImageNet mean/std. */
    public static Preprocess.Recipe imagenetRecipe() {
        return Preprocess.Recipe.imagenet(224);
    }

    public Device device() {
        return device;
    }

    public Activation activation() {
        return act;
    }

    public int classes() {
        return classes;
    }

    /** Output channels of block i. */
    public int channels(int block) {
        return blocks.get(block).cout();
    }

    /** Output stride of block i relative to the input. */
    public int stride(int block) {
        int s = 1;
        for (int i = 0; i <= block; i++) {
            s *= blocks.get(i).stride();
        }
        return s;
    }

    /**
     * What a forward pass returns: the tapped block outputs [N, C, H, W] by block index (owned by the
     * caller: close them), and the logits [N, classes] when asked for.
     */
    public record Output(Map<Integer, Tensor> taps, Tensor logits) implements AutoCloseable {
        @Override
        public void close() {
            taps.values().forEach(Tensor::close);
            if (logits != null) {
                logits.close();
            }
        }
    }

    /**
     * Runs the network on normalised pixels [N, 3, H, W]. Blocks after the last tap are skipped unless
     * logits are wanted.
     */
    public synchronized Output forward(Tensor x, boolean logits, int... taps) {
        int last = logits ? LAST_BLOCK : -1;
        for (int t : taps) {
            if (t < 0 || t > LAST_BLOCK) {
                throw new IllegalArgumentException("tap " + t + " outside features.0.." + LAST_BLOCK);
            }
            last = Math.max(last, t);
        }
        if (logits && fcWeight == null) {
            throw new IllegalStateException("this checkpoint has no classifier.1.*");
        }
        if (!spareFor.equals(shapeKey(x))) {
            closeSpare();
            spareFor = shapeKey(x);
        }
        Map<Integer, Tensor> kept = new TreeMap<>();
        Tensor cur = x;
        try {
            for (int i = 0; i <= last; i++) {
                Tensor next = block(blocks.get(i), cur, contains(taps, i));
                if (cur != x && !kept.containsValue(cur)) {
                    give(cur);
                }
                cur = next;
                if (contains(taps, i)) {
                    kept.put(i, cur);
                }
            }
            Tensor out = null;
            if (logits) {
                // global average pool over H×W, then the linear classifier
                int n = cur.dim(0), c = cur.dim(1);
                try (Tensor flat = cur.reshape(n, c, cur.dim(2) * cur.dim(3)); Tensor pooled = device.allocate(n, c)) {
                    device.mean(pooled, flat, 2);
                    out = device.allocate(n, classes);
                    device.gemm(out, pooled, false, fcWeight, true, fcBias, 1f);
                }
                if (cur != x && !kept.containsValue(cur)) {
                    give(cur);
                }
            }
            return new Output(kept, out);
        } catch (RuntimeException e) {
            kept.values().forEach(Tensor::close);
            throw e;
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int t : a) {
            if (t == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * One block: its convs in order, each with the activation where torchvision has one (fused into the
     * convolution). The output is a fresh tensor when it is returned to the caller, else a spare one.
     */
    private Tensor block(Block b, Tensor in, boolean fresh) {
        Tensor cur = in;
        List<Conv> convs = b.convs();
        for (int i = 0; i < convs.size(); i++) {
            Conv c = convs.get(i);
            int n = cur.dim(0), h = cur.dim(2), w = cur.dim(3);
            int pad = (c.k() - 1) / 2;
            int oh = (h + 2 * pad - c.k()) / c.stride() + 1;
            int ow = (w + 2 * pad - c.k()) / c.stride() + 1;
            Tensor out = fresh && i == convs.size() - 1 ? device.allocate(n, c.cout(), oh, ow)
                    : take(n, c.cout(), oh, ow);
            device.conv2d(out, cur, c.weight(), c.bias(), c.stride(), pad, c.groups(), c.act() ? act : null);
            if (cur != in) {
                give(cur);
            }
            cur = out;
        }
        if (b.residual()) {
            device.add(cur, cur, in);
        }
        return cur;
    }

    private static List<Integer> shapeKey(Tensor t) {
        return Arrays.stream(t.shape()).boxed().toList();
    }

    /** A spare tensor of this shape (contents undefined), or a new one. */
    private Tensor take(int... shape) {
        ArrayDeque<Tensor> free = spare.get(Arrays.stream(shape).boxed().toList());
        return free == null || free.isEmpty() ? device.allocate(shape) : free.pop();
    }

    private void give(Tensor t) {
        spare.computeIfAbsent(shapeKey(t), k -> new ArrayDeque<>()).push(t);
    }

    private void closeSpare() {
        spare.values().forEach(q -> q.forEach(Tensor::close));
        spare.clear();
    }

    @Override
    public synchronized void close() {
        closeSpare();
        for (Block b : blocks) {
            for (Conv c : b.convs()) {
                c.weight().close();
                c.bias().close();
            }
        }
        if (fcWeight != null) {
            fcWeight.close();
            fcBias.close();
        }
    }
}
