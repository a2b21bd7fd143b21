package org.attentionworkbench.compute.anomaly;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Normalisation across the set, fitted on normal images only, so that a good part stays dark in every
 * heatmap instead of each map being stretched to its own min/max (which makes every image glow).
 *
 * <p>Fit: the pixel floor is the median of all normal pixels, the image floor the median of the normal
 * image scores, and the threshold τ a quantile (default 0.99) of the normal image scores. Apply:
 * v ↦ clamp(0.5 + 0.5·(v − τ)/(τ − floor), 0, 1): the floor goes to 0, τ to 0.5 (anomalib's
 * convention: flagged ⇔ normalised &gt; 0.5), 2τ − floor and above to 1. Monotone, so AUROC and every
 * ranking metric are unchanged.
 *
 * @param pixelFloor median normal pixel
 * @param imageFloor median normal image score
 * @param threshold  τ, on raw image scores (and on pixels: a pixel above it is as anomalous as a
 *                   flagged image's peak)
 * @param source     how it was fitted, for the report
 * @param calibrated τ comes from held-out normal images (false: the uncalibrated fallback)
 */
public record Normalizer(double pixelFloor, double imageFloor, double threshold, String source, boolean calibrated) {
    public static final double DEFAULT_QUANTILE = 0.99;
    /** The uncalibrated fallback's share of flagged inputs (PyOD's default contamination). */
    public static final double DEFAULT_CONTAMINATION = 0.1;

    /** Fits on normal images' maps (smoothed, as scored) and their image scores. */
    public static Normalizer fit(List<AnomalyMap> normalMaps, float[] normalScores, double quantile, String source) {
        if (normalMaps.isEmpty() || normalScores.length == 0) {
            throw new IllegalArgumentException("normalisation needs at least one normal image");
        }
        long total = 0;
        for (AnomalyMap m : normalMaps) {
            total += m.values().length;
        }
        // sample at most ~1M pixels evenly: the median does not need them all
        int step = (int) Math.max(1, total / 1_000_000);
        float[] px = new float[(int) ((total + step - 1) / step) + normalMaps.size()];
        int n = 0;
        for (AnomalyMap m : normalMaps) {
            for (int i = 0; i < m.values().length; i += step) {
                px[n++] = m.values()[i];
            }
        }
        double pixelFloor = quantile(Arrays.copyOf(px, n), 0.5);
        double imageFloor = quantile(normalScores.clone(), 0.5);
        double tau = quantile(normalScores.clone(), quantile);
        return new Normalizer(pixelFloor, imageFloor, tau, source, true);
    }

    /**
     * The fallback when no held-out normal image exists, so the normal score spread is unknown: the
     * threshold is the (1 − contamination) quantile of the input set's own scores, i.e. the top
     * {@code contamination} share of the batch is flagged whatever it holds (PyOD's convention, default
     * contamination 0.1). Marked uncalibrated: a ranking for review, not a pass/fail decision. Floors as in
     * {@link #fit}, over the inputs.
     *
     * <p>Why not median + 3·MAD of the inputs (the earlier fallback): normal scores are not one tight
     * mode (dobot_cubes normals against one prompt spread from 0.05 to 0.57 in two clusters), and with a
     * third of the batch defective the MAD is inflated; τ landed above every score and nothing was flagged.
     */
    public static Normalizer uncalibrated(List<AnomalyMap> maps, float[] scores, double contamination) {
        if (!(contamination > 0 && contamination < 1)) {
            throw new IllegalArgumentException("contamination " + contamination + " is not in (0, 1)");
        }
        Normalizer base = fit(maps, scores, 1 - contamination, "");
        return new Normalizer(base.pixelFloor(), base.imageFloor(), base.threshold(), String.format(Locale.ROOT,
                "UNCALIBRATED (no held-out normal images): flags the top %.0f%% of this batch's scores; give "
                        + "--calibrate with normal images, or a dataset with train/good", 100 * contamination),
                false);
    }

    /** Linear-interpolated quantile (numpy's default); sorts {@code v}. */
    public static double quantile(float[] v, double q) {
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    public float pixel(float v) {
        return squash(v, pixelFloor);
    }

    public float image(float v) {
        return squash(v, imageFloor);
    }

    public boolean flagged(float imageScore) {
        return imageScore > threshold;
    }

    private float squash(double v, double floor) {
        double span = Math.max(threshold - floor, 1e-12);
        double r = 0.5 + 0.5 * (v - threshold) / span;
        return (float) Math.max(0, Math.min(1, r));
    }

    /** A whole map normalised (values in [0, 1]). */
    public AnomalyMap apply(AnomalyMap m) {
        float[] out = new float[m.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixel(m.values()[i]);
        }
        return new AnomalyMap(m.height(), m.width(), out);
    }
}
