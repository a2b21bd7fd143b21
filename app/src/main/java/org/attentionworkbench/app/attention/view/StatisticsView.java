package org.attentionworkbench.app.attention.view;

import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.attentionworkbench.compute.explain.HeadStatistics;
import org.attentionworkbench.viewers.charts.LayerScatter;
import org.attentionworkbench.viewers.charts.StatsHeatmap;
import org.attentionworkbench.viewers.grid.LayerHead;
import org.attentionworkbench.viewers.heatmap.Colormap;

/**
 * Per-head statistics as charts: mean attention distance and entropy as layer × head heatmaps, and
 * one of them per layer as a scatter. A click on a cell or a point selects that head.
 */
final class StatisticsView extends VBox {
    private final StatsHeatmap distance = new StatsHeatmap();
    private final StatsHeatmap entropy = new StatsHeatmap();
    private final LayerScatter scatter = new LayerScatter();
    private final ComboBox<String> scatterMetric = new ComboBox<>();
    private final String distanceName;
    private HeadStatistics stats;
    private boolean syncing;

    StatisticsView(String distanceName, BiConsumer<Integer, Integer> onSelect) {
        this.distanceName = distanceName;
        setSpacing(6);
        setPadding(new Insets(6));
        distance.setMetric(distanceName);
        distance.setColormap(Colormap.VIRIDIS);
        entropy.setMetric("entropy (nats)");
        entropy.setColormap(Colormap.INFERNO);
        for (StatsHeatmap s : new StatsHeatmap[] {distance, entropy}) {
            s.setPrefSize(220, 160);
            s.setMinSize(140, 90);
            HBox.setHgrow(s, Priority.ALWAYS);
            s.selectionProperty().addListener((obs, old, lh) -> select(lh, onSelect));
        }
        scatter.selectionProperty().addListener((obs, old, lh) -> select(lh, onSelect));
        scatter.setLegendVisible(false);
        scatter.setPrefSize(360, 200);
        scatter.setMinSize(220, 120);
        scatterMetric.getItems().setAll(distanceName, "entropy (nats)");
        scatterMetric.getSelectionModel().select(0);
        scatterMetric.valueProperty().addListener(obs -> refreshScatter());
        Label title1 = title("Mean attention distance");
        Label title2 = title("Entropy");
        VBox d = new VBox(2, title1, distance);
        VBox e = new VBox(2, title2, entropy);
        VBox.setVgrow(distance, Priority.ALWAYS);
        VBox.setVgrow(entropy, Priority.ALWAYS);
        HBox.setHgrow(d, Priority.ALWAYS);
        HBox.setHgrow(e, Priority.ALWAYS);
        HBox scatterBar = new HBox(6, title("Per layer"), scatterMetric);
        scatterBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox s = new VBox(2, scatterBar, scatter);
        VBox.setVgrow(scatter, Priority.ALWAYS);
        HBox.setHgrow(s, Priority.ALWAYS);
        // side by side: the tab under the image is wide and short
        HBox row = new HBox(12, d, e, s);
        VBox.setVgrow(row, Priority.ALWAYS);
        getChildren().add(row);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(AttentionStyles.SECTION_TITLE);
        return l;
    }

    void setStatistics(HeadStatistics s) {
        this.stats = s;
        if (s == null) {
            return;
        }
        distance.setData(toFloats(s.meanDistancePx()), s.layers(), s.heads());
        entropy.setData(toFloats(s.entropy()), s.layers(), s.heads());
        refreshScatter();
    }

    /** Marks the head shown elsewhere (−1, the fused heads, marks nothing). */
    void showSelection(int layer, int head) {
        LayerHead lh = head < 0 ? null : new LayerHead(layer, head);
        syncing = true;
        try {
            distance.setSelection(lh);
            entropy.setSelection(lh);
            scatter.setSelection(lh);
        } finally {
            syncing = false;
        }
    }

    StatsHeatmap distanceMap() {
        return distance;
    }

    private void select(LayerHead lh, BiConsumer<Integer, Integer> onSelect) {
        if (!syncing && lh != null) {
            onSelect.accept(lh.layer(), lh.head());
        }
    }

    private void refreshScatter() {
        if (stats == null) {
            return;
        }
        boolean dist = distanceName.equals(scatterMetric.getValue());
        scatter.setData(toFloats(dist ? stats.meanDistancePx() : stats.entropy()), stats.layers(), stats.heads(),
                unit(scatterMetric.getValue()));
    }

    /** "px" of "distance (px)": the combo box above names the statistic, the short axis has room for its unit. */
    private static String unit(String metric) {
        int open = metric.lastIndexOf('(');
        int close = metric.lastIndexOf(')');
        return open >= 0 && close > open ? metric.substring(open + 1, close) : metric;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
