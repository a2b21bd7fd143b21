package org.attentionworkbench.app.anomaly.view;

import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.attentionworkbench.app.anomaly.InspectionItem;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionModel;
import org.attentionworkbench.app.anomaly.RunMetrics;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.metrics.F1Max;
import org.attentionworkbench.compute.anomaly.metrics.RocCurve;

/**
 * ROC curve and metrics when the folder has labels: AUROC, F1-max, pixel AUROC / F1-max (masks), and
 * the operating point of the current threshold (a dot on the curve, with its counts).
 */
final class MetricsPanel extends VBox {
    private final InspectionModel model;
    private final InspectionController controller;
    private final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> curve = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> point = new XYChart.Series<>();
    private final Label summary = new Label();
    private final Label atThreshold = new Label();

    MetricsPanel(InspectionController controller) {
        this.controller = controller;
        this.model = controller.model();
        getStyleClass().add(AnomalyStyles.METRICS);
        Label title = new Label("Metrics (from the folder's labels)");
        title.getStyleClass().add(AnomalyStyles.SECTION_TITLE);
        NumberAxis x = new NumberAxis("false positive rate", 0, 1, 0.25);
        NumberAxis y = new NumberAxis("true positive rate", 0, 1, 0.25);
        chart = new LineChart<>(x, y);
        chart.getStyleClass().add(AnomalyStyles.ROC_CHART);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(true);
        chart.setPrefSize(280, 240);
        chart.setMinHeight(180);
        curve.setName("ROC");
        point.setName("threshold");
        chart.getData().add(curve);
        chart.getData().add(point);
        summary.setWrapText(true);
        atThreshold.setWrapText(true);
        getChildren().addAll(title, chart, summary, atThreshold);
        model.metricsProperty().addListener(obs -> show());
        model.thresholdProperty().addListener(obs -> showThreshold());
        model.scoredCountProperty().addListener(obs -> showThreshold());
        show();
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    private void show() {
        RunMetrics m = model.metricsProperty().get();
        curve.getData().clear();
        if (m == null) {
            summary.setText(model.runningProperty().get() ? "…" : "No labels (or not run yet): metrics need good/defect folders");
            chart.setVisible(false);
            chart.setManaged(false);
            showThreshold();
            return;
        }
        RocCurve roc = m.roc();
        chart.setVisible(roc != null);
        chart.setManaged(roc != null);
        if (roc != null) {
            for (int i = 0; i < roc.size(); i++) {
                curve.getData().add(new XYChart.Data<>(roc.fpr()[i], roc.tpr()[i]));
            }
            // the curve's own points are not markers: only the threshold's dot is
            for (XYChart.Data<Number, Number> d : curve.getData()) {
                if (d.getNode() != null) {
                    d.getNode().setVisible(false);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d good, %d defect", m.good(), m.defect()));
        if (!Double.isNaN(m.auroc())) {
            sb.append(String.format(Locale.ROOT, "\nimage AUROC %.3f", m.auroc()));
        }
        F1Max f1 = m.f1();
        if (f1 != null) {
            sb.append(String.format(Locale.ROOT, "\nimage F1-max %.3f (at score %.4f)", f1.f1(), f1.threshold()));
        }
        if (!Double.isNaN(m.pixelAuroc())) {
            sb.append(String.format(Locale.ROOT, "\npixel AUROC %.3f", m.pixelAuroc()));
        }
        if (m.pixelF1() != null) {
            sb.append(String.format(Locale.ROOT, "\npixel F1-max %.3f", m.pixelF1().f1()));
        }
        summary.setText(sb.toString());
        showThreshold();
    }

    /** Counts at the current threshold from the labels of the scored images; the ROC dot. */
    private void showThreshold() {
        double t = model.thresholdProperty().get();
        int tp = 0, fp = 0, fn = 0, tn = 0;
        String category = model.categoryFilterProperty().get(); // the metrics shown are that category's
        for (InspectionItem it : model.items()) {
            if (it.result() == null || it.label() == AnomalyLabel.UNKNOWN || Double.isNaN(t)
                    || category != null && !category.equals(it.category())) {
                continue;
            }
            boolean f = it.flagged(t);
            boolean d = it.label() == AnomalyLabel.DEFECT;
            tp += f && d ? 1 : 0;
            fp += f && !d ? 1 : 0;
            fn += !f && d ? 1 : 0;
            tn += !f && !d ? 1 : 0;
        }
        point.getData().clear();
        if (tp + fp + fn + tn == 0) {
            atThreshold.setText("");
            return;
        }
        atThreshold.setText(String.format(Locale.ROOT,
                "at the threshold: %d defects caught, %d missed; %d good flagged, %d passed", tp, fn, fp, tn));
        if (tp + fn > 0 && fp + tn > 0) {
            point.getData().add(new XYChart.Data<>((double) fp / (fp + tn), (double) tp / (tp + fn)));
        }
    }
}
