package org.attentionworkbench.app.attention.view;

/** Style classes of the Attention page (see attention.css); use these constants, never literals. */
public final class AttentionStyles {
    public static final String STYLESHEET = "attention.css";

    public static final String PAGE = "attention-workspace";
    public static final String MODE_BAR = "attention-mode-bar";
    public static final String TOOLBAR = "attention-toolbar";
    public static final String SIDE = "attention-side";
    public static final String SECTION_TITLE = "attention-section-title";
    public static final String CAPTION = "attention-caption";
    public static final String STATUS = "attention-status";
    public static final String UNTRAINED_BADGE = "untrained-badge";
    public static final String GET_MODEL_BANNER = "get-model-banner";
    public static final String OFFLINE_MESSAGE = "offline-message";
    public static final String TEXT_INPUT = "attention-text-input";

    private AttentionStyles() {}

    public static String stylesheet() {
        return AttentionStyles.class.getResource(STYLESHEET).toExternalForm();
    }
}
