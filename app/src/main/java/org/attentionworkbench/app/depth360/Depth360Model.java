package org.attentionworkbench.app.depth360;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The 360° depth page's state (javafx.beans only): the panorama shown and the status line. */
public final class Depth360Model {
    final ObjectProperty<LoadedPanorama> panorama = new SimpleObjectProperty<>(this, "panorama");
    final StringProperty status = new SimpleStringProperty(this, "status", "");

    public ReadOnlyObjectProperty<LoadedPanorama> panoramaProperty() { return panorama; }
    public LoadedPanorama panorama() { return panorama.get(); }
    public ReadOnlyStringProperty statusProperty() { return status; }
}
