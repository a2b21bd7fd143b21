package org.attentionworkbench.compute.labs.probes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.attentionworkbench.compute.models.vit.ViTConfig;
import org.attentionworkbench.compute.models.vit.ViTEmbeddings;
import org.attentionworkbench.compute.models.vit.ViTLoader;
import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * The ViT forward pass written out on the host in plain arrays, with hooks where the probes intervene:
 * before each block (drop tokens), on the attention scores (mask keys) and between attention and MLP
 * (merge tokens). Same weights and the same arithmetic as {@code models.vit.ViT}; with no hook it gives
 * ViT's logits to float precision (ProbeViTTest). Slow next to ViT's GEMMs, but nothing here is fused,
 * so every intermediate can be changed.
 *
 * <p>Legend: n current tokens (prefix first, then patches or merged groups), D width, H heads, Dh head
 * width, G = gridH·gridW patches of the input. Attention uses proportional attention (scores + log size,
 * as ToMe and MCTF do), which is a no-op while every token has size 1.
 */
public final class ProbeViT {
    private final ViTConfig cfg;
    private final Map<String, HostTensor> w;
    private final float[] prefix;   // (prefix, D): class token (+ its position) then registers
    private final float[] posGrid;  // (D, gridH, gridW) as trained

    public ProbeViT(ViTLoader.Loaded loaded) {
        this.cfg = loaded.config();
        this.w = loaded.weights();
        prefix = ViTEmbeddings.prefix(cfg, w);
        posGrid = ViTEmbeddings.positionGrid(cfg, w);
    }

    public ViTConfig config() {
        return cfg;
    }

    /** A weight under ViTLoader's internal name (e.g. {@code blocks.0.q.weight}), or null. */
    public HostTensor weight(String name) {
        return w.get(name);
    }

    /** The patch position embedding resampled to a gh × gw grid, as (G, D) rows: what ViT adds. */
    public float[][] position(int gh, int gw) {
        int d = cfg.dim();
        float[] grid = cfg.posInterp().resample(posGrid, d, cfg.gridH(), cfg.gridW(), gh, gw);
        int g = gh * gw;
        float[][] rows = new float[g][d];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < g; i++) {
                rows[i][c] = grid[c * g + i];
            }
        }
        return rows;
    }

    /** The tokens during a pass, and which token now holds each original patch. */
    public static final class Tokens {
        /** (n, D) current tokens, prefix first. */
        public final float[][] x;
        /** (n) how many original tokens each current one stands for. */
        public final float[] size;
        /** (G) index of the current token that holds original patch p, or -1 once it was dropped. */
        public final int[] owner;

        Tokens(float[][] x, float[] size, int[] owner) {
            this.x = x;
            this.size = size;
            this.owner = owner;
        }

        public int n() {
            return x.length;
        }

        /**
         * Tokens regrouped: current token i goes to new index dest[i] (several may share one: their
         * size-weighted mean; -1: dropped). New indices must cover 0 … count-1.
         */
        public Tokens regroup(int[] dest, int count) {
            int d = x[0].length;
            float[][] nx = new float[count][d];
            float[] ns = new float[count];
            int[] sources = new int[count];
            for (int i = 0; i < x.length; i++) {
                if (dest[i] < 0) {
                    continue;
                }
                float[] row = nx[dest[i]];
                for (int c = 0; c < d; c++) {
                    row[c] += size[i] * x[i][c];
                }
                ns[dest[i]] += size[i];
                sources[dest[i]]++;
            }
            for (int i = 0; i < x.length; i++) {
                if (dest[i] >= 0 && sources[dest[i]] == 1) {
                    nx[dest[i]] = x[i].clone(); // a token kept alone stays bit-identical
                }
            }
            for (int j = 0; j < count; j++) {
                if (sources[j] == 0) {
                    throw new IllegalArgumentException("regroup: new token " + j + " receives nothing");
                }
                if (sources[j] > 1) {
                    for (int c = 0; c < d; c++) {
                        nx[j][c] /= ns[j];
                    }
                }
            }
            int[] no = new int[owner.length];
            for (int p = 0; p < owner.length; p++) {
                no[p] = owner[p] < 0 ? -1 : dest[owner[p]];
            }
            return new Tokens(nx, ns, no);
        }
    }

    /** Where a probe steps in; every default leaves the pass as it is. */
    public interface Hooks {
        /** Before block {@code layer}: may drop or regroup tokens (prefix tokens must stay first). */
        default Tokens beforeBlock(int layer, Tokens t) {
            return t;
        }

        /** Which keys each query of each head may see, (H, n, n) row-major, true = kept; null = all. */
        default boolean[] keyMask(int layer, Tokens t) {
            return null;
        }

        /**
         * After block {@code layer}'s attention (its residual added), before its MLP: may merge tokens.
         *
         * @param probs (H, n, n) this layer's attention probabilities
         * @param keys  (n, D) this layer's keys, heads side by side
         */
        default Tokens afterAttention(int layer, Tokens t, float[] probs, float[][] keys) {
            return t;
        }
    }

    public static final Hooks NONE = new Hooks() {};

    /**
     * What one pass gives.
     *
     * @param logits    (classes) or null without a head
     * @param feature   (D) the pooled token the head reads (class token or patch mean, after the final norm)
     * @param last      the tokens after the last block
     * @param attention per layer (H, n_l, n_l) probabilities
     * @param tokens    per layer the token count its attention ran on
     */
    public record Pass(float[] logits, float[] feature, Tokens last, List<float[]> attention, int[] tokens) {
        public int predicted() {
            return logits == null ? -1 : argmax(logits);
        }
    }

    /** Patch tokens before the position embedding, (G, D), of pixels (C, h, w) cut to the patch grid. */
    public float[][] patchTokens(float[] pixels, int h, int w) {
        int p = cfg.patch();
        int c = cfg.channels();
        int gh = h / p;
        int gw = w / p;
        int k = c * p * p;
        float[][] rows = new float[gh * gw][k];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                float[] row = rows[gy * gw + gx];
                int i = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < p; y++) {
                        for (int x = 0; x < p; x++) {
                            row[i++] = pixels[(ch * h + gy * p + y) * w + gx * p + x];
                        }
                    }
                }
            }
        }
        HostTensor bias = weight("patch.bias");
        return linear(rows, weight("patch.weight").data(), bias == null ? null : bias.data(), cfg.dim(), k);
    }

    /** The pass over pixels (C, h, w), normalised as the model expects, with the probe's hooks. */
    public Pass forward(float[] pixels, int h, int w, Hooks hooks) {
        int gh = h / cfg.patch();
        int gw = w / cfg.patch();
        return forwardTokens(patchTokens(pixels, h, w), gh, gw, hooks);
    }

    /** The pass from patch tokens before the position embedding (G, D) on a gh × gw grid. */
    public Pass forwardTokens(float[][] patches, int gh, int gw, Hooks hooks) {
        int d = cfg.dim();
        int pre = cfg.prefixTokens();
        int g = gh * gw;
        float[][] pos = position(gh, gw);
        float[][] x = new float[pre + g][];
        for (int i = 0; i < pre; i++) {
            x[i] = java.util.Arrays.copyOfRange(prefix, i * d, (i + 1) * d);
        }
        for (int i = 0; i < g; i++) {
            float[] row = patches[i].clone();
            for (int c = 0; c < d; c++) {
                row[c] += pos[i][c];
            }
            x[pre + i] = row;
        }
        float[] size = new float[pre + g];
        java.util.Arrays.fill(size, 1f);
        int[] owner = new int[g];
        for (int i = 0; i < g; i++) {
            owner[i] = pre + i;
        }
        Tokens t = new Tokens(x, size, owner);
        List<float[]> maps = new ArrayList<>();
        int[] counts = new int[cfg.depth()];
        for (int l = 0; l < cfg.depth(); l++) {
            t = hooks.beforeBlock(l, t);
            counts[l] = t.n();
            String b = "blocks." + l + ".";
            float[][] hN = layerNorm(t.x, b + "norm1");
            float[][] q = linear(hN, b + "q");
            float[][] k = linear(hN, b + "k");
            float[][] v = linear(hN, b + "v");
            boolean[] mask = hooks.keyMask(l, t);
            float[] probs = new float[cfg.heads() * t.n() * t.n()];
            float[][] ctx = attend(q, k, v, t.size, mask, probs);
            float[][] out = linear(ctx, b + "proj");
            addInPlace(t.x, out);
            maps.add(probs);
            t = hooks.afterAttention(l, t, probs, k);
            float[][] h2 = layerNorm(t.x, b + "norm2");
            float[][] m = linear(h2, b + "fc1");
            gelu(m);
            addInPlace(t.x, linear(m, b + "fc2"));
        }
        float[][] fin = cfg.finalNorm() ? layerNorm(t.x, "norm") : t.x;
        float[] feature = new float[d];
        if (cfg.classToken()) {
            feature = fin[0].clone();
        } else {
            for (int i = pre; i < fin.length; i++) {
                for (int c = 0; c < d; c++) {
                    feature[c] += fin[i][c] * t.size[i]; // merged tokens stand for size originals
                }
            }
            float total = 0;
            for (int i = pre; i < fin.length; i++) {
                total += t.size[i];
            }
            for (int c = 0; c < d; c++) {
                feature[c] /= total;
            }
        }
        float[] logits = null;
        if (cfg.classes() > 0) {
            float[][] f = {feature};
            if (cfg.headHidden() == 0) {
                logits = linear(f, "head")[0];
            } else {
                float[][] hid = linear(f, "head0");
                gelu(hid);
                logits = linear(hid, "head2")[0];
            }
        }
        return new Pass(logits, feature, t, maps, counts);
    }

    /** softmax(scale·q·kᵀ + log size, masked) · v per head; probs (H, n, n) filled. */
    private float[][] attend(float[][] q, float[][] k, float[][] v, float[] size, boolean[] mask, float[] probs) {
        int n = q.length;
        int heads = cfg.heads();
        int dh = cfg.headDim();
        float scale = cfg.attnScale();
        float[][] ctx = new float[n][cfg.dim()];
        IntStream rows = IntStream.range(0, heads * n);
        (big((long) heads * n * n * dh) ? rows.parallel() : rows).forEach(hi -> {
            int h = hi / n;
            int i = hi % n;
            int off = h * dh;
            int row = (h * n + i) * n;
            double max = Double.NEGATIVE_INFINITY;
            double[] s = new double[n];
            for (int j = 0; j < n; j++) {
                if (mask != null && !mask[row + j]) {
                    s[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < dh; c++) {
                    dot += q[i][off + c] * k[j][off + c];
                }
                s[j] = scale * dot + Math.log(size[j]);
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                s[j] = s[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(s[j] - max);
                sum += s[j];
            }
            for (int j = 0; j < n; j++) {
                float p = (float) (s[j] / sum);
                probs[row + j] = p;
                if (p != 0) {
                    for (int c = 0; c < dh; c++) {
                        ctx[i][off + c] += p * v[j][off + c];
                    }
                }
            }
        });
        return ctx;
    }

    private float[][] layerNorm(float[][] x, String name) {
        float[] gamma = w.get(name + ".weight").data();
        HostTensor beta = w.get(name + ".bias");
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            float[] r = x[i];
            double mean = 0;
            for (float f : r) {
                mean += f;
            }
            mean /= r.length;
            double var = 0;
            for (float f : r) {
                var += (f - mean) * (f - mean);
            }
            var /= r.length;
            double inv = 1.0 / Math.sqrt(var + cfg.eps());
            float[] o = new float[r.length];
            for (int c = 0; c < r.length; c++) {
                o[c] = (float) ((r[c] - mean) * inv * gamma[c] + (beta == null ? 0 : beta.data()[c]));
            }
            y[i] = o;
        }
        return y;
    }

    /** x · Wᵀ + b for the linear layer {@code name} (W as PyTorch stores it, (out, in)). */
    public float[][] linear(float[][] x, String name) {
        HostTensor weight = w.get(name + ".weight");
        HostTensor bias = w.get(name + ".bias");
        return linear(x, weight.data(), bias == null ? null : bias.data(), weight.dim(0), weight.dim(1));
    }

    static float[][] linear(float[][] x, float[] weight, float[] bias, int out, int in) {
        float[][] y = new float[x.length][out];
        IntStream rows = IntStream.range(0, x.length);
        (big((long) x.length * out * in) ? rows.parallel() : rows).forEach(i -> {
            float[] xi = x[i];
            for (int o = 0; o < out; o++) {
                double s = bias == null ? 0 : bias[o];
                int base = o * in;
                for (int c = 0; c < in; c++) {
                    s += xi[c] * weight[base + c];
                }
                y[i][o] = (float) s;
            }
        });
        return y;
    }

    /** Whether a loop of this many multiply-adds is worth spreading over threads (vit4mnist's are not). */
    private static boolean big(long work) {
        return work > 1 << 20;
    }

    private static void addInPlace(float[][] x, float[][] delta) {
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < x[i].length; c++) {
                x[i][c] += delta[i][c];
            }
        }
    }

    /** Exact GELU x·Φ(x), Φ through erf. */
    private static void gelu(float[][] x) {
        for (float[] r : x) {
            for (int c = 0; c < r.length; c++) {
                double v = r[c];
                r[c] = (float) (0.5 * v * (1 + erf(v / Math.sqrt(2))));
            }
        }
    }

    /** erf to about 1e-7 absolute (Abramowitz and Stegun 7.1.26), enough for float activations. */
    static double erf(double z) {
        double t = 1.0 / (1.0 + 0.3275911 * Math.abs(z));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-z * z);
        return z >= 0 ? y : -y;
    }

    static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
