package org.attentionworkbench.viewers.panorama;

import javafx.scene.input.KeyEvent;

/**
 * The panorama's keys: arrows / WASD turn by a tenth of the field of view, + / − zoom by 10 %,
 * Home goes to the initial view, F asks for fullscreen.
 */
final class PanoramaKeys {
    private final PanoramaView view;

    PanoramaKeys(PanoramaView view) {
        this.view = view;
    }

    void install() {
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::handle);
    }

    private void handle(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        double step = view.getView().hfov() / 10;
        boolean done = true;
        switch (e.getCode()) {
            case LEFT, A -> view.pan(-step, 0);
            case RIGHT, D -> view.pan(step, 0);
            case UP, W -> view.pan(0, step);
            case DOWN, S -> view.pan(0, -step);
            case PLUS, ADD, EQUALS -> view.zoomBy(0.9);
            case MINUS, SUBTRACT -> view.zoomBy(1 / 0.9);
            case HOME -> view.resetView();
            case F -> view.fullscreen();
            default -> done = false;
        }
        if (done) {
            view.interacted();
            e.consume();
        }
    }
}
