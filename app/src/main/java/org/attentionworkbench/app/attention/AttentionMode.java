package org.attentionworkbench.app.attention;

/** The Attention page's two modes. */
public enum AttentionMode {
    IMAGE("Image"),
    TEXT("Text");

    private final String title;

    AttentionMode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
