package org.attentionworkbench.app.attention;

import java.util.List;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.compute.explain.HeadStatistics;

/**
 * MiniLM's answer for one text (or pair): word pieces, every layer's attention as maps without a
 * grid, the per-head statistics (distance in token positions) and the sentence embedding. Immutable.
 */
public record TextRunResult(String text, String second, List<String> tokens, int[] typeIds, AttentionMaps maps,
        HeadStatistics stats, float[] embedding, long millis) {

    public String[] tokenArray() {
        return tokens.toArray(String[]::new);
    }
}
