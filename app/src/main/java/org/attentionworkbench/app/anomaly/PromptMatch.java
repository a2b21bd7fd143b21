package org.attentionworkbench.app.anomaly;

/**
 * Where one target patch matched in the prompts, for the side-by-side view.
 *
 * @param targetPatch the target patch (row-major on the target grid)
 * @param prompt      which prompt image holds the best match
 * @param grid        over that prompt's patches [gh·gw]: the attention row (reconstruction; sums to
 *                    {@code mass}) or cosine similarities (memory bank)
 * @param best        the best-matching prompt patch
 * @param mass        the attention row's share on this prompt (1 with one prompt); NaN for a memory bank
 * @param attention   true: an attention row; false: nearest-neighbour similarities
 */
public record PromptMatch(int targetPatch, int prompt, float[] grid, int gw, int gh, int best, double bestValue,
        double mass, boolean attention) {}
