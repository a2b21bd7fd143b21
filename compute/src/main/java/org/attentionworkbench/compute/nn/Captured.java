package org.attentionworkbench.compute.nn;

import org.attentionworkbench.compute.tensor.HostTensor;

/**
 * What one layer gave back on the host; fields not requested are null.
 *
 * @param attention probabilities [B, H, N, N]
 * @param q         queries [B, H, N, Dh]
 * @param k         keys [B, H, N, Dh]
 * @param v         values [B, H, N, Dh]
 * @param tokens    the layer's output tokens [B, N, D]
 * @param input     the layer's input tokens [B, N, D] (kept with tokens)
 */
public record Captured(HostTensor attention, HostTensor q, HostTensor k, HostTensor v, HostTensor tokens,
                       HostTensor input) {

    /** A {@link LayerCapture} that fills a {@link Captured} builder. */
    public static final class Sink implements LayerCapture {
        private final boolean qkv;
        private HostTensor attention;
        private HostTensor q;
        private HostTensor k;
        private HostTensor v;
        private HostTensor tokens;
        private HostTensor input;
        private int batch;
        private int heads;
        private int n;

        public Sink(boolean qkv) {
            this.qkv = qkv;
        }

        @Override
        public void attention(float[] probs, int batch, int heads, int tokens) {
            this.batch = batch;
            this.heads = heads;
            this.n = tokens;
            this.attention = new HostTensor(new int[] {batch, heads, tokens, tokens}, probs);
        }

        @Override
        public boolean wantsQkv() {
            return qkv;
        }

        @Override
        public void qkv(float[] q, float[] k, float[] v, int headDim) {
            int[] shape = {batch, heads, n, headDim};
            this.q = new HostTensor(shape, q);
            this.k = new HostTensor(shape, k);
            this.v = new HostTensor(shape, v);
        }

        public void tokens(HostTensor t) {
            this.tokens = t;
        }

        public void input(HostTensor t) {
            this.input = t;
        }

        public Captured build() {
            return new Captured(attention, q, k, v, tokens, input);
        }
    }
}
