package org.attentionworkbench.app.colorize.view;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.attentionworkbench.app.colorize.ColorizeController;
import org.attentionworkbench.compute.colorize.Hint;

/**
 * Keys and mouse of the Colorize page. Mouse on the images: left-click adds a hint of the picker's
 * colour (or selects the hint under the pointer), left-drag moves it (one undo step per drag),
 * right-click deletes it, the wheel resizes the hint under the pointer (else the next hint's size).
 * Keys: Ctrl+Z undo, Ctrl+Y or Ctrl+Shift+Z redo, Delete / Backspace delete the selected hint,
 * Esc deselects. Ignored while typing.
 */
final class ColorizeBindings {
    /** A hint can be grabbed this many screen pixels outside its square. */
    private static final double GRAB_SLACK = 4;
    /** Wheel delta of one notch on common platforms. */
    private static final double NOTCH = 40;

    private final HintCanvas canvas;
    private final ColorizeController controller;
    private Hint dragged;
    private boolean moved;

    private ColorizeBindings(HintCanvas canvas, ColorizeController controller) {
        this.canvas = canvas;
        this.controller = controller;
    }

    static void install(Node page, HintCanvas canvas, ColorizeController controller) {
        ColorizeBindings b = new ColorizeBindings(canvas, controller);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, b::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, b::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, b::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> canvas.setHovered(canvas.imagePixelAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> canvas.setHovered(null));
        canvas.addEventHandler(ScrollEvent.SCROLL, b::scrolled);
        page.addEventHandler(KeyEvent.KEY_PRESSED, b::key);
    }

    private Hint hintUnder(MouseEvent e, int[] p) {
        return controller.hintAt(p[0], p[1], GRAB_SLACK * canvas.imagePixelsPerViewPixel(e.getX(), e.getY()));
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        int[] p = canvas.imagePixelAt(e.getX(), e.getY());
        if (p == null || controller.model().getImage() == null) {
            return;
        }
        Hint hit = hintUnder(e, p);
        if (e.getButton() == MouseButton.SECONDARY) {
            if (hit != null) {
                controller.remove(hit.id());
            }
        } else if (e.getButton() == MouseButton.PRIMARY) {
            if (hit != null) {
                controller.select(hit.id());
                dragged = hit;
            } else {
                dragged = controller.addHint(p[0], p[1]);
            }
            moved = false;
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        int[] p = canvas.imagePixelAt(e.getX(), e.getY());
        canvas.setHovered(p);
        if (dragged == null || p == null) {
            return;
        }
        moved = true;
        controller.dragTo(dragged.id(), p[0], p[1]);
        e.consume();
    }

    private void released(MouseEvent e) {
        if (dragged != null && moved) {
            int[] p = canvas.imagePixelAt(e.getX(), e.getY());
            Hint now = controller.model().hints().stream().filter(h -> h.id() == dragged.id()).findFirst()
                    .orElse(dragged);
            controller.endDrag(dragged.id(), p == null ? now.x() : p[0], p == null ? now.y() : p[1]);
        }
        dragged = null;
        moved = false;
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        int step = e.getDeltaY() > 0 ? 1 : -1;
        int[] p = canvas.imagePixelAt(e.getX(), e.getY());
        Hint hit = p == null ? null
                : controller.hintAt(p[0], p[1], GRAB_SLACK * canvas.imagePixelsPerViewPixel(e.getX(), e.getY()));
        if (hit != null) {
            controller.resize(hit.id(), step * Math.max(1, (int) Math.round(Math.abs(e.getDeltaY()) / NOTCH)));
        } else {
            controller.stepDefaultSize(step);
        }
        e.consume();
    }

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl || controller.model().getImage() == null) {
            return;
        }
        boolean handled = true;
        if (e.isShortcutDown() && e.getCode() == KeyCode.Z && !e.isShiftDown()) {
            controller.undo();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.Y || e.getCode() == KeyCode.Z && e.isShiftDown())) {
            controller.redo();
        } else if (!e.isShortcutDown() && (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)) {
            controller.remove(controller.model().selectedProperty().get());
        } else if (e.getCode() == KeyCode.ESCAPE) {
            controller.select(0);
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
        }
    }
}
