package org.attentionworkbench.app.pointcloud.view;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.attentionworkbench.app.pointcloud.ColorBy;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.viewers.points.PointCloudView;

/**
 * The Point clouds page's own keys, beside the view's (orbit, F fit, R reset, +/- size, P screenshot,
 * H help): Ctrl+Z undo, Ctrl+Y (or Ctrl+Shift+Z) redo, Esc clears the picked points, and the digits
 * choose the colour mode (Open3D's idea): 1 RGB, 2 height, 3 normals, 4.. the scalar fields in order.
 */
public final class PointCloudPageKeys {
    /** For the help overlay. */
    public static final List<PointCloudView.KeyHelp> HELP = List.of(
            new PointCloudView.KeyHelp("1 / 2 / 3 / 4…", "colour by RGB / height / normals / fields"),
            new PointCloudView.KeyHelp("Ctrl+Z / Ctrl+Y", "undo / redo an edit"),
            new PointCloudView.KeyHelp("Esc", "clear the picked points"));

    private PointCloudPageKeys() {}

    public static void install(Node page, PointCloudView view, PointCloudController controller) {
        page.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl) {
                return;
            }
            if (e.isShortcutDown() && (e.getCode() == KeyCode.Z && !e.isShiftDown())) {
                controller.undo();
                e.consume();
            } else if (e.isShortcutDown() && (e.getCode() == KeyCode.Y || e.getCode() == KeyCode.Z)) {
                controller.redo();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !e.isShortcutDown()) {
                controller.clearPicked();
                e.consume();
            }
        });
        view.setOnNumberKey(d -> colourMode(d, controller));
        view.getHelpEntries().addAll(HELP);
    }

    /** Digit {@code d} → colour mode; false when the cloud has no such mode. */
    static boolean colourMode(int d, PointCloudController controller) {
        var cloud = controller.model().cloud();
        if (cloud == null) {
            return false;
        }
        ColorBy by = switch (d) {
            case 1 -> cloud.hasRgb() ? ColorBy.RGB : null;
            case 2 -> ColorBy.HEIGHT;
            case 3 -> cloud.normals() != null ? ColorBy.NORMALS : null;
            default -> d >= 4 && d - 4 < cloud.fields().size() ? ColorBy.field(cloud.fields().get(d - 4).name()) : null;
        };
        if (by != null) {
            controller.setColorBy(by);
        }
        return by != null;
    }
}
