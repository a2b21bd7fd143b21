package org.attentionworkbench.app.labs;

import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.attentionworkbench.compute.labs.Lab;

/**
 * The Labs page's state (javafx.beans only): the labs offered, the one selected and its option values
 * as text (what the form shows, checked only when a run starts), the run in progress, and the last
 * result with the lab and options that made it (what Export writes).
 */
public final class LabsModel {
    final ObservableList<Lab> labs = FXCollections.observableArrayList();
    final ObjectProperty<Lab> selected = new SimpleObjectProperty<>(this, "selected");
    final ObservableMap<String, String> values = FXCollections.observableMap(new java.util.LinkedHashMap<>());
    final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    final StringProperty status = new SimpleStringProperty(this, "status", "");
    final StringProperty error = new SimpleStringProperty(this, "error", "");
    final ObjectProperty<LabRun> result = new SimpleObjectProperty<>(this, "result");

    /** The labs listed; tests and screenshot drivers may add their own. */
    public ObservableList<Lab> labs() { return labs; }
    public ObjectProperty<Lab> selectedProperty() { return selected; }
    public Lab selected() { return selected.get(); }
    /** The selected lab's option values as typed, by option name (defaults after a lab is chosen). */
    public ObservableMap<String, String> values() { return values; }
    public ReadOnlyBooleanProperty runningProperty() { return running; }
    /** Fraction done in [0, 1], or −1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** The last run's error in words; empty when it went well. */
    public ReadOnlyStringProperty errorProperty() { return error; }
    public ReadOnlyObjectProperty<LabRun> resultProperty() { return result; }
    public LabRun result() { return result.get(); }

    /** A finished run: the lab, every option value it used, the figures and how long it took. */
    public record LabRun(Lab lab, Map<String, String> options, org.attentionworkbench.compute.figure.FigureSet figures,
                         double seconds) {}
}
