package org.attentionworkbench.app.anomaly;

import java.util.List;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.anomaly.PromptReconstruction;
import org.attentionworkbench.compute.device.java.JavaDevice;

/**
 * Answers "where in the prompt did this target patch match?" — the key to trusting a heatmap.
 * Reconstruction: {@link PromptReconstruction#attention}, the patch's attention row over the prompt
 * patches. Memory bank: the nearest prompt patch by cosine (the bank is a coreset, so the full prompt
 * patches are searched, which is what a user can point at).
 *
 * <p>Runs on its own Java device, so a hover never waits for (or races with) the inspection run that
 * holds the main compute device. One attention row is one 1×D·D×M product: well under a millisecond.
 */
public final class PromptMatcher implements AutoCloseable {
    private final PromptSet prompts;
    private final JavaDevice device;
    private final PromptReconstruction reconstruction;

    public PromptMatcher(PromptSet prompts) {
        this.prompts = prompts;
        if (prompts.reconstruction()) {
            this.device = new JavaDevice();
            this.reconstruction = new PromptReconstruction(device, prompts.features(), prompts.temperature());
        } else {
            this.device = null;
            this.reconstruction = null;
        }
    }

    public PromptSet prompts() {
        return prompts;
    }

    /** The match of {@code patch} of a target's features. Thread-confined: call from one thread. */
    public PromptMatch match(PatchFeatures target, int patch) {
        List<PatchFeatures> p = prompts.features();
        if (reconstruction != null) {
            float[] row = reconstruction.attention(target, patch);
            // the prompt holding the row's peak; its slice of the row is the grid
            int arg = argmax(row, 0, row.length);
            int prompt = 0;
            int start = 0;
            while (start + p.get(prompt).patches() <= arg) {
                start += p.get(prompt).patches();
                prompt++;
            }
            PatchFeatures pf = p.get(prompt);
            float[] grid = new float[pf.patches()];
            System.arraycopy(row, start, grid, 0, grid.length);
            double mass = 0;
            for (float v : grid) {
                mass += v;
            }
            return new PromptMatch(patch, prompt, grid, pf.gridW(), pf.gridH(), arg - start, row[arg], mass, true);
        }
        // memory bank: cosine to every prompt patch (rows are unit length), keep the best prompt's grid
        int dim = target.dim();
        float[] t = target.data();
        int bestPrompt = 0;
        int bestPatch = 0;
        double bestSim = Double.NEGATIVE_INFINITY;
        float[][] sims = new float[p.size()][];
        for (int k = 0; k < p.size(); k++) {
            PatchFeatures pf = p.get(k);
            float[] d = pf.data();
            sims[k] = new float[pf.patches()];
            for (int j = 0; j < pf.patches(); j++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += t[patch * dim + i] * d[j * dim + i];
                }
                sims[k][j] = (float) dot;
                if (dot > bestSim) {
                    bestSim = dot;
                    bestPrompt = k;
                    bestPatch = j;
                }
            }
        }
        PatchFeatures pf = p.get(bestPrompt);
        return new PromptMatch(patch, bestPrompt, sims[bestPrompt], pf.gridW(), pf.gridH(), bestPatch, bestSim,
                Double.NaN, false);
    }

    private static int argmax(float[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        if (reconstruction != null) {
            reconstruction.close();
            device.close();
        }
    }
}
