package org.attentionworkbench.app.attention;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The Attention page's state: which mode is shown, and each mode's own model. Properties only. */
public final class AttentionWorkspaceModel {
    private final ObjectProperty<AttentionMode> mode = new SimpleObjectProperty<>(this, "mode", AttentionMode.IMAGE);
    private final ImageAttentionModel image = new ImageAttentionModel();
    private final TextAttentionModel text = new TextAttentionModel();

    public ObjectProperty<AttentionMode> modeProperty() { return mode; }
    public AttentionMode getMode() { return mode.get(); }
    public ImageAttentionModel image() { return image; }
    public TextAttentionModel text() { return text; }
}
