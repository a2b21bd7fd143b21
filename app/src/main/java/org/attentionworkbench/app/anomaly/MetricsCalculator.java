package org.attentionworkbench.app.anomaly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.data.MaskFiles;
import org.attentionworkbench.compute.anomaly.metrics.BinaryMetrics;
import org.attentionworkbench.compute.anomaly.metrics.F1Max;
import org.attentionworkbench.compute.anomaly.metrics.PixelMetrics;
import org.attentionworkbench.compute.anomaly.metrics.RocCurve;
import org.attentionworkbench.compute.anomaly.metrics.ScoredMask;

/** Image and pixel metrics of a run from the folder's labels and masks; null when it has no labels. */
public final class MetricsCalculator {
    private MetricsCalculator() {}

    /** {@code results} parallel to {@code items}; null entries (not scored) are left out. */
    public static RunMetrics compute(List<AnomalyItem> items, List<ImageResult> results) throws IOException {
        List<Double> s = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        List<ScoredMask> pixels = new ArrayList<>();
        boolean anyMask = false;
        for (int i = 0; i < items.size(); i++) {
            AnomalyItem it = items.get(i);
            ImageResult r = results.get(i);
            if (r == null || it.label() == AnomalyLabel.UNKNOWN) {
                continue;
            }
            s.add((double) r.score());
            y.add(it.label() == AnomalyLabel.DEFECT);
            anyMask |= it.mask() != null;
        }
        int defect = (int) y.stream().filter(b -> b).count();
        int good = y.size() - defect;
        if (y.isEmpty()) {
            return null;
        }
        double[] sc = s.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] lab = new boolean[y.size()];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = y.get(i);
        }
        boolean both = good > 0 && defect > 0;
        RocCurve roc = both ? BinaryMetrics.rocCurve(sc, lab) : null;
        double auroc = both ? BinaryMetrics.auroc(sc, lab) : Double.NaN;
        F1Max f1 = defect > 0 ? BinaryMetrics.f1Max(sc, lab) : null;
        double pixelAuroc = Double.NaN;
        F1Max pixelF1 = null;
        if (anyMask) {
            // at the map's own size (S×S, the whole image squashed): masks are resized by nearest neighbour
            for (int i = 0; i < items.size(); i++) {
                AnomalyItem it = items.get(i);
                ImageResult r = results.get(i);
                if (r == null || (it.mask() == null && it.label() != AnomalyLabel.GOOD)) {
                    continue;
                }
                int h = r.map().height();
                int w = r.map().width();
                boolean[] truth = it.mask() != null ? MaskFiles.read(it.mask(), w, h) : new boolean[w * h];
                pixels.add(new ScoredMask(w, h, r.map().values(), truth));
            }
            boolean anyDefectPixel = false;
            boolean anyGoodPixel = false;
            for (ScoredMask m : pixels) {
                for (boolean b : m.defect()) {
                    anyDefectPixel |= b;
                    anyGoodPixel |= !b;
                }
            }
            if (anyDefectPixel && anyGoodPixel) {
                pixelAuroc = PixelMetrics.auroc(pixels);
                pixelF1 = PixelMetrics.f1Max(pixels);
            }
        }
        return new RunMetrics(good, defect, roc, auroc, f1, pixelAuroc, pixelF1);
    }
}
