package org.attentionworkbench.compute.anomaly.metrics;

/**
 * A metric that has no value for its input, e.g. an AUROC over labels of one class only. sklearn raises
 * ValueError here ("Only one class present in y_true. ROC AUC score is not defined in that case."); we
 * throw, with the reason, rather than return a NaN that would print as a score in a report.
 */
public class UndefinedMetricException extends IllegalArgumentException {
    public UndefinedMetricException(String message) {
        super(message);
    }
}
