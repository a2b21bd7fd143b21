package org.attentionworkbench.viewers.heatmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

/**
 * A vertical colour bar for a colormap and value range: max at the top, min at the bottom, and
 * "nice" ticks (1, 2, 5 x 10^k) between them, with an optional title above.
 */
public class ColorLegend extends Region {
    public static final String STYLE_CLASS = "color-legend";
    public static final String BAR_STYLE_CLASS = "bar";
    public static final String TICK_STYLE_CLASS = "tick";
    public static final String TICK_LABEL_STYLE_CLASS = "tick-label";
    public static final String TITLE_STYLE_CLASS = "title";

    private static final double BAR_WIDTH = 14;
    private static final double TICK_LENGTH = 4;
    private static final double LABEL_GAP = 3;

    private final ObjectProperty<Colormap> colormap = new SimpleObjectProperty<>(this, "colormap", Colormap.VIRIDIS);
    private final ObjectProperty<ValueRange> range = new SimpleObjectProperty<>(this, "range", new ValueRange(0, 1));
    private final IntegerProperty tickCount = new SimpleIntegerProperty(this, "tickCount", 5);
    private final StringProperty title = new SimpleStringProperty(this, "title", "");

    private final ImageView bar = new ImageView();
    private final Label titleLabel = new Label();
    private final List<Label> labels = new ArrayList<>();
    private final List<Line> ticks = new ArrayList<>();
    private double[] tickValues = new double[0];

    public ColorLegend() {
        getStyleClass().add(STYLE_CLASS);
        bar.getStyleClass().add(BAR_STYLE_CLASS);
        bar.setPreserveRatio(false);
        bar.setSmooth(true);
        titleLabel.getStyleClass().add(TITLE_STYLE_CLASS);
        titleLabel.textProperty().bind(title);
        titleLabel.managedProperty().bind(title.isNotEmpty());
        titleLabel.visibleProperty().bind(title.isNotEmpty());
        getChildren().addAll(bar, titleLabel);
        colormap.addListener(obs -> bar.setImage(ramp()));
        bar.setImage(ramp());
        for (Observable o : List.of(range, tickCount)) {
            o.addListener(obs -> rebuildTicks());
        }
        rebuildTicks();
    }

    public ColorLegend(Colormap colormap, ValueRange range) {
        this();
        setColormap(colormap);
        setRange(range);
    }

    public final ObjectProperty<Colormap> colormapProperty() { return colormap; }
    public final Colormap getColormap() { return colormap.get(); }
    public final void setColormap(Colormap v) { colormap.set(v); }

    /** The values at the bar's ends; never null. */
    public final ObjectProperty<ValueRange> rangeProperty() { return range; }
    public final ValueRange getRange() { return range.get(); }
    public final void setRange(ValueRange v) { range.set(java.util.Objects.requireNonNull(v, "range")); }

    /** About how many ticks (ends included) to aim for. */
    public final IntegerProperty tickCountProperty() { return tickCount; }
    public final StringProperty titleProperty() { return title; }
    public final void setTitle(String t) { title.set(t); }

    /** The tick values shown, bottom to top (ends included). */
    public double[] getTickValues() {
        return tickValues.clone();
    }

    @Override
    public String getUserAgentStylesheet() {
        return ColorLegend.class.getResource("color-legend.css").toExternalForm();
    }

    /** Ends plus nice ticks strictly inside, at least 0.4 of a step away from the ends. */
    static double[] ticks(double min, double max, int count) {
        if (!(max > min) || count < 2) {
            return max > min ? new double[] {min, max} : new double[] {min};
        }
        double step = niceStep((max - min) / (count - 1));
        List<Double> out = new ArrayList<>();
        out.add(min);
        for (double t = Math.ceil(min / step) * step; t < max; t += step) {
            if (t - min > step * 0.4 && max - t > step * 0.4) {
                out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
        }
        out.add(max);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    /** Up to 3 significant digits, no exponent for everyday magnitudes. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private javafx.scene.image.Image ramp() {
        return colormap.get().ramp(1, Colormap.SIZE, true);
    }

    private void rebuildTicks() {
        ValueRange r = getRange();
        tickValues = ticks(r.min(), r.max(), tickCount.get());
        getChildren().removeAll(labels);
        getChildren().removeAll(ticks);
        labels.clear();
        ticks.clear();
        for (double v : tickValues) {
            Label l = new Label(format(v));
            l.getStyleClass().add(TICK_LABEL_STYLE_CLASS);
            labels.add(l);
            Line t = new Line();
            t.getStyleClass().add(TICK_STYLE_CLASS);
            ticks.add(t);
        }
        getChildren().addAll(ticks);
        getChildren().addAll(labels);
        requestLayout();
    }

    private double labelWidth() {
        double w = 0;
        for (Label l : labels) {
            w = Math.max(w, l.prefWidth(-1));
        }
        return w;
    }

    @Override
    protected double computePrefWidth(double height) {
        double body = BAR_WIDTH + TICK_LENGTH + LABEL_GAP + labelWidth();
        double t = title.get().isEmpty() ? 0 : titleLabel.prefWidth(-1);
        return snappedLeftInset() + Math.max(body, t) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + 200 + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double w = getWidth() - left - snappedRightInset();
        double h = getHeight() - top - snappedBottomInset();
        double titleH = 0;
        if (!title.get().isEmpty()) {
            titleH = titleLabel.prefHeight(w) + 4;
            titleLabel.resizeRelocate(left, top, w, titleH - 4);
        }
        // Half a label's height above and below the bar so that the end labels fit.
        double lh = labels.isEmpty() ? 0 : labels.get(0).prefHeight(-1);
        double y0 = top + titleH + lh / 2;
        double barH = Math.max(0, h - titleH - lh);
        bar.setFitWidth(BAR_WIDTH);
        bar.setFitHeight(Math.max(1, barH));
        bar.relocate(left, y0);
        ValueRange r = getRange();
        for (int i = 0; i < tickValues.length; i++) {
            double y = y0 + (1 - r.normalize(tickValues[i])) * barH;
            Line t = ticks.get(i);
            t.setStartX(left + BAR_WIDTH);
            t.setEndX(left + BAR_WIDTH + TICK_LENGTH);
            t.setStartY(snap(y));
            t.setEndY(snap(y));
            Label l = labels.get(i);
            double lw = l.prefWidth(-1);
            l.resizeRelocate(left + BAR_WIDTH + TICK_LENGTH + LABEL_GAP, Math.round(y - lh / 2), lw, lh);
        }
    }

    private static double snap(double y) {
        return Math.floor(y) + 0.5;
    }
}
