package org.attentionworkbench.app.anomaly.view;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionModel;

/** The threshold slider over the range of the scores, with the live count of flagged images. */
final class ThresholdBar extends HBox {
    private final InspectionModel model;
    private final InspectionController controller;
    private final Slider slider = new Slider(0, 1, 0.5);
    private final Label value = new Label();
    private final Label flagged = new Label();
    private boolean syncing;

    ThresholdBar(InspectionController controller) {
        this.controller = controller;
        this.model = controller.model();
        getStyleClass().add(AnomalyStyles.THRESHOLD_BAR);
        Label title = new Label("Threshold");
        title.getStyleClass().add(AnomalyStyles.SECTION_TITLE);
        slider.setTooltip(new Tooltip("Images scoring above the threshold are flagged; the contour shows where the map crosses it"));
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        flagged.getStyleClass().add(AnomalyStyles.FLAGGED_COUNT);
        flagged.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%d of %d flagged", model.flaggedCountProperty().get(),
                        model.scoredCountProperty().get()),
                model.flaggedCountProperty(), model.scoredCountProperty()));
        value.setMinWidth(60);
        getChildren().addAll(title, slider, value, flagged);
        disableProperty().bind(model.scoredCountProperty().isEqualTo(0));

        slider.valueProperty().addListener((obs, old, v) -> {
            if (!syncing) {
                controller.moveThreshold(v.doubleValue());
            }
        });
        model.thresholdProperty().addListener(obs -> sync());
        model.scoreMinProperty().addListener(obs -> sync());
        model.scoreMaxProperty().addListener(obs -> sync());
        sync();
    }

    Slider slider() {
        return slider;
    }

    /** Range: the scores seen, padded, and always containing the threshold. */
    private void sync() {
        syncing = true;
        try {
            double t = model.thresholdProperty().get();
            double lo = model.scoreMinProperty().get();
            double hi = model.scoreMaxProperty().get();
            if (!Double.isNaN(t)) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            double pad = Math.max(1e-6, 0.05 * (hi - lo));
            slider.setMin(lo - pad);
            slider.setMax(hi + pad);
            if (!Double.isNaN(t)) {
                slider.setValue(t);
            }
            value.setText(Double.isNaN(t) ? "—" : String.format(Locale.ROOT, "%.4f", t));
        } finally {
            syncing = false;
        }
    }
}
