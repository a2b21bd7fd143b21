package org.attentionworkbench.app.zoo.view;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.attentionworkbench.app.figures.FigureContents;
import org.attentionworkbench.app.workspace.Toolbars;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.app.zoo.ZooCost;
import org.attentionworkbench.compute.zoo.cost.ZooCostBench;
import org.attentionworkbench.viewers.figure.FigureContent;
import org.attentionworkbench.viewers.figure.FigureView;

/**
 * The Zoo page's "Cost" tab: times the chosen mechanisms' forwards on synthetic tokens over a small N
 * range ({@link ZooCost}, a background task with progress and Cancel) and draws the bench's figures
 * (log-log time with each series' fitted exponent, FLOPs, bytes, memory, the points and the exponents
 * tables) in a {@link FigureView}.
 */
public final class ZooCostPane extends BorderPane {
    private final Workbench workbench;
    private final Supplier<List<String>> chosen;
    private final TextField sizes = new TextField(ZooCost.DEFAULT_SIZES);
    private final Spinner<Integer> d = new Spinner<>(1, 1024, ZooCost.DEFAULT_D);
    private final TextField budget = new TextField(Double.toString(ZooCost.DEFAULT_BUDGET_SECONDS));
    private final Spinner<Integer> runs = new Spinner<>(1, 100, ZooCost.DEFAULT_RUNS);
    private final CheckBox javaEngine = new CheckBox("Java engine");
    private final CheckBox openclEngine = new CheckBox("OpenCL engine");
    private final Button measure = new Button("Measure");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final FigureView figures = new FigureView();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final ObjectProperty<ZooCostBench.Result> result = new SimpleObjectProperty<>(this, "result");
    private Task<ZooCostBench.Result> task;

    /** {@code chosen}: the mechanism ids ticked on the page, in the page's order. */
    public ZooCostPane(Workbench workbench, Supplier<List<String>> chosen) {
        this.workbench = workbench;
        this.chosen = chosen;
        sizes.setId("zoo-cost-sizes");
        sizes.setPrefColumnCount(16);
        sizes.setTooltip(new Tooltip("Token counts, comma-separated (4 … " + ZooCost.MAX_N
                + "); the full range: ./workbench bench zoo"));
        d.setEditable(true);
        d.setPrefWidth(78);
        budget.setPrefColumnCount(4);
        budget.setTooltip(new Tooltip("Skip a point whose forward is predicted to take longer than this"));
        runs.setEditable(true);
        runs.setPrefWidth(70);
        javaEngine.setSelected(true);
        javaEngine.setTooltip(new Tooltip("Softmax also through the engine's fused attention on the Java device "
                + "(adds softmax to the mechanisms)"));
        openclEngine.setTooltip(new Tooltip("Softmax also through the engine on the OpenCL device, when there is one"));
        measure.setId("zoo-cost-run");
        measure.setOnAction(e -> run());
        measure.disableProperty().bind(running);
        cancel.setId("zoo-cost-cancel");
        cancel.setOnAction(e -> cancel());
        cancel.disableProperty().bind(running.not());
        progress.visibleProperty().bind(running);
        progress.setPrefWidth(160);

        FlowPane bar = Toolbars.wrapping("zoo-cost-toolbar", Toolbars.group(new Label("N"), sizes),
                Toolbars.group(new Label("d"), d), Toolbars.group(new Label("Budget (s)"), budget),
                Toolbars.group(new Label("Runs"), runs), Toolbars.group(javaEngine, openclEngine),
                Toolbars.group(measure, cancel), Toolbars.group(progress));
        Label statusLine = new Label();
        statusLine.textProperty().bind(status);
        setTop(new VBox(bar, Toolbars.statusLine(statusLine, "zoo-cost-status")));
        figures.setPlaceholderText("Tick mechanisms on the left and press Measure: each forward's wall time as N grows "
                + "on synthetic tokens, drawn log-log with its fitted exponent, beside FLOPs, bytes and memory.");
        figures.setMinSize(0, 0);
        setCenter(figures);
        setMinSize(0, 0);
        result.addListener((obs, was, r) -> figures.setFigures(r == null ? null : shown(r)));
    }

    /** Starts a run with the values shown; a bad value is reported in the status line and nothing runs. */
    public void run() {
        ZooCostBench.Options o;
        try {
            o = ZooCost.options(sizes.getText(), d.getValue(), parseBudget(), runs.getValue(), chosen.get(),
                    javaEngine.isSelected(), openclEngine.isSelected());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        cancel();
        running.set(true);
        progress.setProgress(0);
        status.set("Measuring " + o.mechanisms().size() + " mechanisms at N = " + sizes.getText().trim() + "…");
        long start = System.nanoTime();
        Task<ZooCostBench.Result> t = workbench.tasks().submit("Zoo cost", p -> ZooCost.run(o, p), r -> {
            running.set(false);
            task = null;
            result.set(r);
            long skipped = r.points().stream().filter(p -> p.skipped() != null).count();
            status.set(String.format(Locale.ROOT, "%d series, %d points in %.1f s%s", r.timeExponents().size(),
                    r.points().size() - skipped, (System.nanoTime() - start) * 1e-9,
                    skipped > 0 ? "; " + skipped + " skipped (see the table)" : ""));
        }, e -> {
            running.set(false);
            task = null;
            status.set("Cost run failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        });
        task = t;
        t.progressProperty().addListener((obs, was, now) -> progress.setProgress(now.doubleValue()));
        t.messageProperty().addListener((obs, was, now) -> {
            if (task == t && now != null && !now.isEmpty()) {
                status.set(now);
            }
        });
        t.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            if (task == t) {
                task = null;
                running.set(false);
                status.set("Cost run cancelled");
            }
        });
    }

    /** Stops the run in progress (the bench stops at its next call). */
    public void cancel() {
        if (task != null && task.isRunning()) {
            task.cancel();
        }
    }

    /**
     * The bench's figures without the scalar block: its exponents are in each curve's name and in the
     * exponents table, and as the first card it pushed the time curves below the fold.
     */
    private static FigureContent shown(ZooCostBench.Result r) {
        FigureContent all = FigureContents.of(r.figures());
        return new FigureContent(all.title(), all.plots(), all.heatmaps(), all.tables(), java.util.Map.of(), all.notes());
    }

    private double parseBudget() {
        try {
            return Double.parseDouble(budget.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Budget: '" + budget.getText().trim() + "' is not a number of seconds");
        }
    }

    // ---- for tests and the page --------------------------------------------------------------------

    public TextField sizesField() { return sizes; }
    public TextField budgetField() { return budget; }
    public CheckBox javaEngineBox() { return javaEngine; }
    public FigureView figureView() { return figures; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty runningProperty() { return running; }
    public ObjectProperty<ZooCostBench.Result> resultProperty() { return result; }
}
