package org.attentionworkbench.app.depth360.view;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The page's own keys (the viewer handles arrows/WASD, +/−, Home and F itself): R toggles
 * auto-rotation, F11 toggles fullscreen.
 */
final class Depth360Keys {
    private Depth360Keys() {}

    static void install(Node root, Runnable toggleAutoRotate, Runnable fullscreen) {
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.R) {
                toggleAutoRotate.run();
                e.consume();
            } else if (e.getCode() == KeyCode.F11) {
                fullscreen.run();
                e.consume();
            }
        });
    }
}
