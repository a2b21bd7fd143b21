package org.attentionworkbench.viewers.points;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;

/** The keys and mouse gestures of a {@link PointCloudView}, listed over the picture (H or ? toggles). */
final class HelpOverlay extends GridPane {
    static final String STYLE_CLASS = "point-cloud-help";
    static final String KEY_STYLE_CLASS = "key";
    static final String ACTION_STYLE_CLASS = "action";

    HelpOverlay(ObservableList<PointCloudView.KeyHelp> entries) {
        getStyleClass().add(STYLE_CLASS);
        setHgap(12);
        setVgap(2);
        setPadding(new Insets(8, 12, 8, 12));
        setBackground(new Background(new BackgroundFill(Color.rgb(0, 0, 0, 0.72), new CornerRadii(6), Insets.EMPTY)));
        setMouseTransparent(true);
        entries.addListener((ListChangeListener<PointCloudView.KeyHelp>) c -> rebuild(entries));
        rebuild(entries);
    }

    private void rebuild(ObservableList<PointCloudView.KeyHelp> entries) {
        getChildren().clear();
        for (int i = 0; i < entries.size(); i++) {
            Label key = new Label(entries.get(i).keys());
            key.getStyleClass().add(KEY_STYLE_CLASS);
            key.setTextFill(Color.web("#ffd479"));
            Label action = new Label(entries.get(i).action());
            action.getStyleClass().add(ACTION_STYLE_CLASS);
            action.setTextFill(Color.WHITE);
            addRow(i, key, action);
        }
    }
}
