package org.attentionworkbench.app.colorize;

/** How the page lays out the images: input, result and truth next to each other, or one split view. */
public enum ViewMode {
    SIDE_BY_SIDE("Side by side"),
    SLIDER("Slider");

    private final String label;

    ViewMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
