package org.attentionworkbench.compute.anomaly.refiner;

import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.anomaly.PatchRefiner;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.tensor.Device;

/** A trained {@link RefinerNet} as the inspector's {@link PatchRefiner}. */
public final class OneNipRefiner implements PatchRefiner {

    /**
     * How the refiner's probability σ(z) becomes the patch score. ADD: score + σ(z), the refiner adds evidence
     * to the scorer's map (the default: best mean pixel AUROC over hazelnut_toy and the synthetic set, BENCHMARKS.md
     * "Refiner"); REPLACE: σ(z) alone, as OneNIP uses its refined map.
     */
    public enum Mode { ADD, REPLACE }

    private final RefinerNet net;
    private final Device device;
    private final String name;
    private final Mode mode;

    public OneNipRefiner(RefinerNet net, Device device, String name, Mode mode) {
        this.net = net;
        this.device = device;
        this.name = name;
        this.mode = mode;
    }

    /** Loads a refiner file; a bad file is a {@link CheckpointException} naming it. */
    public static OneNipRefiner load(Path file, Device device, Mode mode) {
        return new OneNipRefiner(RefinerNet.load(file), device, file.toString(), mode);
    }

    public RefinerNet net() {
        return net;
    }

    @Override
    public void check(PatchFeatures prompt) {
        if (prompt.dim() != net.featureDim()) {
            throw new CheckpointException(name, "the refiner was trained on features of dim " + net.featureDim()
                    + ", this backbone gives " + prompt.dim() + " (train it with the same --backbone and --taps)");
        }
    }

    /**
     * Compares the file's "features" (exactly) and "scorer" (its kind, the text before the first '(': k and
     * the prompt count may differ) with this run's.
     */
    @Override
    public List<String> mismatches(String features, String scorer) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        String trainedFeatures = net.metadata().get("features");
        if (trainedFeatures != null && !trainedFeatures.equals(features)) {
            out.add("the refiner " + name + " was trained on features '" + trainedFeatures + "', this run uses '"
                    + features + "'");
        }
        String trainedScorer = net.metadata().get("scorer");
        if (trainedScorer != null && !kind(trainedScorer).equals(kind(scorer))) {
            out.add("the refiner " + name + " was trained after the scorer '" + trainedScorer + "', this run uses '"
                    + scorer + "'");
        }
        return out;
    }

    private static String kind(String scorer) {
        int paren = scorer.indexOf('(');
        return (paren < 0 ? scorer : scorer.substring(0, paren)).trim();
    }

    @Override
    public float[] refine(PatchFeatures target, float[] patchScores, List<PatchFeatures> prompts) {
        check(target);
        float[] p = net.predict(RefinerInputs.build(device, target, patchScores, prompts), target.gridH(), target.gridW());
        if (mode == Mode.ADD) {
            for (int i = 0; i < p.length; i++) {
                p[i] += patchScores[i];
            }
        }
        return p;
    }

    @Override
    public String describe() {
        return "refiner " + Path.of(name).getFileName() + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
