package org.attentionworkbench.app.attention.view;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.attentionworkbench.app.attention.AttentionController;
import org.attentionworkbench.app.attention.TextAttentionModel;
import org.attentionworkbench.app.attention.TextRunResult;
import org.attentionworkbench.compute.explain.AttentionMaps;
import org.attentionworkbench.viewers.text.HeadView;
import org.attentionworkbench.viewers.text.ModelView;

/**
 * Text mode (all-MiniLM-L6-v2, built in): one or two sentences in; BertViz's head view (tokens in
 * two columns, lines weighted by attention, heads as colours, hover to focus) beside the model view
 * (layers × heads of small attention matrices) and the per-head statistics.
 */
final class TextModeView extends BorderPane {
    private final TextAttentionModel model;
    private final HeadView headView = new HeadView();
    private final ModelView modelView = new ModelView();
    private final StatisticsView statistics;
    private final TextField first = new TextField();
    private final TextField second = new TextField();

    TextModeView(AttentionController controller, Runnable export) {
        this.model = controller.model().text();
        this.statistics = new StatisticsView("distance (tokens)", (l, h) -> {
            headView.setLayer(l);
            headView.getSelectedHeads().clear();
            headView.getSelectedHeads().add(h);
        });
        first.textProperty().bindBidirectional(model.textProperty());
        first.setPromptText("A sentence");
        first.setId("attention-text");
        first.getStyleClass().add(AttentionStyles.TEXT_INPUT);
        second.textProperty().bindBidirectional(model.secondProperty());
        second.setPromptText("Optional second sentence (pair)");
        second.getStyleClass().add(AttentionStyles.TEXT_INPUT);
        HBox.setHgrow(first, Priority.ALWAYS);
        HBox.setHgrow(second, Priority.ALWAYS);
        first.setOnAction(e -> controller.runText());
        second.setOnAction(e -> controller.runText());
        Button run = new Button("Run");
        run.setId("attention-text-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(false);
        run.setOnAction(e -> controller.runText());
        run.disableProperty().bind(model.runningProperty());
        Button exportButton = new Button("Export…");
        exportButton.setOnAction(e -> export.run());
        exportButton.disableProperty().bind(model.resultProperty().isNull());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.runningProperty());
        Label modelName = new Label("MiniLM");
        modelName.setTooltip(new Tooltip("all-MiniLM-L6-v2, built in"));
        HBox bar = new HBox(modelName, first, second, run, exportButton, busy);
        for (var n : List.of(modelName, run, exportButton)) {
            n.setMinWidth(Region.USE_PREF_SIZE); // the text fields give way, never the buttons
        }
        bar.getStyleClass().add(AttentionStyles.TOOLBAR); // the status is on the page's mode bar
        setTop(bar);

        Label hint = new Label("Hover a token to focus its lines; click the head chips to choose heads.");
        hint.getStyleClass().add(AttentionStyles.STATUS);
        hint.setWrapText(true);
        hint.setPadding(new Insets(4, 8, 0, 8));
        hint.setMinHeight(Region.USE_PREF_SIZE);
        VBox headBox = new VBox(4, hint, headView);
        VBox.setVgrow(headView, Priority.ALWAYS);
        headBox.setMinWidth(300);
        TabPane tabs = new TabPane(new Tab("Model view", modelView), new Tab("Statistics", statistics));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(headBox, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.42);
        setCenter(split);

        modelView.selectionProperty().addListener((obs, o, lh) -> {
            if (lh != null) {
                headView.setLayer(lh.layer());
                if (lh.head() >= 0) {
                    headView.getSelectedHeads().clear();
                    headView.getSelectedHeads().add(lh.head());
                } else {
                    headView.selectAllHeads();
                }
            }
        });
        model.resultProperty().addListener((obs, o, r) -> show(r));
    }

    HeadView headView() { return headView; }
    ModelView modelView() { return modelView; }

    private void show(TextRunResult r) {
        if (r == null) {
            return;
        }
        AttentionMaps m = r.maps();
        headView.setData(r.tokenArray(), m.layers(), m.heads(), m.data());
        modelView.setAttention(m.data(), m.layers(), m.heads(), m.tokens(), true);
        statistics.setStatistics(r.stats());
    }
}
