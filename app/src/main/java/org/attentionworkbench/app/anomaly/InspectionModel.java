package org.attentionworkbench.app.anomaly;

import java.nio.file.Path;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.refiner.OneNipRefiner;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.pipeline.Backbones;
import org.attentionworkbench.compute.anomaly.pipeline.ImageFailure;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionRequest;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;

/**
 * The Anomaly page's state, properties only (no view classes, no logic): normal prompts, the inspected
 * folder and its queue, the run's progress and results, the threshold and its flagged count, metrics,
 * the prompt ↔ target match under the pointer and where decisions go. {@link InspectionController}
 * writes it (the read-only ones through package-private setters); views read it and call the
 * controller's commands. Use on the FX thread.
 */
public final class InspectionModel {
    public static final int DEFAULT_INPUT_SIZE = InspectionRequest.Options.DEFAULT_INPUT_SIZE;

    private final ObservableList<Path> prompts = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ObservableList<InspectionItem> items = FXCollections.observableArrayList(
            i -> new Observable[] {i.resultProperty(), i.decisionProperty(), i.failureProperty()});
    private final FilteredList<InspectionItem> filtered = new FilteredList<>(items);
    private final SortedList<InspectionItem> queue = new SortedList<>(filtered);
    private final ObservableList<ImageFailure> failures = FXCollections.observableArrayList();
    private final BooleanProperty sortByScore = new SimpleBooleanProperty(this, "sortByScore", true);
    private final BooleanProperty flaggedOnly = new SimpleBooleanProperty(this, "flaggedOnly", false);
    private final ObjectProperty<InspectionItem> current = new SimpleObjectProperty<>(this, "current");
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", Double.NaN);
    private final ReadOnlyIntegerWrapper flaggedCount = new ReadOnlyIntegerWrapper(this, "flaggedCount");
    private final ReadOnlyIntegerWrapper scoredCount = new ReadOnlyIntegerWrapper(this, "scoredCount");
    private final ReadOnlyDoubleWrapper scoreMin = new ReadOnlyDoubleWrapper(this, "scoreMin", 0);
    private final ReadOnlyDoubleWrapper scoreMax = new ReadOnlyDoubleWrapper(this, "scoreMax", 1);
    private final ReadOnlyObjectWrapper<Normalizer> normalizer = new ReadOnlyObjectWrapper<>(this, "normalizer");
    private final ReadOnlyObjectWrapper<RunMetrics> metrics = new ReadOnlyObjectWrapper<>(this, "metrics");
    private final ReadOnlyObjectWrapper<RunResult> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<Path> backbone = new SimpleObjectProperty<>(this, "backbone", Backbones.findDefault());
    private final IntegerProperty inputSize = new SimpleIntegerProperty(this, "inputSize", DEFAULT_INPUT_SIZE);
    private final ObservableList<String> defectClasses = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PromptSet> promptSet = new ReadOnlyObjectWrapper<>(this, "promptSet");
    private final ReadOnlyObjectWrapper<PromptMatch> match = new ReadOnlyObjectWrapper<>(this, "match");
    private final ReadOnlyObjectWrapper<Path> decisionsDir = new ReadOnlyObjectWrapper<>(this, "decisionsDir");
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObjectProperty<String> categoryFilter = new SimpleObjectProperty<>(this, "categoryFilter");
    private final ObjectProperty<AnomalyInspector.Method> method = new SimpleObjectProperty<>(this, "method",
            AnomalyInspector.Method.AUTO);
    private final IntegerProperty neighbours = new SimpleIntegerProperty(this, "neighbours",
            AnomalyInspector.Settings.DEFAULT_NEIGHBOURS); // the CLI's default k
    private final ObjectProperty<Path> refiner = new SimpleObjectProperty<>(this, "refiner");
    private final ObjectProperty<OneNipRefiner.Mode> refinerMode = new SimpleObjectProperty<>(this, "refinerMode",
            OneNipRefiner.Mode.ADD);

    public ObservableList<Path> prompts() { return prompts; }
    public ReadOnlyObjectProperty<Path> folderProperty() { return folder.getReadOnlyProperty(); }
    /** Every image in file order. */
    public ObservableList<InspectionItem> items() { return items; }
    /** The queue as shown: sorted by score or in file order, optionally flagged only. */
    public ObservableList<InspectionItem> queue() { return queue; }
    /** Images the last run could not read or score (the run went on without them). */
    public ObservableList<ImageFailure> failures() { return failures; }
    public BooleanProperty sortByScoreProperty() { return sortByScore; }
    public BooleanProperty flaggedOnlyProperty() { return flaggedOnly; }
    public ObjectProperty<InspectionItem> currentProperty() { return current; }
    public InspectionItem current() { return current.get(); }
    /** On raw image scores: flagged ⇔ score &gt; threshold. NaN before the first result. */
    public DoubleProperty thresholdProperty() { return threshold; }
    public ReadOnlyIntegerProperty flaggedCountProperty() { return flaggedCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty scoredCountProperty() { return scoredCount.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty scoreMinProperty() { return scoreMin.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty scoreMaxProperty() { return scoreMax.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Normalizer> normalizerProperty() { return normalizer.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunMetrics> metricsProperty() { return metrics.getReadOnlyProperty(); }
    /** The last finished (or cancelled) run; null while one runs. */
    public ReadOnlyObjectProperty<RunResult> lastRunProperty() { return lastRun.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The backbone checkpoint; null when the default is missing and none was chosen. */
    public ObjectProperty<Path> backboneProperty() { return backbone; }
    public IntegerProperty inputSizeProperty() { return inputSize; }
    /** Names of the 1–9 keys: the folder's defect classes, else "defect 1" … */
    public ObservableList<String> defectClasses() { return defectClasses; }
    public ReadOnlyObjectProperty<PromptSet> promptSetProperty() { return promptSet.getReadOnlyProperty(); }
    /** Where the target patch under the pointer matched in the prompt; null when none. */
    public ReadOnlyObjectProperty<PromptMatch> matchProperty() { return match.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Path> decisionsDirProperty() { return decisionsDir.getReadOnlyProperty(); }
    /** The open folder's categories (a folder of MVTec-style category datasets), in name order; empty for one dataset. */
    public ObservableList<String> categories() { return categories; }
    /** The queue shows only this category; null: all. */
    public ObjectProperty<String> categoryFilterProperty() { return categoryFilter; }
    /** The scorer of the next run (AUTO: the protocol's choice, k-NN with k = 3, for any number of prompts). */
    public ObjectProperty<AnomalyInspector.Method> methodProperty() { return method; }
    /** k of the k-NN scorers (nearest neighbours, memory bank), ≥ 1. */
    public IntegerProperty neighboursProperty() { return neighbours; }
    /** A trained refiner file (workbench anomaly-refiner) applied after the scorer in the next run; null: none. */
    public ObjectProperty<Path> refinerProperty() { return refiner; }
    /** How the refiner's output becomes the score (ADD, the CLI's default, or REPLACE). */
    public ObjectProperty<OneNipRefiner.Mode> refinerModeProperty() { return refinerMode; }

    /** The set-wide normaliser at the current threshold (τ ↦ 0.5), or null before any result. */
    public Normalizer displayNormalizer() {
        Normalizer n = normalizer.get();
        if (n == null || Double.isNaN(threshold.get())) {
            return n;
        }
        return new Normalizer(n.pixelFloor(), n.imageFloor(), threshold.get(), n.source(), n.calibrated());
    }

    // ---- written by the controller ----------------------------------------------------------------

    FilteredList<InspectionItem> filtered() { return filtered; }
    SortedList<InspectionItem> sorted() { return queue; }
    void setFolder(Path p) { folder.set(p); }
    void setFlaggedCount(int n) { flaggedCount.set(n); }
    void setScoredCount(int n) { scoredCount.set(n); }
    void setScoreRange(double min, double max) {
        scoreMin.set(min);
        scoreMax.set(max);
    }
    void setNormalizer(Normalizer n) { normalizer.set(n); }
    void setMetrics(RunMetrics m) { metrics.set(m); }
    void setLastRun(RunResult r) { lastRun.set(r); }
    void setRunning(boolean r) { running.set(r); }
    void setStatus(String s) { status.set(s); }
    void setPromptSet(PromptSet p) { promptSet.set(p); }
    void setMatch(PromptMatch m) { match.set(m); }
    void setDecisionsDir(Path d) { decisionsDir.set(d); }
}
