package org.attentionworkbench.compute.zoo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.bert.Bert;
import org.attentionworkbench.compute.models.bert.WordPieceTokenizer;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.models.vit.ViTConfig;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;

/**
 * One layer of a real model on one input, every head: the tokens entering the layer, each head's
 * queries, keys and values, and the model's own attention probabilities — what the zoo needs to build
 * a {@link ZooInput} for any head ({@link #head}) and what the Q/K embedding draws for all of them.
 *
 * <p>Conventions (documented here once):
 * <ul>
 * <li>A ViT's prefix tokens (class token, registers) are dropped: the tokens are the patches on the
 *     patch grid. Softmax over a subset of keys is the full softmax renormalised on that subset, so
 *     {@link #attention} is the model's probabilities restricted to patch rows and patch keys,
 *     each row divided by its patch mass. Text keeps every word piece, [CLS] and [SEP] included
 *     (the model's probabilities unchanged).</li>
 * <li>The model's attention scale is folded into Q (q·scale·√d), so that the zoo's 1/√d on these
 *     queries gives the model's logits (vit-pytorch 2020 scales by the width, not the head).</li>
 * <li>x is the head's channel slice [h·d, (h+1)·d) of the layer's input tokens (the residual stream
 *     entering the block, before the ViT's pre-norm), so C = d as for synthetic inputs and the
 *     Jacobian probes stay affordable.</li>
 * </ul>
 *
 * @param source    "vit4mnist layer 2" (the head is appended by {@link #head})
 * @param n         tokens kept
 * @param heads     heads of the layer
 * @param d         head dimension
 * @param rows      token grid rows (1 for text)
 * @param cols      token grid columns
 * @param input     the layer's input tokens, kept tokens only, N×D (D = heads·d)
 * @param q         queries [H, N, d], the model's scale folded in
 * @param k         keys [H, N, d]
 * @param v         values [H, N, d]
 * @param attention the model's probabilities [H, N, N] on the kept tokens (renormalised when tokens were dropped)
 * @param labels    one per kept token
 * @param dropped   prefix tokens dropped (0 for text)
 */
public record ModelLayer(String source, int n, int heads, int d, int rows, int cols, float[] input, float[] q,
                         float[] k, float[] v, float[] attention, List<String> labels, int dropped) {
    public ModelLayer {
        labels = List.copyOf(labels);
        if (rows * cols != n || labels.size() != n) {
            throw new IllegalArgumentException("model layer: " + n + " tokens, a " + rows + "×" + cols + " grid, "
                    + labels.size() + " labels");
        }
    }

    /** The input of one head: its Q, K, V, its slice of the layer's input tokens, fromModel = true. */
    public ZooInput head(int h) {
        if (h < 0 || h >= heads) {
            throw new IllegalArgumentException("head " + h + " outside 0…" + (heads - 1));
        }
        int block = n * d;
        float[] x = new float[block];
        int width = heads * d;
        for (int t = 0; t < n; t++) {
            System.arraycopy(input, t * width + h * d, x, t * d, d);
        }
        return new ZooInput(source + " head " + h, n, d, d, rows, cols, x,
                java.util.Arrays.copyOfRange(q, h * block, (h + 1) * block),
                java.util.Arrays.copyOfRange(k, h * block, (h + 1) * block),
                java.util.Arrays.copyOfRange(v, h * block, (h + 1) * block), labels, true);
    }

    /** The model's own attention of head h on the kept tokens, N×N row-major. */
    public float[] attention(int h) {
        return java.util.Arrays.copyOfRange(attention, h * n * n, (h + 1) * n * n);
    }

    /** Queries of head h, N×d (scale folded in). */
    public float[] queries(int h) {
        return java.util.Arrays.copyOfRange(q, h * n * d, (h + 1) * n * d);
    }

    /** Keys of head h, N×d. */
    public float[] keys(int h) {
        return java.util.Arrays.copyOfRange(k, h * n * d, (h + 1) * n * d);
    }

    /** One ViT layer on an image (prepared as the model's card says, or on its native grid). */
    public static ModelLayer fromVit(VisionModel model, String name, RgbImage image, boolean nativeGrid, int layer) {
        ViTConfig cfg = model.network().config();
        checkLayer(layer, cfg.depth());
        ViT.Output out = model.run(image, nativeGrid, capture(layer));
        return fromCapture(name + " layer " + layer, out.layers().get(layer), cfg.prefixTokens(), out.gridH(),
                out.gridW(), ZooInput.gridLabels(out.gridH(), out.gridW()), cfg.attnScale());
    }

    /** One BERT layer (MiniLM) on a sentence: every word piece a token, labels the pieces. */
    public static ModelLayer fromBert(Bert bert, WordPieceTokenizer tokenizer, String name, String text, int layer) {
        checkLayer(layer, bert.config().layers());
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no text given");
        }
        WordPieceTokenizer.Encoding e = tokenizer.encode(text);
        Bert.Output out = bert.forward(e.ids(), e.typeIds(), capture(layer));
        int n = e.length();
        return fromCapture(name + " layer " + layer, out.layers().get(layer), 0, 1, n, e.tokens(),
                (float) (1 / Math.sqrt(bert.config().headDim())));
    }

    /**
     * From one layer's capture (batch 1, q/k/v, attention and input tokens kept): drops the first
     * {@code prefix} tokens, keeps rows·cols tokens.
     */
    public static ModelLayer fromCapture(String source, Captured c, int prefix, int rows, int cols,
                                         List<String> labels, float attnScale) {
        if (c == null || c.q() == null || c.input() == null) {
            throw new IllegalArgumentException(source + ": the capture lacks q/k/v or the input tokens");
        }
        int heads = c.q().dim(1);
        int total = c.q().dim(2);
        int d = c.q().dim(3);
        int n = rows * cols;
        if (total != prefix + n) {
            throw new IllegalArgumentException(source + ": " + total + " tokens captured, expected " + prefix
                    + " + " + rows + "×" + cols);
        }
        float fold = (float) (attnScale * Math.sqrt(d));
        float[] q = keep(c.q().data(), heads, total, d, prefix, fold);
        float[] k = keep(c.k().data(), heads, total, d, prefix, 1);
        float[] v = keep(c.v().data(), heads, total, d, prefix, 1);
        int width = c.input().dim(2);
        float[] input = java.util.Arrays.copyOfRange(c.input().data(), prefix * width, total * width);
        float[] probs = c.attention().data();
        float[] att = new float[heads * n * n];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n; i++) {
                int from = (h * total + prefix + i) * total + prefix;
                double mass = 0;
                for (int j = 0; j < n; j++) {
                    mass += probs[from + j];
                }
                for (int j = 0; j < n; j++) {
                    att[(h * n + i) * n + j] = (float) (probs[from + j] / mass);
                }
            }
        }
        return new ModelLayer(source, n, heads, d, rows, cols, input, q, k, v, att, new ArrayList<>(labels), prefix);
    }

    private static float[] keep(float[] a, int heads, int total, int d, int prefix, float factor) {
        int n = total - prefix;
        float[] out = new float[heads * n * d];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n * d; i++) {
                out[h * n * d + i] = a[(h * total + prefix) * d + i] * factor;
            }
        }
        return out;
    }

    private static CaptureRequest capture(int layer) {
        BitSet b = new BitSet();
        b.set(layer);
        return new CaptureRequest(b, true, true);
    }

    private static void checkLayer(int layer, int depth) {
        if (layer < 0 || layer >= depth) {
            throw new IllegalArgumentException("layer " + layer + " outside 0…" + (depth - 1));
        }
    }
}
