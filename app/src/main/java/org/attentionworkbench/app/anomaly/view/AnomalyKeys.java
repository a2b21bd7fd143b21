package org.attentionworkbench.app.anomaly.view;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.attentionworkbench.app.anomaly.InspectionModel;

/**
 * The Anomaly page's keys, keyboard-first: A accept, R reject, ←/→ (and ↑/↓) move through the queue,
 * 1–9 reject as that defect class. A filter on the page, so the keys work whichever control has the
 * focus (except a text field, where they type).
 */
public final class AnomalyKeys {
    /** For the on-screen legend. */
    public static final String LEGEND = "A accept · R reject · ←/→ move · 1–9 defect class";

    private AnomalyKeys() {}

    public static void install(Node page, InspectionModel model) {
        page.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof TextInputControl) {
                return;
            }
            if (handle(e.getCode(), model)) {
                e.consume();
            }
        });
    }

    /** Runs the command bound to {@code code}; false when the key is not bound. */
    static boolean handle(KeyCode code, InspectionModel model) {
        switch (code) {
            case A -> model.accept();
            case R -> model.reject();
            case LEFT, UP -> model.previous();
            case RIGHT, DOWN -> model.next();
            default -> {
                int k = digit(code);
                if (k < 1) {
                    return false;
                }
                model.classify(k);
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
