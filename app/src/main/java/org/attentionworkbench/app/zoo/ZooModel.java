package org.attentionworkbench.app.zoo;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.attentionworkbench.app.attention.ModelChoice;
import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;

/** The Zoo page's state: the input asked for, the mechanisms chosen, the last result and what is hovered. */
public final class ZooModel {
    /** Where the tokens come from. */
    public enum Source {
        IMAGE("Image (ViT)"), TEXT("Sentence (MiniLM)"), SYNTHETIC("Synthetic");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.SYNTHETIC);
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(this, "model");
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", 0);
    private final StringProperty text = new SimpleStringProperty(this, "text", "The cat sat on the mat.");
    private final IntegerProperty tokens = new SimpleIntegerProperty(this, "tokens", 64);
    private final IntegerProperty dim = new SimpleIntegerProperty(this, "dim", 16);
    private final ObservableList<String> mechanisms = FXCollections.observableArrayList();
    private final ObservableSet<String> chosen = FXCollections.observableSet();
    private final ObjectProperty<ZooResult> result = new SimpleObjectProperty<>(this, "result");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    /** Gated mixers' maps with q = k = v = x tied and the gate live (∂y/∂x) instead of ∂y/∂v. */
    private final BooleanProperty liveGate = new SimpleBooleanProperty(this, "liveGate");
    private final IntegerProperty hoveredToken = new SimpleIntegerProperty(this, "hoveredToken", -1);
    private final IntegerProperty hoveredMechanism = new SimpleIntegerProperty(this, "hoveredMechanism", 0);
    private final IntegerProperty shownHead = new SimpleIntegerProperty(this, "shownHead", 0);

    public ZooModel() {
        for (Mixer m : Mechanisms.all()) {
            mechanisms.add(m.id());
            chosen.add(m.id());
        }
    }

    public ObjectProperty<Source> sourceProperty() { return source; }
    public ObservableList<ModelChoice> models() { return models; }
    public ObjectProperty<ModelChoice> modelProperty() { return model; }
    public IntegerProperty layerProperty() { return layer; }
    public IntegerProperty headProperty() { return head; }
    public StringProperty textProperty() { return text; }
    /** Synthetic tokens: N (a square grid when N is a square). */
    public IntegerProperty tokensProperty() { return tokens; }
    public IntegerProperty dimProperty() { return dim; }
    /** Every mechanism id, in the zoo's order. */
    public ObservableList<String> mechanisms() { return mechanisms; }
    public ObservableSet<String> chosen() { return chosen; }
    public ObjectProperty<ZooResult> resultProperty() { return result; }
    public ZooResult getResult() { return result.get(); }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty runningProperty() { return running; }
    public BooleanProperty liveGateProperty() { return liveGate; }
    /** The token whose row is hovered in a matrix or the Q/K map (−1: none). */
    public IntegerProperty hoveredTokenProperty() { return hoveredToken; }
    /** Index into the run's entries of the matrix last hovered. */
    public IntegerProperty hoveredMechanismProperty() { return hoveredMechanism; }
    /** The head drawn large in the Q/K map. */
    public IntegerProperty shownHeadProperty() { return shownHead; }
}
