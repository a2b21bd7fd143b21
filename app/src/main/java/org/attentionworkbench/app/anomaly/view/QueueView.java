package org.attentionworkbench.app.anomaly.view;

import java.util.Locale;
import javafx.geometry.Pos;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.attentionworkbench.app.anomaly.Decision;
import org.attentionworkbench.app.anomaly.InspectionItem;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionModel;
import org.attentionworkbench.app.anomaly.Verdict;

/**
 * The queue: a thumbnail per image with its score as a bar on the scale of the set's scores (lowest
 * to highest; the tick is the threshold, red = flagged), the decision, sort by score or file order, and a
 * flagged-only filter, and for a folder of categories a category filter (each row names its category;
 * scores are then on the common scale, 0.5 = the category's own threshold). Selecting a row makes it the
 * current image.
 */
final class QueueView extends VBox {
    private static final int THUMB = 40;
    private final InspectionModel model;
    private final InspectionController controller;
    private final ListView<InspectionItem> list;
    private final Thumbnails thumbs = new Thumbnails(THUMB);
    static final String ALL_CATEGORIES = "All categories";
    private final ComboBox<String> category;

    QueueView(InspectionController controller) {
        this.controller = controller;
        this.model = controller.model();
        setSpacing(4);
        Label title = new Label("Queue");
        title.getStyleClass().add(AnomalyStyles.SECTION_TITLE);
        ToggleGroup order = new ToggleGroup();
        ToggleButton byScore = new ToggleButton("Score");
        ToggleButton byFile = new ToggleButton("File order");
        byScore.setToggleGroup(order);
        byFile.setToggleGroup(order);
        byScore.setSelected(model.sortByScoreProperty().get());
        byFile.setSelected(!model.sortByScoreProperty().get());
        order.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                order.selectToggle(old);
            } else {
                model.sortByScoreProperty().set(now == byScore);
            }
        });
        CheckBox flagged = new CheckBox("Flagged only");
        flagged.selectedProperty().bindBidirectional(model.flaggedOnlyProperty());
        Label sort = new Label("Sort");
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {sort, byScore, byFile, flagged}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox controls = new HBox(6, sort, byScore, byFile, flagged);
        controls.setAlignment(Pos.CENTER_LEFT);
        category = categoryFilter(model);
        HBox categoryRow = new HBox(6, new Label("Category"), category);
        categoryRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(category, Priority.ALWAYS);
        // only a folder of categories has any to choose
        categoryRow.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.categories()));
        categoryRow.managedProperty().bind(categoryRow.visibleProperty());

        list = new ListView<>(model.queue());
        list.getStyleClass().add(AnomalyStyles.QUEUE);
        list.setCellFactory(v -> new Cell());
        VBox.setVgrow(list, Priority.ALWAYS);
        // the list's selection only shows the current image: a re-sort moves rows under it, so only a click
        // (and the page's keys) choose an image
        model.currentProperty().addListener((obs, old, now) -> showCurrent());
        model.queue().addListener((javafx.collections.ListChangeListener<InspectionItem>) c -> showCurrent());
        // the bars depend on the threshold and the normaliser
        model.thresholdProperty().addListener(obs -> list.refresh());
        model.normalizerProperty().addListener(obs -> list.refresh());
        getChildren().addAll(title, controls, categoryRow, list);
    }

    ListView<InspectionItem> list() {
        return list;
    }

    ComboBox<String> category() {
        return category;
    }

    /**
     * "All categories", then the folder's categories; the choice is the model's category filter (null =
     * all). Rebuilt when another folder opens.
     */
    private static ComboBox<String> categoryFilter(InspectionModel model) {
        ComboBox<String> box = new ComboBox<>();
        box.getStyleClass().add(AnomalyStyles.CATEGORY_FILTER);
        box.setMaxWidth(Double.MAX_VALUE);
        Runnable rebuild = () -> {
            List<String> choices = new java.util.ArrayList<>();
            choices.add(ALL_CATEGORIES);
            choices.addAll(model.categories());
            box.getItems().setAll(choices);
            String f = model.categoryFilterProperty().get();
            box.getSelectionModel().select(f == null || !model.categories().contains(f) ? ALL_CATEGORIES : f);
        };
        rebuild.run();
        model.categories().addListener((javafx.collections.ListChangeListener<String>) c -> rebuild.run());
        box.valueProperty().addListener((obs, old, now) -> {
            String want = now == null || now.equals(ALL_CATEGORIES) ? null : now;
            if (!java.util.Objects.equals(want, model.categoryFilterProperty().get())) {
                model.categoryFilterProperty().set(want);
            }
        });
        model.categoryFilterProperty().addListener((obs, old, now) -> {
            String show = now == null ? ALL_CATEGORIES : now;
            if (!show.equals(box.getValue()) && box.getItems().contains(show)) {
                box.setValue(show);
            }
        });
        return box;
    }

    private void showCurrent() {
        InspectionItem c = model.current();
        if (c == null) {
            list.getSelectionModel().clearSelection();
        } else if (list.getSelectionModel().getSelectedItem() != c) {
            list.getSelectionModel().select(c);
            list.scrollTo(Math.max(0, list.getSelectionModel().getSelectedIndex() - 3));
        }
    }

    private final class Cell extends ListCell<InspectionItem> {
        private final ImageView thumb = new ImageView();
        private final Label name = new Label();
        private final Label score = new Label();
        private final Label decision = new Label();
        private final Region fill = new Region();
        private final Region tick = new Region();
        private final Pane bar = new Pane(fill, tick);
        private final HBox row;

        Cell() {
            thumb.setFitWidth(THUMB);
            thumb.setFitHeight(THUMB);
            thumb.setPreserveRatio(true);
            name.getStyleClass().add(AnomalyStyles.QUEUE_NAME);
            decision.getStyleClass().add(AnomalyStyles.DECISION);
            bar.getStyleClass().add(AnomalyStyles.SCORE_BAR);
            fill.getStyleClass().add(AnomalyStyles.SCORE_FILL);
            tick.getStyleClass().add(AnomalyStyles.SCORE_TICK);
            bar.setPrefWidth(120);
            fill.setManaged(false);
            tick.setManaged(false);
            bar.widthProperty().addListener(obs -> layoutBar());
            HBox line = new HBox(6, score, decision);
            line.setAlignment(Pos.CENTER_LEFT);
            VBox text = new VBox(2, name, bar, line);
            HBox.setHgrow(text, Priority.ALWAYS);
            row = new HBox(8, thumb, text);
            row.getStyleClass().add(AnomalyStyles.QUEUE_CELL);
            MenuItem normal = new MenuItem("Use as normal (prompt)");
            normal.setOnAction(e -> {
                if (getItem() != null) {
                    controller.addPrompt(getItem().image());
                }
            });
            setContextMenu(new ContextMenu(normal));
            setOnMouseClicked(e -> {
                if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && getItem() != null) {
                    controller.select(getItem());
                }
            });
        }

        private double value = Double.NaN;
        private double tickAt = Double.NaN;

        @Override
        protected void updateItem(InspectionItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                thumbs.show(null, thumb);
                setGraphic(null);
                setText(null);
                return;
            }
            thumbs.show(item.image(), thumb);
            name.setText(item.category() == null ? item.name() : "[" + item.category() + "] " + fileName(item));
            double s = item.score();
            double t = model.thresholdProperty().get();
            double lo = model.scoreMinProperty().get();
            double hi = model.scoreMaxProperty().get();
            if (!Double.isNaN(t)) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            double span = Math.max(hi - lo, 1e-12);
            value = Double.isNaN(s) ? Double.NaN : (s - lo) / span;
            tickAt = Double.isNaN(t) ? Double.NaN : (t - lo) / span;
            boolean flagged = item.flagged(t);
            fill.getStyleClass().remove(AnomalyStyles.FLAGGED);
            if (flagged) {
                fill.getStyleClass().add(AnomalyStyles.FLAGGED);
            }
            score.setText(item.failure() != null ? "could not be read" : Double.isNaN(s) ? "not scored"
                    : String.format(Locale.ROOT, "%.3f%s", s, flagged ? "  flagged" : ""));
            if (item.failure() != null) {
                setTooltip(new javafx.scene.control.Tooltip(item.failure()));
            } else {
                setTooltip(null);
            }
            Decision d = item.decision();
            decision.getStyleClass().removeAll(AnomalyStyles.ACCEPTED, AnomalyStyles.REJECTED);
            decision.setVisible(d != null);
            if (d != null) {
                decision.setText(d.label());
                decision.getStyleClass().add(d.verdict() == Verdict.ACCEPT ? AnomalyStyles.ACCEPTED : AnomalyStyles.REJECTED);
            }
            layoutBar();
            setText(null);
            setGraphic(row);
        }

        /** The name below the category folder (the category shows in brackets). */
        private static String fileName(InspectionItem item) {
            String n = item.name();
            return n.startsWith(item.category() + "/") ? n.substring(item.category().length() + 1) : n;
        }

        private void layoutBar() {
            double w = bar.getWidth();
            double h = 8;
            fill.resizeRelocate(0, 0, Double.isNaN(value) ? 0 : Math.max(1, value * w), h);
            tick.setVisible(!Double.isNaN(tickAt));
            tick.resizeRelocate(Double.isNaN(tickAt) ? 0 : tickAt * w - 1, -2, 2, h + 4);
        }
    }
}
