package org.attentionworkbench.app.attention;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** State of text mode: the sentence(s), the last MiniLM result, and whether a run is under way. */
public final class TextAttentionModel {
    private final StringProperty text = new SimpleStringProperty(this, "text",
            "The cat sat on the mat because it was warm.");
    private final StringProperty second = new SimpleStringProperty(this, "second", "");
    private final ObjectProperty<TextRunResult> result = new SimpleObjectProperty<>(this, "result");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");

    public StringProperty textProperty() { return text; }
    /** An optional second sentence ([CLS] a [SEP] b [SEP]). */
    public StringProperty secondProperty() { return second; }
    public ObjectProperty<TextRunResult> resultProperty() { return result; }
    public TextRunResult getResult() { return result.get(); }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty statusProperty() { return status; }
}
