package org.attentionworkbench.app.anomaly.view;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;
import org.attentionworkbench.app.anomaly.InspectionItem;
import org.attentionworkbench.app.anomaly.InspectionController;
import org.attentionworkbench.app.anomaly.InspectionModel;
import org.attentionworkbench.app.anomaly.PromptMatch;
import org.attentionworkbench.app.services.ImageLoader;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.explain.Contours;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.GridCell;
import org.attentionworkbench.viewers.heatmap.HeatmapOverlay;
import org.attentionworkbench.viewers.heatmap.Interpolation;
import org.attentionworkbench.viewers.heatmap.ValueRange;

/**
 * The current image with its heatmap (normalised across the set, so a good part stays clear: below
 * {@link #CLEAR_BELOW} of the normalised scale the map is transparent), the defect contour where the map
 * crosses the threshold, and the score against the threshold; beside it the prompt, where hovering a
 * target patch shows that patch's attention row over the prompt (or a memory bank's nearest patch).
 */
final class InspectView extends SplitPane {
    /** Normalised values below this (60 % of the way from the normal floor ↦ 0 to the threshold ↦ 0.5) are not drawn. */
    static final float CLEAR_BELOW = 0.3f;

    private final InspectionModel model;
    private final InspectionController controller;
    private final HeatmapOverlay target = new HeatmapOverlay();
    private final HeatmapOverlay prompt = new HeatmapOverlay();
    private final Label name = new Label();
    private final Label score = new Label();
    private final Label decision = new Label();
    private final Label promptTitle = new Label("Prompt");
    private final Label promptInfo = new Label("Hover the image to see where each patch matched in the prompt");
    private Path shownPrompt;
    private Path shownTarget;

    InspectView(InspectionController controller) {
        this.controller = controller;
        this.model = controller.model();
        setOrientation(Orientation.HORIZONTAL);
        target.setColormap(Colormap.INFERNO);
        target.setHeatmapOpacity(0.6);
        target.setRange(new ValueRange(0, 1));
        target.setInterpolation(Interpolation.NEAREST); // the map is already smooth, at S×S
        target.contourColorProperty().set(Color.CYAN);
        prompt.setColormap(Colormap.VIRIDIS);
        prompt.setHeatmapOpacity(0.65);
        prompt.highlightColorProperty().set(Color.RED);
        score.getStyleClass().add(AnomalyStyles.SCORE_LABEL);
        for (Label l : new Label[] {name, score}) { // a narrow view wraps them, never cuts them
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(name, Priority.SOMETIMES);
        decision.setMinWidth(Region.USE_PREF_SIZE);
        promptInfo.getStyleClass().add(AnomalyStyles.HINT);

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox nameLine = new HBox(10, name, grow, decision);
        nameLine.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.VBox targetHeader = new javafx.scene.layout.VBox(2, nameLine, score);
        targetHeader.getStyleClass().add(AnomalyStyles.VIEW_HEADER);
        promptInfo.setWrapText(true);
        promptInfo.setMinHeight(Region.USE_PREF_SIZE);
        javafx.scene.layout.VBox promptHeader = new javafx.scene.layout.VBox(2, promptTitle, promptInfo);
        promptHeader.getStyleClass().add(AnomalyStyles.VIEW_HEADER);
        BorderPane left = new BorderPane(target, targetHeader, null, null, null);
        BorderPane right = new BorderPane(prompt, promptHeader, null, null, null);
        left.setMinSize(0, 0);
        right.setMinSize(0, 0);
        getItems().addAll(left, right);
        setDividerPositions(0.55);

        model.currentProperty().addListener(obs -> showCurrent());
        model.thresholdProperty().addListener(obs -> showMap());
        model.normalizerProperty().addListener(obs -> showMap());
        model.matchProperty().addListener(obs -> showMatch());
        model.promptSetProperty().addListener(obs -> showMatch());
        model.prompts().addListener((javafx.collections.ListChangeListener<Path>) c -> showMatch());
        target.hoveredCellProperty().addListener((obs, old, cell) -> hover(cell));
        showCurrent();
        showMatch();
    }

    HeatmapOverlay target() {
        return target;
    }

    HeatmapOverlay prompt() {
        return prompt;
    }

    private void showCurrent() {
        InspectionItem it = model.current();
        Path file = it == null ? null : it.image();
        if (file == null) {
            target.setImage(null);
        } else if (!file.equals(shownTarget)) {
            target.setImage(ImageLoader.view(file));
            target.fit();
        }
        shownTarget = file;
        name.setText(it == null ? "No image" : it.name() + (it.trueClass() == null ? "" : "   [" + it.trueClass() + "]"));
        if (it != null) {
            // results and decisions arrive later: follow them while this image is shown
            it.resultProperty().addListener(new javafx.beans.InvalidationListener() {
                @Override
                public void invalidated(javafx.beans.Observable o) {
                    if (model.current() != it) {
                        it.resultProperty().removeListener(this);
                    } else {
                        showMap();
                    }
                }
            });
            it.decisionProperty().addListener(new javafx.beans.InvalidationListener() {
                @Override
                public void invalidated(javafx.beans.Observable o) {
                    if (model.current() != it) {
                        it.decisionProperty().removeListener(this);
                    } else {
                        showDecision();
                    }
                }
            });
        }
        showMap();
        showDecision();
        showMatch();
    }

    private void showDecision() {
        InspectionItem it = model.current();
        decision.getStyleClass().removeAll(AnomalyStyles.DECISION, AnomalyStyles.ACCEPTED, AnomalyStyles.REJECTED);
        if (it == null || it.decision() == null) {
            decision.setText("");
            return;
        }
        decision.setText(it.decision().label());
        decision.getStyleClass().addAll(AnomalyStyles.DECISION,
                it.decision().verdict() == org.attentionworkbench.app.anomaly.Verdict.ACCEPT ? AnomalyStyles.ACCEPTED
                        : AnomalyStyles.REJECTED);
    }

    /** Heatmap (normalised at the current threshold), contour at the threshold, and the score label. */
    private void showMap() {
        InspectionItem it = model.current();
        ImageResult r = it == null ? null : it.result();
        Normalizer n = model.displayNormalizer();
        score.getStyleClass().remove(AnomalyStyles.FLAGGED);
        if (r == null || n == null) {
            target.setGrid(null, 0, 0);
            target.setContours(List.of());
            score.setText(it == null ? "" : "not scored yet");
            return;
        }
        AnomalyMap m = r.map();
        float[] v = new float[m.values().length];
        boolean[] above = new boolean[v.length];
        double t = model.thresholdProperty().get();
        for (int i = 0; i < v.length; i++) {
            float raw = m.values()[i];
            float s = n.pixel(raw);
            v[i] = s < CLEAR_BELOW ? Float.NaN : s;
            above[i] = raw > t;
        }
        target.setGrid(v, m.width(), m.height());
        target.setContours(Contours.trace(above, m.width(), m.height()));
        boolean flagged = r.score() > t;
        if (flagged) {
            score.getStyleClass().add(AnomalyStyles.FLAGGED);
        }
        score.setText(String.format(Locale.ROOT, "score %.4f %s threshold %.4f%s", r.score(), flagged ? ">" : "≤", t,
                flagged ? "  FLAGGED" : "  ok"));
    }

    /** The target patch under the pointer (the map is S×S; the patch grid is coarser). */
    private void hover(GridCell cell) {
        InspectionItem it = model.current();
        ImageResult r = it == null ? null : it.result();
        if (cell == null || r == null) {
            controller.clearHover();
            return;
        }
        int px = Math.min(r.gridW() - 1, cell.x() * r.gridW() / r.map().width());
        int py = Math.min(r.gridH() - 1, cell.y() * r.gridH() / r.map().height());
        controller.hoverPatch(py * r.gridW() + px);
    }

    private void showMatch() {
        PromptMatch m = model.matchProperty().get();
        PromptSet set = model.promptSetProperty().get();
        List<Path> files = set != null ? set.files() : model.prompts();
        Path file = files.isEmpty() ? null : files.get(m != null && m.prompt() < files.size() ? m.prompt() : 0);
        if (file == null) {
            prompt.setImage(null);
        } else if (!file.equals(shownPrompt)) {
            prompt.setImage(ImageLoader.view(file));
            prompt.fit();
        }
        shownPrompt = file;
        promptTitle.setText(file == null ? "Prompt" : "Prompt: " + file.getFileName());
        if (m == null) {
            prompt.setGrid(null, 0, 0);
            prompt.setHighlightedCell(null);
            target.setHighlightedCell(null);
            promptInfo.setText(set == null ? "Run to compare the images with the prompt"
                    : "Hover the image: where each patch matched in the prompt");
            return;
        }
        prompt.setGrid(m.grid(), m.gw(), m.gh());
        prompt.setRange(null);
        prompt.setHighlightedCell(new GridCell(m.best() % m.gw(), m.best() / m.gw()));
        InspectionItem it = model.current();
        ImageResult r = it == null ? null : it.result();
        if (r != null) {
            int tx = m.targetPatch() % r.gridW();
            int ty = m.targetPatch() / r.gridW();
            promptInfo.setText(m.attention()
                    ? String.format(Locale.ROOT, "patch (%d, %d): attention row, peak %.3f, %.0f %% of the row on this prompt",
                            tx, ty, m.bestValue(), 100 * m.mass())
                    : String.format(Locale.ROOT, "patch (%d, %d): nearest normal patch, cosine %.3f (memory bank)",
                            tx, ty, m.bestValue()));
        }
    }
}
