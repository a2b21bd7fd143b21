package org.attentionworkbench.viewers.charts;

import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.attentionworkbench.viewers.grid.LayerHead;

/**
 * Per-layer scatter of a per-head statistic (AttentionViz / DINO "mean attention distance by
 * layer" plots): x = layer, y = value, one point per head, one series (colour) per head. Points
 * of a layer are spread a little around the layer's x so that they do not hide each other. Click a
 * point to select its (layer, head); the selected point is enlarged.
 */
public class LayerScatter extends ScatterChart<Number, Number> {
    public static final String STYLE_CLASS = "layer-scatter";
    public static final String SELECTED_STYLE_CLASS = "selected";
    /** Horizontal spread of one layer's points, in layers. */
    static final double SPREAD = 0.5;

    private final ObjectProperty<LayerHead> selection = new SimpleObjectProperty<>(this, "selection");
    private Node[] points = new Node[0];
    private int heads;

    public LayerScatter() {
        super(new NumberAxis(), new NumberAxis());
        getStyleClass().add(STYLE_CLASS);
        setAnimated(false);
        ((NumberAxis) getXAxis()).setLabel("layer");
        ((NumberAxis) getXAxis()).setTickUnit(1);
        ((NumberAxis) getXAxis()).setMinorTickVisible(false);
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
        selection.addListener((obs, old, now) -> {
            mark(old, false);
            mark(now, true);
        });
    }

    /** Values row-major [layer * heads + head]; yLabel names the statistic. */
    public void setData(float[] values, int layers, int heads, String yLabel) {
        if (values.length != layers * heads) {
            throw new IllegalArgumentException(values.length + " values are not " + layers + " x " + heads);
        }
        this.heads = heads;
        ((NumberAxis) getYAxis()).setLabel(yLabel);
        NumberAxis x = (NumberAxis) getXAxis();
        x.setAutoRanging(false);
        // Integer bounds keep the ticks on the layers; the spread stays inside (-1, layers).
        x.setLowerBound(-1);
        x.setUpperBound(layers);
        points = new Node[values.length];
        getData().clear();
        for (int h = 0; h < heads; h++) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName("H" + h);
            double dx = heads > 1 ? (h / (double) (heads - 1) - 0.5) * SPREAD : 0;
            for (int l = 0; l < layers; l++) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(l + dx, values[l * heads + h]);
                d.setNode(point(l, h, values[l * heads + h]));
                s.getData().add(d);
            }
            getData().add(s);
        }
        mark(selection.get(), true);
    }

    public final ObjectProperty<LayerHead> selectionProperty() { return selection; }
    public final LayerHead getSelection() { return selection.get(); }
    public final void setSelection(LayerHead lh) { selection.set(lh); }

    /** The point node of a (layer, head); null when there is none (for tests and popups). */
    public Node pointNode(int layer, int head) {
        int i = layer * heads + head;
        return layer < 0 || head < 0 || head >= heads || i >= points.length ? null : points[i];
    }

    @Override
    public String getUserAgentStylesheet() {
        return LayerScatter.class.getResource("layer-scatter.css").toExternalForm();
    }

    private Node point(int layer, int head, float value) {
        // ScatterChart keeps a supplied node and adds its chart-symbol / series colour classes.
        StackPane p = new StackPane();
        Tooltip.install(p, new Tooltip(String.format(Locale.ROOT, "L%d H%d: %.4g", layer, head, value)));
        p.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> selection.set(new LayerHead(layer, head)));
        points[layer * heads + head] = p;
        return p;
    }

    private void mark(LayerHead lh, boolean on) {
        Node n = lh == null ? null : pointNode(lh.layer(), lh.head());
        if (n == null) {
            return;
        }
        if (on) {
            n.getStyleClass().add(SELECTED_STYLE_CLASS);
            n.toFront();
        } else {
            n.getStyleClass().remove(SELECTED_STYLE_CLASS);
        }
    }
}
