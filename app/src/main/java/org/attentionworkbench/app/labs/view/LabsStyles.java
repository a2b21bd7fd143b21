package org.attentionworkbench.app.labs.view;

/** Style classes of the Labs page (see labs.css); use these constants, never string literals. */
public final class LabsStyles {
    public static final String STYLESHEET = "labs.css";

    public static final String WORKSPACE = "labs-workspace";
    public static final String SIDE = "labs-side";
    public static final String SUMMARY = "labs-summary";
    public static final String OPTION_NAME = "labs-option-name";
    public static final String OPTION_HELP = "labs-option-help";
    public static final String STATUS = "labs-status";
    public static final String ERROR = "labs-error";

    private LabsStyles() {}

    public static String stylesheet() {
        return LabsStyles.class.getResource(STYLESHEET).toExternalForm();
    }
}
