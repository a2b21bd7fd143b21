package org.attentionworkbench.viewers.points.render;

/** PLACEHOLDER (pc-app, replaced by the renderers' at the merge): always the Java renderer. */
public final class PointRenderers {
    private PointRenderers() {
    }

    /** The renderer opened for a selector and why that one. */
    public record Selection(PointRenderer renderer, String note) {
    }

    public static Selection open(String selector) {
        return new Selection(new JavaPointRenderer(), "Java renderer (placeholder until the GL renderer is merged)");
    }
}
