package org.attentionworkbench.app.zoo;

import java.util.List;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.compute.zoo.QkEmbedding;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooRun;

/**
 * What one Zoo run shows: the input (one head), the mechanisms' results, and the queries and keys of
 * every head of the layer in 2-D with each head's attention (one "head" for synthetic tokens).
 *
 * @param image      the image the tokens come from (null for text and synthetic tokens)
 * @param head       the head the mechanisms ran on
 * @param embeddings per head, its queries and keys in 2-D
 * @param attention  per head, its attention N×N (the model's own; softmax on synthetic Q, K)
 */
public record ZooResult(ZooInput input, ZooRun.Result run, LoadedImage image, int head, List<QkEmbedding> embeddings,
                        List<float[]> attention) {
    public ZooResult {
        embeddings = List.copyOf(embeddings);
        attention = List.copyOf(attention);
    }
}
