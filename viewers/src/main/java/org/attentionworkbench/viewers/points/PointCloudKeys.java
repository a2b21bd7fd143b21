package org.attentionworkbench.viewers.points;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.attentionworkbench.viewers.points.render.Camera;

/**
 * The keys of a {@link PointCloudView}, Open3D's where they fit: + / - point size, F fit, R reset,
 * O orthographic, E Eye-Dome Lighting, P screenshot, H or ? help, Alt+1…4 preset views; plain
 * digits go to the application (its colour modes). Not while a text field has the focus.
 */
final class PointCloudKeys {
    private PointCloudKeys() {}

    static void install(Node target, PointCloudView view) {
        // Characters (layout independent: '+' is Shift+= on some keyboards, a key of its own on others).
        target.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if (ignored(e) || e.isAltDown()) {
                return;
            }
            switch (e.getCharacter()) {
                case "+", "=" -> view.changePointSize(1);
                case "-", "_" -> view.changePointSize(-1);
                case "?" -> view.setHelpVisible(!view.isHelpVisible());
                default -> {
                    return;
                }
            }
            e.consume();
        });
        target.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (!ignored(e) && handle(view, e.getCode(), e.isAltDown(), e.isShiftDown())) {
                e.consume();
            }
        });
    }

    private static boolean ignored(KeyEvent e) {
        return e.isShortcutDown() || e.getTarget() instanceof TextInputControl;
    }

    /** Runs the command bound to a key; false when it is not bound. */
    static boolean handle(PointCloudView view, KeyCode code, boolean alt, boolean shift) {
        int digit = digit(code);
        if (alt) {
            if (digit < 1 || digit > 4) {
                return false;
            }
            view.presetView(Camera.View.values()[digit - 1]);
            return true;
        }
        if (digit >= 0) {
            if (view.onNumberKeyProperty().get() == null || shift) {
                return false;
            }
            view.onNumberKeyProperty().get().accept(digit);
            return true;
        }
        switch (code) {
            case F -> view.fit();
            case R -> view.resetCamera();
            case O -> view.toggleOrthographic();
            case E -> view.toggleEdl();
            case H -> view.setHelpVisible(!view.isHelpVisible());
            case ESCAPE -> {
                if (!view.isHelpVisible()) {
                    return false;
                }
                view.setHelpVisible(false);
            }
            case P -> {
                if (view.onScreenshotProperty().get() == null) {
                    return false;
                }
                view.onScreenshotProperty().get().run();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static int digit(KeyCode code) {
        if (!code.isDigitKey()) {
            return -1;
        }
        String n = code.getName(); // "1" or "Numpad 1"
        char c = n.charAt(n.length() - 1);
        return Character.isDigit(c) ? c - '0' : -1;
    }
}
