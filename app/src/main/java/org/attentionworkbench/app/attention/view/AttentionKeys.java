package org.attentionworkbench.app.attention.view;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import org.attentionworkbench.app.attention.AttentionController;
import org.attentionworkbench.app.attention.AttentionMode;
import org.attentionworkbench.app.attention.ImageAttentionModel;

/**
 * Keys of the Attention page's image mode: {@code [} / {@code ]} layer down / up, {@code H} / {@code J}
 * previous / next head ("all heads" included), {@code F} cycle the head fusion, {@code R} reverse,
 * {@code O} rollout, {@code M} mass mask, {@code Esc} back to the class token. Ignored while typing.
 * Mouse: hover a patch for its row (live), click to pin it; click a small multiple to show it.
 */
final class AttentionKeys {
    private AttentionKeys() {}

    static void install(Node page, AttentionController controller) {
        page.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (controller.model().getMode() != AttentionMode.IMAGE || e.getTarget() instanceof TextInputControl
                    || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
                return;
            }
            ImageAttentionModel m = controller.model().image();
            boolean handled = true;
            switch (e.getCode()) {
                case OPEN_BRACKET -> controller.stepLayer(-1);
                case CLOSE_BRACKET -> controller.stepLayer(1);
                case H -> controller.stepHead(-1);
                case J -> controller.stepHead(1);
                case F -> controller.cycleFusion();
                case R -> m.reverseProperty().set(!m.reverseProperty().get());
                case O -> m.rolloutProperty().set(!m.rolloutProperty().get());
                case M -> m.maskProperty().set(!m.maskProperty().get());
                case ESCAPE -> controller.backToCls();
                default -> handled = false;
            }
            if (handled) {
                e.consume();
            }
        });
    }
}
