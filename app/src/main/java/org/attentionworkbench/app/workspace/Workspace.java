package org.attentionworkbench.app.workspace;

import java.util.Optional;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;

/**
 * One page of the main window (Images, later Attention, Anomaly, Colorize). The shell shows its
 * view, puts its pointer and zoom texts in the status bar, and sends the View menu's zoom commands
 * to it when it has a zoomable view.
 */
public interface Workspace {

    /** Stable id (also used in style classes and tests). */
    String id();

    /** Name in the sidebar. */
    String title();

    Node view();

    /** "x, y  R G B" for the pixel under the pointer; empty when there is none. */
    default StringExpression pointerText() {
        return new ReadOnlyStringWrapper("").getReadOnlyProperty();
    }

    /** "125 %"; empty when the page has no zoom. */
    default StringExpression zoomText() {
        return new ReadOnlyStringWrapper("").getReadOnlyProperty();
    }

    /** The View menu's zoom commands, when this page has something to zoom. */
    default Optional<ZoomActions> zoomActions() {
        return Optional.empty();
    }

    /** Targets of View ▸ Fit / Actual size / Zoom in / Zoom out. */
    interface ZoomActions {
        void fit();

        void actualSize();

        void zoomIn();

        void zoomOut();
    }
}
