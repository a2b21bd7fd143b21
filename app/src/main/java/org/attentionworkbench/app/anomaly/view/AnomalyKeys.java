package org.attentionworkbench.app.anomaly.view;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.attentionworkbench.app.anomaly.InspectionController;

/**
 * The Anomaly page's keys, keyboard-first: A accept, R reject, ←/→ (and ↑/↓) move through the queue,
 * 1–9 reject as that defect class. A filter on the page, so the keys work whichever control has the
 * focus (except a text field, where they type).
 */
public final class AnomalyKeys {
    /** For the on-screen legend. */
    public static final String LEGEND = "A accept · R reject · ←/→ move · 1–9 defect class";

    private AnomalyKeys() {}

    public static void install(Node page, InspectionController controller) {
        page.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof TextInputControl) {
                return;
            }
            if (handle(e.getCode(), controller)) {
                e.consume();
            }
        });
    }

    /** Runs the command bound to {@code code}; false when the key is not bound. */
    static boolean handle(KeyCode code, InspectionController controller) {
        switch (code) {
            case A -> controller.accept();
            case R -> controller.reject();
            case LEFT, UP -> controller.previous();
            case RIGHT, DOWN -> controller.next();
            default -> {
                int k = digit(code);
                if (k < 1) {
                    return false;
                }
                controller.classify(k);
            }
        }
        return true;
    }

    private static int digit(KeyCode code) {
        if (code.isDigitKey()) {
            String n = code.getName(); // "1" or "Numpad 1"
            char c = n.charAt(n.length() - 1);
            return Character.isDigit(c) ? c - '0' : -1;
        }
        return -1;
    }
}
