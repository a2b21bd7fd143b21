package org.attentionworkbench.compute.models.bert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.nn.LayerNorm;
import org.attentionworkbench.compute.nn.Linear;
import org.attentionworkbench.compute.nn.SelfAttention;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * BERT encoder (post-norm) with mean-pooled, L2-normalised sentence embedding, as
 * sentence-transformers runs all-MiniLM-L6-v2.
 *
 * <p>Legend: N tokens, D width, H heads, L layers, V vocabulary.
 */
public final class Bert implements AutoCloseable {
    private final Device device;
    private final BertConfig cfg;
    private final float[] wordEmb;   // (V, D) host: a lookup of N rows is cheaper than an upload of V
    private final float[] posEmb;    // (positions, D)
    private final float[] typeEmb;   // (types, D)
    private final LayerNorm embNorm;
    private final Layer[] layers;    // (L)

    private record Layer(SelfAttention attn, LayerNorm norm1, Linear fc1, Linear fc2, LayerNorm norm2) {}

    public Bert(Device device, BertLoader.Loaded loaded) {
        this.device = device;
        this.cfg = loaded.config();
        Map<String, HostTensor> w = loaded.weights();
        wordEmb = w.get("embeddings.word_embeddings.weight").data();
        posEmb = w.get("embeddings.position_embeddings.weight").data();
        typeEmb = w.get("embeddings.token_type_embeddings.weight").data();
        embNorm = norm(w, "embeddings.LayerNorm");
        layers = new Layer[cfg.layers()];
        for (int i = 0; i < cfg.layers(); i++) {
            String p = "encoder.layer." + i + ".";
            layers[i] = new Layer(
                    new SelfAttention(device, linear(w, p + "attention.self.query"), linear(w, p + "attention.self.key"),
                            linear(w, p + "attention.self.value"), linear(w, p + "attention.output.dense"),
                            cfg.heads(), (float) Math.pow(cfg.headDim(), -0.5)),
                    norm(w, p + "attention.output.LayerNorm"),
                    linear(w, p + "intermediate.dense"),
                    linear(w, p + "output.dense"),
                    norm(w, p + "output.LayerNorm"));
        }
    }

    public BertConfig config() {
        return cfg;
    }

    /**
     * @param tokens    last hidden state (1, N, D)
     * @param embedding mean-pooled, L2-normalised sentence embedding (D)
     * @param layers    per layer what was captured (null where not asked)
     */
    public record Output(HostTensor tokens, float[] embedding, List<Captured> layers) {}

    /** One sequence (no padding): ids and type ids of the same length N. */
    public Output forward(int[] ids, int[] typeIds, CaptureRequest capture) {
        int n = ids.length;
        int d = cfg.dim();
        if (n > cfg.maxPositions()) {
            throw new IllegalArgumentException(n + " tokens exceed the model's " + cfg.maxPositions() + " positions");
        }
        List<Captured> captured = new ArrayList<>();
        try (Tensor x = device.upload(embed(ids, typeIds), 1, n, d);
                Tensor y = device.allocate(1, n, d);
                Tensor mlp = device.allocate(1, n, cfg.intermediate())) {
            // embeddings: word + position + type, then layer norm
            embNorm.forward(x, x);
            for (int i = 0; i < layers.length; i++) {
                Layer l = layers[i];
                Captured.Sink sink = capture.wants(i) ? new Captured.Sink(capture.qkv()) : null;
                if (sink != null && capture.tokens()) {
                    sink.input(new HostTensor(x.shape(), device.download(x)));
                }
                // x = norm1(x + attn(x))
                l.attn().forward(y, x, null, sink);
                device.add(x, x, y);
                l.norm1().forward(x, x);
                // x = norm2(x + fc2(gelu(fc1(x))))
                l.fc1().forward(mlp, x);
                device.activate(mlp, mlp, Activation.GELU);
                l.fc2().forward(y, mlp);
                device.add(x, x, y);
                l.norm2().forward(x, x);
                if (sink != null && capture.tokens()) {
                    sink.tokens(new HostTensor(x.shape(), device.download(x)));
                }
                captured.add(sink == null ? null : sink.build());
            }
            HostTensor tokens = new HostTensor(x.shape(), device.download(x));
            return new Output(tokens, meanNormalized(tokens.data(), n, d), captured);
        }
    }

    private float[] embed(int[] ids, int[] typeIds) {
        int d = cfg.dim();
        float[] x = new float[ids.length * d];
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= cfg.vocab()) {
                throw new IllegalArgumentException("token id " + ids[t] + " outside the vocabulary of " + cfg.vocab());
            }
            int type = typeIds == null ? 0 : typeIds[t];
            for (int c = 0; c < d; c++) {
                x[t * d + c] = wordEmb[ids[t] * d + c] + posEmb[t * d + c] + typeEmb[type * d + c];
            }
        }
        return x;
    }

    /** sentence-transformers: mean over tokens, then divide by the L2 norm. */
    static float[] meanNormalized(float[] tokens, int n, int d) {
        double[] sum = new double[d];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < d; c++) {
                sum[c] += tokens[t * d + c];
            }
        }
        double norm = 0;
        for (int c = 0; c < d; c++) {
            sum[c] /= n;
            norm += sum[c] * sum[c];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[d];
        for (int c = 0; c < d; c++) {
            out[c] = (float) (sum[c] / norm);
        }
        return out;
    }

    private LayerNorm norm(Map<String, HostTensor> w, String name) {
        return new LayerNorm(device, w.get(name + ".weight").data(), w.get(name + ".bias").data(), cfg.eps());
    }

    private Linear linear(Map<String, HostTensor> w, String name) {
        HostTensor weight = w.get(name + ".weight");
        return new Linear(device, weight.data(), w.get(name + ".bias").data(), weight.dim(0), weight.dim(1));
    }

    @Override
    public void close() {
        embNorm.close();
        for (Layer l : layers) {
            l.attn().close();
            l.norm1().close();
            l.fc1().close();
            l.fc2().close();
            l.norm2().close();
        }
    }
}
