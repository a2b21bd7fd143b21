package org.attentionworkbench.app.pointcloud.view;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.attentionworkbench.app.pointcloud.PointCloudController;

/** Attention on points: the side panel's section (filled in once compute's pointcloud.attention is merged). */
final class AttentionPanel {
    private final VBox box = new VBox(6);

    AttentionPanel(PointCloudController controller) {
        Label l = new Label("Attention on points is not available in this build yet.");
        l.setWrapText(true);
        box.getChildren().add(l);
    }

    Node view() {
        return box;
    }
}
