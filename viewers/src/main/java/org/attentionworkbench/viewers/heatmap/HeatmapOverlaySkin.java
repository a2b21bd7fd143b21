package org.attentionworkbench.viewers.heatmap;

import java.util.List;
import javafx.beans.Observable;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.attentionworkbench.viewers.image.ImageViewerSkin;

/**
 * The image viewer's skin plus a second canvas on top for the heatmap, contours and highlight box.
 * The base image canvas is only redrawn on zoom/pan/resize; a new grid (a hover update) touches
 * only the top canvas.
 *
 * <p>Speed: the grid is rendered once per change to a small texture — gw x gh for NEAREST (drawn
 * without smoothing, so cells stay blocks), or {@link #BILINEAR_CELL_PIXELS} pixels per cell for
 * BILINEAR (values interpolated exactly, then the few remaining pixels per texel smoothed by
 * prism) — and prism scales it to the screen. Zoom and pan reuse the texture. Changes are
 * coalesced: invalidation marks the layer dirty and the next layout pass draws once.
 */
public class HeatmapOverlaySkin extends ImageViewerSkin {
    /** Texels per grid cell for BILINEAR: enough that prism's colour blend between texels is invisible. */
    static final int BILINEAR_CELL_PIXELS = 8;

    private final Canvas layer = new Canvas();
    private WritableImage texture;
    private int[] texels = new int[0];
    private boolean textureDirty = true;
    private boolean layerDirty = true;

    public HeatmapOverlaySkin(HeatmapOverlay overlay) {
        super(overlay);
        layer.setMouseTransparent(true);
        getChildren().add(layer);
        for (Observable o : List.of(overlay.gridProperty(), overlay.gridWidthProperty(), overlay.gridHeightProperty(),
                overlay.colormapProperty(), overlay.heatmapOpacityProperty(), overlay.interpolationProperty(),
                overlay.rangeProperty(), overlay.imageProperty())) {
            registerInvalidationListener(o, obs -> invalidate(true));
        }
        for (Observable o : List.of(overlay.zoomProperty(), overlay.offsetXProperty(), overlay.offsetYProperty(),
                overlay.contoursProperty(), overlay.highlightedCellProperty(), overlay.contourColorProperty(),
                overlay.highlightColorProperty())) {
            registerInvalidationListener(o, obs -> invalidate(false));
        }
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        super.layoutChildren(x, y, w, h);
        HeatmapOverlay v = (HeatmapOverlay) getSkinnable();
        if (layer.getWidth() != v.getWidth() || layer.getHeight() != v.getHeight()) {
            layer.setWidth(v.getWidth());
            layer.setHeight(v.getHeight());
            layerDirty = true;
        }
        layer.relocate(0, 0);
        if (layerDirty) {
            drawLayer();
        }
    }

    private void invalidate(boolean texture) {
        textureDirty |= texture;
        layerDirty = true;
        getSkinnable().requestLayout();
    }

    private void drawLayer() {
        layerDirty = false;
        HeatmapOverlay v = (HeatmapOverlay) getSkinnable();
        GraphicsContext gc = layer.getGraphicsContext2D();
        gc.clearRect(0, 0, layer.getWidth(), layer.getHeight());
        Image img = v.getImage();
        int gw = v.getGridWidth();
        int gh = v.getGridHeight();
        if (img == null || img.getWidth() <= 0 || gw <= 0 || gh <= 0) {
            return;
        }
        double z = v.getZoom();
        double ox = v.offsetXProperty().get();
        double oy = v.offsetYProperty().get();
        // View size of one grid cell.
        double cw = img.getWidth() * z / gw;
        double ch = img.getHeight() * z / gh;

        // Step 1: the heatmap texture stretched over the image's view rectangle.
        float[] g = v.getGrid();
        if (g != null && g.length == gw * gh) {
            if (textureDirty || texture == null) {
                renderTexture(v, g, gw, gh);
            }
            gc.setImageSmoothing(v.getInterpolation() == Interpolation.BILINEAR);
            gc.drawImage(texture, ox, oy, gw * cw, gh * ch);
        }
        // Step 2: contours, in cell units, scaled to the image.
        List<float[]> lines = v.getContours();
        if (lines != null && !lines.isEmpty()) {
            gc.setStroke(v.contourColorProperty().get());
            gc.setLineWidth(1.5);
            for (float[] pts : lines) {
                if (pts == null || pts.length < 4) {
                    continue;
                }
                gc.beginPath();
                gc.moveTo(ox + pts[0] * cw, oy + pts[1] * ch);
                for (int i = 2; i + 1 < pts.length; i += 2) {
                    gc.lineTo(ox + pts[i] * cw, oy + pts[i + 1] * ch);
                }
                gc.stroke();
            }
        }
        // Step 3: the highlighted cell's box, inset half a line so it stays inside the cell.
        GridCell hc = v.getHighlightedCell();
        if (hc != null && hc.x() >= 0 && hc.y() >= 0 && hc.x() < gw && hc.y() < gh) {
            gc.setStroke(v.highlightColorProperty().get());
            gc.setLineWidth(2);
            gc.strokeRect(ox + hc.x() * cw + 1, oy + hc.y() * ch + 1, Math.max(0, cw - 2), Math.max(0, ch - 2));
        }
    }

    private void renderTexture(HeatmapOverlay v, float[] g, int gw, int gh) {
        textureDirty = false;
        HeatmapStyle style = v.getHeatmapStyle();
        int k = style.interpolation() == Interpolation.BILINEAR ? BILINEAR_CELL_PIXELS : 1;
        int tw = gw * k;
        int th = gh * k;
        if (texels.length != tw * th) {
            texels = new int[tw * th];
        }
        HeatmapRenderer.renderInto(texels, g, gw, gh, style, tw, th);
        if (texture == null || (int) texture.getWidth() != tw || (int) texture.getHeight() != th) {
            texture = new WritableImage(tw, th);
        }
        texture.getPixelWriter().setPixels(0, 0, tw, th, PixelFormat.getIntArgbInstance(), texels, 0, tw);
    }
}
