package org.attentionworkbench.compute.anomaly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.data.MaskFiles;
import org.attentionworkbench.compute.anomaly.metrics.Aupro;
import org.attentionworkbench.compute.anomaly.metrics.BinaryMetrics;
import org.attentionworkbench.compute.anomaly.metrics.F1Max;
import org.attentionworkbench.compute.anomaly.metrics.PixelMetrics;
import org.attentionworkbench.compute.anomaly.metrics.ScoredMask;
import org.attentionworkbench.compute.anomaly.metrics.UndefinedMetricException;
import org.attentionworkbench.compute.image.ImageFileException;

/**
 * The metrics of a scored, labelled set, overall and per defect class, with the metrics package:
 * image AUROC and F1-max (with its threshold), the counts at the run's own threshold, and where masks
 * exist pixel AUROC, AUPRO up to 30 % FPR and pixel F1-max.
 *
 * <p>Which images count: image metrics use every GOOD and DEFECT item (UNKNOWN ones only get scores);
 * pixel metrics use GOOD items (an all-good mask) and DEFECT items that have a mask. Pixel metrics are
 * taken on the S×S map (the model input, the whole image squashed) against the mask resized to S×S by
 * nearest neighbour, as anomalib evaluates at its input size. A class's metrics use the good items plus
 * that class's items. A metric a subset cannot define (one class only) is left out (null).
 *
 * <p>A mask that cannot be read (corrupt, missing, not an image) does not stop the evaluation: its image
 * still counts for the image metrics, is left out of the pixel metrics, and is listed in
 * {@link Report#maskFailures()}.
 */
public final class AnomalyEvaluation {

    /** Counts at the run's threshold (flagged ⇔ score &gt; τ), over GOOD and DEFECT items. */
    public record Flags(int truePositive, int falsePositive, int falseNegative, int trueNegative) {
        public double precision() {
            return truePositive + falsePositive == 0 ? Double.NaN
                    : (double) truePositive / (truePositive + falsePositive);
        }

        public double recall() {
            return truePositive + falseNegative == 0 ? Double.NaN
                    : (double) truePositive / (truePositive + falseNegative);
        }
    }

    /** One set's metrics; a null is a metric the set cannot define. */
    public record Metrics(int good, int defect, int withMask, Double imageAuroc, F1Max imageF1, Flags flags,
            Double pixelAuroc, Double aupro, F1Max pixelF1) {}

    /**
     * A ground-truth mask that could not be read.
     *
     * @param item   its item's index in the list given to {@link #evaluate}
     * @param reason why, naming the mask file
     */
    public record MaskFailure(int item, Path mask, String reason) {}

    /**
     * Overall and per defect class (in name order; "good" is not a class here), and the masks that
     * could not be read (their images left out of the pixel metrics).
     */
    public record Report(Metrics overall, Map<String, Metrics> perClass, List<MaskFailure> maskFailures) {
        public Report {
            maskFailures = List.copyOf(maskFailures);
        }
    }

    private AnomalyEvaluation() {}

    /**
     * @param items  the test items, in the order of {@code scored}
     * @param scored their scores and S×S maps
     * @param tau    the run's threshold on image scores
     * @return null when no item is labelled
     */
    public static Report evaluate(List<AnomalyItem> items, List<AnomalyInspector.Scored> scored, double tau) {
        if (items.size() != scored.size()) {
            throw new IllegalArgumentException(items.size() + " items, " + scored.size() + " scores");
        }
        // 1. the labelled items and their masks at map size, read once
        List<Integer> labelled = new ArrayList<>();
        Map<Integer, ScoredMask> masks = new LinkedHashMap<>();
        List<MaskFailure> maskFailures = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            AnomalyItem it = items.get(i);
            if (it.label() == AnomalyLabel.UNKNOWN) {
                continue;
            }
            labelled.add(i);
            AnomalyMap m = scored.get(i).map();
            if (it.label() == AnomalyLabel.GOOD) {
                masks.put(i, new ScoredMask(m.width(), m.height(), m.values(), new boolean[m.values().length]));
            } else if (it.mask() != null) {
                try {
                    masks.put(i, new ScoredMask(m.width(), m.height(), m.values(),
                            MaskFiles.read(it.mask(), m.width(), m.height())));
                } catch (IOException | RuntimeException e) {
                    maskFailures.add(new MaskFailure(i, it.mask(), reason(it.mask(), e)));
                }
            }
        }
        if (labelled.isEmpty()) {
            return null;
        }
        // 2. all of them, then good + each defect class
        Metrics overall = metrics(items, scored, labelled, masks, tau);
        TreeSet<String> classes = new TreeSet<>();
        for (int i : labelled) {
            AnomalyItem it = items.get(i);
            if (it.label() == AnomalyLabel.DEFECT && it.defectClass() != null) {
                classes.add(it.defectClass());
            }
        }
        Map<String, Metrics> perClass = new LinkedHashMap<>();
        if (classes.size() > 1) {
            for (String c : classes) {
                List<Integer> subset = labelled.stream().filter(i -> items.get(i).label() == AnomalyLabel.GOOD
                        || c.equals(items.get(i).defectClass())).toList();
                perClass.put(c, metrics(items, scored, subset, masks, tau));
            }
        }
        return new Report(overall, perClass, maskFailures);
    }

    /** The decoder's message (it names the file); otherwise the file and the exception. */
    private static String reason(Path mask, Exception e) {
        String m = e.getMessage();
        if (e instanceof ImageFileException && m != null) {
            return m;
        }
        return mask + ": " + e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static Metrics metrics(List<AnomalyItem> items, List<AnomalyInspector.Scored> scored, List<Integer> subset,
            Map<Integer, ScoredMask> masks, double tau) {
        double[] s = new double[subset.size()];
        boolean[] y = new boolean[subset.size()];
        int good = 0, tp = 0, fp = 0, fn = 0, tn = 0;
        List<ScoredMask> pixel = new ArrayList<>();
        int withMask = 0;
        for (int k = 0; k < subset.size(); k++) {
            int i = subset.get(k);
            s[k] = scored.get(i).score();
            y[k] = items.get(i).label() == AnomalyLabel.DEFECT;
            good += y[k] ? 0 : 1;
            boolean flagged = s[k] > tau;
            tp += flagged && y[k] ? 1 : 0;
            fp += flagged && !y[k] ? 1 : 0;
            fn += !flagged && y[k] ? 1 : 0;
            tn += !flagged && !y[k] ? 1 : 0;
            ScoredMask m = masks.get(i);
            if (m != null) {
                pixel.add(m);
                withMask += y[k] ? 1 : 0;
            }
        }
        boolean both = good > 0 && good < subset.size();
        boolean anyDefect = good < subset.size();
        Double imageAuroc = both ? BinaryMetrics.auroc(s, y) : null;
        F1Max imageF1 = anyDefect ? BinaryMetrics.f1Max(s, y) : null;
        Double pixelAuroc = null, aupro = null;
        F1Max pixelF1 = null;
        if (withMask > 0) {
            // a defect mask may be all black (a defect image whose mask marks nothing): then the pixel
            // metrics are as undefined as the metrics package says
            try {
                pixelF1 = PixelMetrics.f1Max(pixel);
                pixelAuroc = PixelMetrics.auroc(pixel);
                aupro = Aupro.aupro(pixel, Aupro.DEFAULT_FPR_LIMIT);
            } catch (UndefinedMetricException undefined) {
                // left null
            }
        }
        return new Metrics(good, subset.size() - good, withMask, imageAuroc, imageF1, new Flags(tp, fp, fn, tn),
                pixelAuroc, aupro, pixelF1);
    }
}
