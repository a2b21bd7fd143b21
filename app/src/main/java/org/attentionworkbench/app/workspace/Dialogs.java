package org.attentionworkbench.app.workspace;

import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The app's few dialogs, non-blocking so background work keeps reporting while they show. */
public final class Dialogs {
    private Dialogs() {}

    /** "Could not open “name”" with the reason; returns the alert (already showing). */
    public static Alert cannotOpen(Window owner, String fileName, String reason) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle("Cannot open file");
        a.setHeaderText("Could not open “" + fileName + "”");
        a.setContentText("Reason: " + reason + ".");
        a.show();
        return a;
    }

    public static Alert info(Window owner, String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(header);
        a.setContentText(text);
        a.show();
        return a;
    }
}
