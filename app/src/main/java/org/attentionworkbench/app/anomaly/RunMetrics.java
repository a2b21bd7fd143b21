package org.attentionworkbench.app.anomaly;

import org.attentionworkbench.compute.anomaly.metrics.F1Max;
import org.attentionworkbench.compute.anomaly.metrics.RocCurve;

/**
 * What the folder's labels say about the scores (absent when it has none).
 *
 * @param roc        image ROC (null when only one class is present)
 * @param auroc      image AUROC (NaN when undefined)
 * @param f1         image F1-max (null when undefined)
 * @param pixelAuroc pixel AUROC over masked and good images at the model input size (NaN without masks)
 * @param pixelF1    pixel F1-max (null without masks)
 */
public record RunMetrics(int good, int defect, RocCurve roc, double auroc, F1Max f1, double pixelAuroc, F1Max pixelF1) {}
