package org.attentionworkbench.app.depth360;

import org.attentionworkbench.viewers.panorama.OverlayMode;
import org.attentionworkbench.viewers.panorama.PanoramaOverlay;
import org.attentionworkbench.viewers.panorama.PanoramaRenderer;
import org.attentionworkbench.viewers.panorama.ViewState;

/** What "Export view" draws, captured on the FX thread and rendered on a worker (all immutable). */
public record ViewExport(PanoramaRenderer.Source source, PanoramaOverlay overlay, OverlayMode mode, double divider,
        ViewState view, int width, int height) {

    /** The view as ARGB pixels, row-major. */
    public int[] render() {
        int[] out = new int[width * height];
        PanoramaRenderer.render(source, overlay, mode, divider, view, width, height, out);
        return out;
    }
}
