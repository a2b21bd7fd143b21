package org.attentionworkbench.app.anomaly;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.metrics.BinaryMetrics;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;

/**
 * The page's metrics of a run: the pipeline's own evaluation (the figures the {@code anomaly} command
 * writes) plus the image ROC curve the chart draws. Null when the folder has no labels.
 */
public final class MetricsCalculator {
    private MetricsCalculator() {}

    public static RunMetrics compute(RunResult run) {
        AnomalyEvaluation.Report report = run.report();
        if (report == null) {
            return null;
        }
        AnomalyEvaluation.Metrics o = report.overall();
        List<Double> s = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < run.results().size(); i++) {
            AnomalyItem it = run.request().targets().get(i).item();
            ImageResult r = run.results().get(i);
            if (r != null && it.label() != AnomalyLabel.UNKNOWN) {
                s.add((double) r.score());
                y.add(it.label() == AnomalyLabel.DEFECT);
            }
        }
        boolean[] labels = new boolean[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        boolean both = o.good() > 0 && o.defect() > 0;
        return new RunMetrics(o.good(), o.defect(),
                both ? BinaryMetrics.rocCurve(s.stream().mapToDouble(Double::doubleValue).toArray(), labels) : null,
                nan(o.imageAuroc()), o.imageF1(), nan(o.pixelAuroc()), o.pixelF1());
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }
}
