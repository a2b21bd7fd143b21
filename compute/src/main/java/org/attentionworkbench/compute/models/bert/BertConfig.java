package org.attentionworkbench.compute.models.bert;

/**
 * Shape of a BERT encoder (post-norm blocks, exact GELU).
 *
 * @param vocab       word-piece vocabulary size
 * @param dim         hidden width D
 * @param layers      encoder layers L
 * @param heads       attention heads H
 * @param intermediate MLP width
 * @param maxPositions learned positions
 * @param typeVocab   token types (segments)
 * @param eps         layer-norm epsilon
 */
public record BertConfig(int vocab, int dim, int layers, int heads, int intermediate, int maxPositions, int typeVocab,
        float eps) {
    public int headDim() {
        return dim / heads;
    }
}
