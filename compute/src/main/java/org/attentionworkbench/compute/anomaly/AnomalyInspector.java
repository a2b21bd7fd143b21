package org.attentionworkbench.compute.anomaly;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;

/**
 * The scoring core: normal prompt image(s) in, per image a smoothed anomaly map and an image score out.
 *
 * <p>By default ({@link Method#AUTO}) {@link NearestNeighbours} with k = {@link Settings#DEFAULT_NEIGHBOURS} over
 * every prompt patch, for one prompt or several: the winner of the protocol in BENCHMARKS.md "Anomaly" (mean
 * over datasets). {@link PromptReconstruction}, a {@link MemoryBank} (coreset) and {@link CorrelationDiscrepancy}
 * are there when asked. Maps are at the model input size (S×S);
 * {@link AnomalyMap#resize} takes them to any image's own size.
 */
public final class AnomalyInspector implements AutoCloseable {

    /**
     * Which scorer. AUTO: nearest neighbours for any prompt count (the protocol's choice; before it, reconstruction
     * for one prompt and the memory bank for several). NEAREST_NEIGHBOURS:
     * {@link NearestNeighbours}, k-NN over every prompt patch (k = {@code neighbours}). CORRELATION:
     * {@link CorrelationDiscrepancy}, FOD-style intra- vs inter-correlation (τ = {@code temperature}).
     */
    public enum Method { AUTO, RECONSTRUCTION, MEMORY_BANK, NEAREST_NEIGHBOURS, CORRELATION }

    /**
     * Settings, all chosen a priori (see BENCHMARKS.md).
     *
     * @param temperature reconstruction softmax temperature τ
     * @param coreset     memory-bank coreset ratio (1 = keep all)
     * @param neighbours  k of the k-NN distance (memory bank and nearest neighbours)
     * @param topK        image score: max (≤ 1) or mean of the top-k pixels of the S×S map
     * @param sigma       Gaussian smoothing in pixels of the S×S map (0 = none)
     * @param seed        coreset randomness
     * @param augmentation the prompts' mirrored / rotated copies the scorer also matches against
     */
    public record Settings(Method method, float temperature, double coreset, int neighbours, int topK, double sigma,
            long seed, PromptAugmentation augmentation) {
        /** k of the default scorer: k = 3 won the protocol (BENCHMARKS.md "Anomaly"), tied with k = 1 by the mean. */
        public static final int DEFAULT_NEIGHBOURS = 3;

        public static Settings defaults() {
            return new Settings(Method.AUTO, PromptReconstruction.DEFAULT_TEMPERATURE, MemoryBank.DEFAULT_CORESET,
                    DEFAULT_NEIGHBOURS, 1, AnomalyMap.SIGMA, 0, PromptAugmentation.DEFAULT);
        }

        public Settings {
            if (augmentation == null) {
                throw new IllegalArgumentException("prompt augmentation is null (PromptAugmentation.NONE for none)");
            }
        }

        public Settings withMethod(Method m) {
            return new Settings(m, temperature, coreset, neighbours, topK, sigma, seed, augmentation);
        }

        public Settings withTemperature(float t) {
            return new Settings(method, t, coreset, neighbours, topK, sigma, seed, augmentation);
        }

        public Settings withCoreset(double r) {
            return new Settings(method, temperature, r, neighbours, topK, sigma, seed, augmentation);
        }

        public Settings withNeighbours(int k) {
            return new Settings(method, temperature, coreset, k, topK, sigma, seed, augmentation);
        }

        public Settings withTopK(int k) {
            return new Settings(method, temperature, coreset, neighbours, k, sigma, seed, augmentation);
        }

        public Settings withAugmentation(PromptAugmentation a) {
            return new Settings(method, temperature, coreset, neighbours, topK, sigma, seed, a);
        }

        Method resolved(int prompts) {
            return method != Method.AUTO ? method : Method.NEAREST_NEIGHBOURS;
        }
    }

    /** One scored image: patch scores on the grid, the smoothed S×S map, the image score. */
    public record Scored(float[] patches, int gridH, int gridW, AnomalyMap map, float score) {}

    private final FeatureExtractor features;
    private final Settings settings;
    private final List<PatchFeatures> promptFeatures;
    private final PatchScorer scorer;
    private final PatchRefiner refiner;
    private final List<String> warnings;

    public AnomalyInspector(FeatureExtractor features, List<RgbImage> prompts, Settings settings) {
        this(features, prompts, settings, null);
    }

    /** With a refiner (null: none) applied to the scorer's patch scores before the map is made. */
    public AnomalyInspector(FeatureExtractor features, List<RgbImage> prompts, Settings settings,
            PatchRefiner refiner) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one normal prompt image");
        }
        this.features = features;
        this.settings = settings;
        List<PatchFeatures> pf = new ArrayList<>();
        List<PatchFeatures> matched = new ArrayList<>(); // the prompts and their augmented copies
        for (RgbImage p : prompts) {
            List<RgbImage> copies = settings.augmentation().apply(p);
            for (int i = 0; i < copies.size(); i++) {
                PatchFeatures f = features.extract(copies.get(i));
                if (i == 0) {
                    pf.add(f);
                }
                matched.add(f);
            }
        }
        this.promptFeatures = List.copyOf(pf);
        if (refiner != null) {
            refiner.check(promptFeatures.get(0));
        }
        this.refiner = refiner;
        this.scorer = scorer(matched);
        this.warnings = refiner == null ? List.of() : List.copyOf(refiner.mismatches(features.describe(),
                scorer.describe()));
    }

    /** Where the refiner's training differs from this run (empty without a refiner or when it matches). */
    public List<String> warnings() {
        return warnings;
    }

    private PatchScorer scorer(List<PatchFeatures> normals) {
        Device d = features.device();
        return switch (settings.resolved(normals.size())) {
            case RECONSTRUCTION -> new PromptReconstruction(d, normals, settings.temperature());
            case MEMORY_BANK -> new MemoryBank(d, normals, settings.coreset(), settings.neighbours(), settings.seed());
            case NEAREST_NEIGHBOURS -> new NearestNeighbours(d, normals, settings.neighbours());
            case CORRELATION -> new CorrelationDiscrepancy(d, normals, settings.temperature());
            case AUTO -> throw new IllegalStateException("resolved");
        };
    }

    public PatchScorer scorer() {
        return scorer;
    }

    public FeatureExtractor features() {
        return features;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The prompts' patch features, in prompt order (for the prompt ↔ target view); without the augmented
     * copies, which only the scorer matches against.
     */
    public List<PatchFeatures> promptFeatures() {
        return promptFeatures;
    }

    public String describe() {
        return features.describe() + "; " + scoring();
    }

    /** The scorer, its prompt augmentation and the refiner when there are. */
    public String scoring() {
        PromptAugmentation a = settings.augmentation();
        return scorer.describe() + (a == PromptAugmentation.NONE ? "" : ", prompts augmented: " + a.word() + " ×"
                + a.copies()) + (refiner == null ? "" : " + " + refiner.describe());
    }

    public Scored score(RgbImage image) {
        return score(features.extract(image), scorer);
    }

    /** Scores features already extracted (a caller that keeps them, e.g. for the prompt view). */
    public Scored score(PatchFeatures f) {
        return score(f, scorer);
    }

    private Scored score(PatchFeatures f, PatchScorer s) {
        float[] p = s.score(f);
        if (refiner != null) {
            p = refiner.refine(f, p, promptFeatures);
        }
        AnomalyMap map = AnomalyMap.fromPatches(features.device(), p, f.gridH(), f.gridW(), features.inputSize(),
                settings.sigma());
        return new Scored(p, f.gridH(), f.gridW(), map, map.imageScore(settings.topK()));
    }

    /** Fits the set-wide normaliser on scored normal images. */
    public static Normalizer fit(List<Scored> normals, double quantile, String source) {
        float[] s = new float[normals.size()];
        List<AnomalyMap> maps = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            s[i] = normals.get(i).score();
            maps.add(normals.get(i).map());
        }
        return Normalizer.fit(maps, s, quantile, source);
    }

    @Override
    public void close() {
        scorer.close();
    }
}
