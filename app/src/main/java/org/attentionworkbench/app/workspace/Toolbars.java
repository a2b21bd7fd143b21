package org.attentionworkbench.app.workspace;

import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * Toolbars that wrap onto another row when the window is narrow, instead of squeezing their controls
 * until labels read "Me…". Controls that belong together (a label and its combo box, a pair of
 * toggles, Undo and Redo) go in one {@link #group}, so they wrap as one and are never pulled apart.
 * Long, changing texts (a run's status) go on a {@link #statusLine} of their own that wraps.
 */
public final class Toolbars {
    /** Gap between groups on a row, and between rows. */
    public static final double H_GAP = 12;
    public static final double V_GAP = 6;
    /** Gap between the controls of one group. */
    public static final double GROUP_GAP = 4;

    private Toolbars() {}

    /** A toolbar of groups (or single controls), each kept at its preferred width; full rows wrap. */
    public static FlowPane wrapping(String styleClass, Node... groups) {
        FlowPane bar = new FlowPane(Orientation.HORIZONTAL, H_GAP, V_GAP, groups);
        bar.getStyleClass().add(styleClass);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setRowValignment(VPos.CENTER);
        bar.setMinWidth(0);
        for (Node n : groups) {
            keepWidth(n);
        }
        return bar;
    }

    /** Controls that stay together on one row, none narrower than its text needs. */
    public static HBox group(Node... controls) {
        HBox box = new HBox(GROUP_GAP, controls);
        box.setAlignment(Pos.CENTER_LEFT);
        for (Node n : controls) {
            keepWidth(n);
        }
        keepWidth(box);
        return box;
    }

    /**
     * A status text on its own line under a toolbar: wraps rather than being cut, and takes no room
     * while it is empty.
     */
    public static Label statusLine(Label status, String styleClass) {
        status.getStyleClass().add(styleClass);
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        return status;
    }

    /**
     * A label for a text of any length (a file name, a path) inside a toolbar: at most {@code maxWidth}
     * wide, and when it is cut, its tooltip shows the whole text.
     */
    public static Label boundedLabel(Label label, double maxWidth) {
        label.setMaxWidth(maxWidth);
        label.setMinWidth(0); // laid out at its preferred width up to maxWidth, never wider
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(label.textProperty());
        label.setTooltip(tip);
        return label;
    }

    private static void keepWidth(Node n) {
        if (n instanceof Region r && r.getMinWidth() == Region.USE_COMPUTED_SIZE) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
    }
}
