package org.attentionworkbench.compute.anomaly.refiner;

import static org.attentionworkbench.compute.autograd.Autograd.concat;
import static org.attentionworkbench.compute.autograd.Autograd.conv2d;
import static org.attentionworkbench.compute.autograd.Autograd.relu;
import static org.attentionworkbench.compute.autograd.Autograd.slice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attentionworkbench.compute.autograd.Var;
import org.attentionworkbench.compute.autograd.ParameterFile;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.SafetensorsCheckpoint;

/**
 * The refiner's network at the feature grid: input [N, C, H, W] (channel 0 the scorer's patch score,
 * then residual energies against the nearest prompt patch, see {@link RefinerInputs}) → conv 1×1 to {@code width},
 * two conv 3×3, then a conv 1×1 over those and the score channel again → one logit per patch.
 * Small on purpose (≈ 5 k weights at width 16): it trains in minutes on two CPU cores.
 */
public final class RefinerNet {
    public static final int DEFAULT_WIDTH = 16;

    /** The file's record of the feature dimension it was trained on (the input channels do not show it). */
    static final String FEATURE_DIM = "feature_dim";

    private final int featureDim;
    private final int inChannels;
    private final int width;
    private final Map<String, Var> params = new LinkedHashMap<>();
    /** What {@link #save} wrote beside the weights (features, scorer, ...); empty for a new net. */
    private Map<String, String> metadata = Map.of();

    /** For features of dimension {@code featureDim}; He-initialised (normal, std √(2 / fan-in)), biases zero. */
    public RefinerNet(int featureDim, int width, long seed) {
        if (featureDim < 1 || width < 1) {
            throw new IllegalArgumentException("refiner for features of dim " + featureDim + ", width " + width);
        }
        this.featureDim = featureDim;
        this.inChannels = RefinerInputs.channels(featureDim);
        this.width = width;
        Random r = new Random(seed);
        conv("conv1", width, inChannels, 1, r);
        conv("conv2", width, width, 3, r);
        conv("conv3", width, width, 3, r);
        conv("head", 1, width + 1, 1, r);
    }

    private void conv(String name, int out, int in, int k, Random r) {
        float[] w = new float[out * in * k * k];
        double std = Math.sqrt(2.0 / (in * k * k));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * std);
        }
        params.put(name + ".weight", Var.param(w, out, in, k, k));
        params.put(name + ".bias", Var.param(new float[out], out));
    }

    /** The metadata of the file it was loaded from (empty for a net made in memory). */
    public Map<String, String> metadata() {
        return metadata;
    }

    public int featureDim() {
        return featureDim;
    }

    public int inChannels() {
        return inChannels;
    }

    public int width() {
        return width;
    }

    public List<Var> parameters() {
        return new ArrayList<>(params.values());
    }

    /** Logits [N, 1, H, W] of x [N, inChannels, H, W]. */
    public Var forward(Var x) {
        Var h = relu(conv2d(x, p("conv1.weight"), p("conv1.bias")));
        h = relu(conv2d(h, p("conv2.weight"), p("conv2.bias")));
        h = relu(conv2d(h, p("conv3.weight"), p("conv3.bias")));
        return conv2d(concat(1, h, slice(x, 1, 0, 1)), p("head.weight"), p("head.bias"));
    }

    /** Anomaly probabilities σ(logit) [H·W] of one input [inChannels·H·W] (channel-major). */
    public float[] predict(float[] input, int h, int w) {
        float[] z = forward(Var.constant(input, 1, inChannels, h, w)).data();
        float[] p = new float[z.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (1 / (1 + Math.exp(-z[i])));
        }
        return p;
    }

    private Var p(String name) {
        return params.get(name);
    }

    public void save(Path file, Map<String, String> metadata) throws IOException {
        Map<String, Var> all = new LinkedHashMap<>(params);
        all.put(FEATURE_DIM, Var.constant(new float[] {featureDim}, 1));
        ParameterFile.save(file, all, metadata);
    }

    /**
     * Reads a refiner written by {@link #save}; its size comes from the file's shapes. Anything else (not
     * safetensors, missing or misshapen tensors) is a {@link CheckpointException} naming the file.
     */
    public static RefinerNet load(Path file) {
        int dim;
        int width;
        Map<String, String> metadata;
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(file)) {
            metadata = c.metadata();
            if (!c.contains("conv1.weight")) {
                throw new CheckpointException(c.file(), "not an anomaly refiner: no tensor 'conv1.weight' (has "
                        + c.entries().stream().limit(5).map(e -> e.name()).toList() + ")");
            }
            int[] s = c.entry("conv1.weight").shape();
            if (s.length != 4 || s[1] < 2 || s[0] < 1) {
                throw new CheckpointException(c.file(), "not an anomaly refiner: conv1.weight has shape "
                        + java.util.Arrays.toString(s));
            }
            if (!c.contains(FEATURE_DIM) || c.entry(FEATURE_DIM).size() != 1) {
                throw new CheckpointException(c.file(), "not an anomaly refiner: no scalar '" + FEATURE_DIM + "'");
            }
            float d = c.readFloats(FEATURE_DIM)[0];
            if (!(d >= 1 && d <= 1 << 20 && d == Math.rint(d)) || RefinerInputs.channels((int) d) != s[1]) {
                throw new CheckpointException(c.file(), "not an anomaly refiner: " + FEATURE_DIM + " " + d
                        + " does not fit conv1.weight " + java.util.Arrays.toString(s));
            }
            width = s[0];
            dim = (int) d;
        }
        RefinerNet net = new RefinerNet(dim, width, 0);
        Map<String, Var> all = new LinkedHashMap<>(net.params);
        all.put(FEATURE_DIM, Var.constant(new float[1], 1));
        ParameterFile.load(file, all);
        net.metadata = metadata;
        return net;
    }
}
