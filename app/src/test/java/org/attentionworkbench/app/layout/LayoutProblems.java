package org.attentionworkbench.app.layout;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * What a user would see as broken layout in a window: texts cut short with an ellipsis ("Me…") and
 * controls placed beyond the window's edge. Both walk the scene graph as laid out; only nodes that
 * are showing (visible with all their parents) count.
 */
final class LayoutProblems {
    private LayoutProblems() {}

    /**
     * Every showing {@link Labeled} (labels, buttons, check boxes, toggles, tabs, combo box cells, list
     * cells, chart axis labels, ...) whose drawn text is not its whole text. A label may be shortened on
     * purpose only when its tooltip carries the whole text (the status bar's device note does that).
     */
    static List<String> ellipsised(Scene scene) {
        List<String> found = new ArrayList<>();
        walk(scene.getRoot(), node -> {
            if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && showing(l)
                    && !tooltipCarries(l)) {
                String drawn = drawnText(l);
                if (drawn != null && !drawn.equals(l.getText()) && !drawn.equals(withoutMnemonic(l))) {
                    found.add(describe(l) + " shows \"" + drawn + "\" for \"" + l.getText() + "\"");
                }
            }
        });
        return found;
    }

    /**
     * Every showing control whose bounds reach beyond the scene (the window's inside), except those
     * inside a scroll pane or a virtualised list, whose content is meant to extend past the viewport.
     */
    static List<String> outsideWindow(Scene scene) {
        List<String> found = new ArrayList<>();
        double w = scene.getWidth();
        double h = scene.getHeight();
        walk(scene.getRoot(), node -> {
            if (node instanceof Control c && showing(c) && !inScrollingContent(c)) {
                Bounds b = c.localToScene(c.getLayoutBounds());
                if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > w + 0.5 || b.getMaxY() > h + 0.5) {
                    found.add(String.format(java.util.Locale.ROOT, "%s at x %.0f..%.0f, y %.0f..%.0f in a %.0fx%.0f window",
                            describe(c), b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY(), w, h));
                }
            }
        });
        return found;
    }

    /** The text the skin draws: its LabeledText child (null before the skin exists). */
    private static String drawnText(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    private static String withoutMnemonic(Labeled l) {
        return l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
    }

    private static boolean tooltipCarries(Labeled l) {
        Tooltip t = l.getTooltip();
        return t != null && t.getText() != null && t.getText().contains(l.getText());
    }

    private static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private static boolean inScrollingContent(Node n) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p.getClass().getSimpleName().equals("VirtualFlow")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Node n) {
        String id = n.getId() == null ? "" : "#" + n.getId();
        String text = n instanceof Labeled l ? " \"" + l.getText() + "\"" : "";
        Node p = n.getParent();
        String where = p == null ? "" : " in " + p.getClass().getSimpleName()
                + (p.getStyleClass().isEmpty() ? "" : "." + String.join(".", p.getStyleClass()));
        return n.getClass().getSimpleName() + id + text + where;
    }

    private static void walk(Node node, java.util.function.Consumer<Node> visit) {
        visit.accept(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, visit);
            }
        }
    }
}
