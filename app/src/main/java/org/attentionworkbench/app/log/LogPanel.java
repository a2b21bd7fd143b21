package org.attentionworkbench.app.log;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.Locale;
import java.util.logging.Level;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The collapsible bottom pane: log lines filtered by minimum level and text. */
public final class LogPanel extends BorderPane {
    public static final String STYLE_CLASS = "log-panel";
    public static final String TOOLBAR_CLASS = "log-toolbar";
    public static final String WARNING_CLASS = "log-warning";
    public static final String SEVERE_CLASS = "log-severe";

    private static final Level[] LEVELS = {Level.ALL, Level.INFO, Level.WARNING, Level.SEVERE};

    private final FilteredList<LogEntry> shown;
    private final ComboBox<Level> level = new ComboBox<>();
    private final TextField filter = new TextField();

    public LogPanel(LogBuffer buffer) {
        getStyleClass().add(STYLE_CLASS);
        shown = new FilteredList<>(buffer.entries());

        Label title = new Label("Log");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        level.getItems().setAll(LEVELS);
        level.setValue(Level.ALL);
        level.getStyleClass().add(Styles.SMALL);
        filter.setPromptText("Filter");
        filter.getStyleClass().add(Styles.SMALL);
        Button clear = new Button("Clear");
        clear.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        clear.setOnAction(e -> buffer.clear());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, title, grow, level, filter, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add(TOOLBAR_CLASS);

        ListView<LogEntry> list = new ListView<>(shown);
        list.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        list.setCellFactory(v -> new EntryCell());
        list.setPlaceholder(new Label("No messages"));
        // Follow new lines as they arrive.
        shown.addListener((ListChangeListener<LogEntry>) c -> {
            if (!shown.isEmpty()) {
                list.scrollTo(shown.size() - 1);
            }
        });

        level.valueProperty().addListener(obs -> refilter());
        filter.textProperty().addListener(obs -> refilter());
        setTop(bar);
        setCenter(list);
        setMinHeight(0);
        setPrefHeight(180);
    }

    /** The entries currently shown (after the level and text filters). */
    public FilteredList<LogEntry> shownEntries() {
        return shown;
    }

    private void refilter() {
        int min = level.getValue() == null ? Level.ALL.intValue() : level.getValue().intValue();
        String text = filter.getText() == null ? "" : filter.getText().toLowerCase(Locale.ROOT);
        shown.setPredicate(e -> e.level().intValue() >= min
                && (text.isEmpty() || e.line().toLowerCase(Locale.ROOT).contains(text)));
    }

    private static final class EntryCell extends ListCell<LogEntry> {
        @Override
        protected void updateItem(LogEntry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll(WARNING_CLASS, SEVERE_CLASS);
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item.line());
            if (item.level().intValue() >= Level.SEVERE.intValue()) {
                getStyleClass().add(SEVERE_CLASS);
            } else if (item.level().intValue() >= Level.WARNING.intValue()) {
                getStyleClass().add(WARNING_CLASS);
            }
        }
    }
}
