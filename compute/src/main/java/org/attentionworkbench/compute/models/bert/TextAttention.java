package org.attentionworkbench.compute.models.bert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.nn.Captured;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Text in, attention out: all-MiniLM-L6-v2 on a device for one text or a pair, with every layer's
 * attention. What a CLI or a view asks for. The host weights are read once; the model is uploaded
 * once per device and kept until {@link #close()}.
 *
 * <p>Legend: L layers, H heads, N tokens, D width.
 */
public final class TextAttention implements AutoCloseable {
    private WordPieceTokenizer tokenizer;
    private BertLoader.Loaded weights;
    private final Map<Device, Bert> models = new IdentityHashMap<>();

    /**
     * @param tokens      word pieces, [CLS] and [SEP] included (N)
     * @param typeIds     0 for the first text, 1 for the second (N)
     * @param attention   probabilities [L, H, N, N], row-major; rows (queries) sum to one
     * @param finalTokens last hidden state [N, D]
     * @param embedding   mean-pooled, L2-normalised sentence embedding (D)
     */
    public record Result(List<String> tokens, int[] typeIds, int layers, int heads, float[] attention,
            float[] finalTokens, int dim, float[] embedding) {
        public int length() {
            return tokens.size();
        }

        /** attention[layer, head, query, key]. */
        public float attention(int layer, int head, int query, int key) {
            int n = length();
            return attention[((layer * heads + head) * n + query) * n + key];
        }
    }

    /** One text. */
    public Result run(Device device, String text) throws IOException {
        return run(device, text, null);
    }

    /** A text, or a pair when {@code second} is non-null ([CLS] a [SEP] b [SEP]). */
    public synchronized Result run(Device device, String text, String second) throws IOException {
        if (text == null) {
            throw new IllegalArgumentException("no text given");
        }
        Bert bert = model(device);
        WordPieceTokenizer.Encoding e = tokenizer.encode(text, second);
        int layers = bert.config().layers();
        Bert.Output out = bert.forward(e.ids(), e.typeIds(), CaptureRequest.allAttention(layers));
        // one [L, H, N, N] block: the layers' [1, H, N, N] captures end to end
        int n = e.length();
        int heads = bert.config().heads();
        int block = heads * n * n;
        float[] attention = new float[layers * block];
        for (int l = 0; l < layers; l++) {
            Captured c = out.layers().get(l);
            System.arraycopy(c.attention().data(), 0, attention, l * block, block);
        }
        return new Result(new ArrayList<>(e.tokens()), e.typeIds(), layers, heads, attention,
                out.tokens().data(), bert.config().dim(), out.embedding());
    }

    /** Whether the model is already on this device (the next run skips the load). */
    public synchronized boolean isLoaded(Device device) {
        return models.containsKey(device);
    }

    /** The model on this device, loading the weights the first time any device asks. */
    private Bert model(Device device) throws IOException {
        Bert bert = models.get(device);
        if (bert == null) {
            if (weights == null) {
                tokenizer = MiniLM.tokenizer();
                weights = MiniLM.weights();
            }
            bert = new Bert(device, weights);
            models.put(device, bert);
        }
        return bert;
    }

    /** Frees the device copies of the model; the devices themselves stay open. */
    @Override
    public synchronized void close() {
        models.values().forEach(Bert::close);
        models.clear();
    }
}
