package org.attentionworkbench.viewers.charts;

import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.attentionworkbench.viewers.grid.LayerHead;
import org.attentionworkbench.viewers.grid.SmallMultiples;
import org.attentionworkbench.viewers.heatmap.ColorLegend;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.ValueRange;

/**
 * One value per (layer, head) — mean attention distance, entropy, ... — as an L x H grid of
 * coloured cells (a {@link SmallMultiples} of 1 x 1 cells sharing one range) with a colour
 * legend. Hover shows the value in a tooltip; click selects the (layer, head).
 */
public class StatsHeatmap extends Region {
    public static final String STYLE_CLASS = "stats-heatmap";

    private static final double LEGEND_GAP = 8;

    private final ObjectProperty<float[]> values = new SimpleObjectProperty<>(this, "values");
    private final IntegerProperty layers = new SimpleIntegerProperty(this, "layers");
    private final IntegerProperty heads = new SimpleIntegerProperty(this, "heads");
    private final ObjectProperty<ValueRange> range = new SimpleObjectProperty<>(this, "range");
    private final StringProperty metric = new SimpleStringProperty(this, "metric", "");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");

    private final SmallMultiples grid = new SmallMultiples();
    private final ColorLegend legend = new ColorLegend();
    private final Tooltip tooltip = new Tooltip();

    public StatsHeatmap() {
        getStyleClass().add(STYLE_CLASS);
        getChildren().addAll(grid, legend);
        legend.colormapProperty().bind(grid.colormapProperty());
        legend.titleProperty().bind(metric);
        tooltip.textProperty().bind(hoverText);
        tooltip.setShowDelay(Duration.millis(150));
        Tooltip.install(grid, tooltip);
        for (Observable o : List.of(values, layers, heads, range)) {
            o.addListener(obs -> refresh());
        }
        grid.hoveredProperty().addListener((obs, old, lh) -> hoverText.set(describe(lh)));
    }

    /** Values row-major [layer * heads + head]. */
    public void setData(float[] values, int layers, int heads) {
        if (values.length != layers * heads) {
            throw new IllegalArgumentException(values.length + " values are not " + layers + " x " + heads);
        }
        this.layers.set(layers);
        this.heads.set(heads);
        this.values.set(values);
    }

    public final ObjectProperty<float[]> valuesProperty() { return values; }
    public final float[] getValues() { return values.get(); }
    /** Fixed colour range; null = the values' min..max. */
    public final ObjectProperty<ValueRange> rangeProperty() { return range; }
    public final void setRange(ValueRange r) { range.set(r); }
    public final ObjectProperty<Colormap> colormapProperty() { return grid.colormapProperty(); }
    public final void setColormap(Colormap c) { grid.setColormap(c); }
    /** Name of the statistic, shown over the legend. */
    public final StringProperty metricProperty() { return metric; }
    public final void setMetric(String m) { metric.set(m); }
    public final ObjectProperty<LayerHead> selectionProperty() { return grid.selectionProperty(); }
    public final LayerHead getSelection() { return grid.getSelection(); }
    public final void setSelection(LayerHead lh) { grid.setSelection(lh); }
    /** "L3 H5: 0.421" for the cell under the pointer (the tooltip's text); empty off the cells. */
    public final ReadOnlyStringProperty hoverTextProperty() { return hoverText.getReadOnlyProperty(); }
    public final String getHoverText() { return hoverText.get(); }

    /** The grid inside (for positioning and tests). */
    public SmallMultiples getGrid() {
        return grid;
    }

    public ColorLegend getLegend() {
        return legend;
    }

    @Override
    public String getUserAgentStylesheet() {
        return StatsHeatmap.class.getResource("stats-heatmap.css").toExternalForm();
    }

    private void refresh() {
        float[] v = values.get();
        int hs = heads.get();
        if (v == null || v.length != layers.get() * hs) {
            grid.setData(0, 0, 1, 1, false, null);
            return;
        }
        ValueRange r = ValueRange.orAuto(range.get(), v);
        grid.setRange(r);
        legend.setRange(r);
        grid.setData(layers.get(), hs, 1, 1, false, (l, h) -> new float[] {v[l * hs + h]});
    }

    private String describe(LayerHead lh) {
        float[] v = values.get();
        if (lh == null || v == null) {
            return "";
        }
        String name = metric.get().isEmpty() ? "" : metric.get() + " ";
        return String.format(Locale.ROOT, "L%d H%d: %s%.4g", lh.layer(), lh.head(), name, v[lh.layer() * heads.get() + lh.head()]);
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + grid.prefWidth(-1) + LEGEND_GAP + legend.prefWidth(-1) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + grid.prefHeight(-1) + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double w = getWidth() - left - snappedRightInset();
        double h = getHeight() - top - snappedBottomInset();
        double lw = legend.prefWidth(-1);
        grid.resizeRelocate(left, top, Math.max(0, w - lw - LEGEND_GAP), h);
        legend.resizeRelocate(left + w - lw, top, lw, h);
    }
}
