package org.attentionworkbench.app.anomaly.view;

/** Style classes of the Anomaly page (see anomaly.css); use these constants, never string literals. */
public final class AnomalyStyles {
    public static final String STYLESHEET = "anomaly.css";

    public static final String WORKSPACE = "anomaly-workspace";
    /** The toolbar with the status line under it. */
    public static final String TOOLBAR_AREA = "anomaly-toolbar-area";
    public static final String TOOLBAR = "anomaly-toolbar";
    public static final String STATUS = "anomaly-status";
    public static final String SECTION_TITLE = "anomaly-section-title";
    public static final String SIDE = "anomaly-side";
    public static final String PROMPTS = "anomaly-prompts";
    public static final String PROMPT_THUMB = "anomaly-prompt-thumb";
    public static final String QUEUE = "anomaly-queue";
    public static final String QUEUE_CELL = "anomaly-queue-cell";
    public static final String QUEUE_NAME = "anomaly-queue-name";
    public static final String SCORE_BAR = "anomaly-score-bar";
    public static final String SCORE_FILL = "anomaly-score-fill";
    public static final String SCORE_TICK = "anomaly-score-tick";
    public static final String FLAGGED = "flagged";
    public static final String DECISION = "anomaly-decision";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String VIEW_HEADER = "anomaly-view-header";
    public static final String SCORE_LABEL = "anomaly-score-label";
    public static final String THRESHOLD_BAR = "anomaly-threshold-bar";
    public static final String FLAGGED_COUNT = "anomaly-flagged-count";
    public static final String METRICS = "anomaly-metrics";
    public static final String ROC_CHART = "anomaly-roc";
    public static final String KEY_HINTS = "anomaly-key-hints";
    public static final String HINT = "anomaly-hint";
    public static final String CATEGORY_FILTER = "anomaly-category-filter";
    public static final String SCORER = "anomaly-scorer";
    public static final String REFINER = "anomaly-refiner";

    private AnomalyStyles() {}

    public static String stylesheet() {
        return AnomalyStyles.class.getResource(STYLESHEET).toExternalForm();
    }
}
