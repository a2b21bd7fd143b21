package org.attentionworkbench.viewers.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.grid.LayerHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HeadViewTest {
    private static final String[] TOKENS = {"[CLS]", "the", "cat", "sat", "[SEP]"};
    private static final int L = 2;
    private static final int H = 3;
    private static final int N = TOKENS.length;
    private HeadView view;
    private ModelView model;

    /** Layer 0: uniform rows. Layer 1: each query attends only to itself. */
    static float[] attention() {
        float[] a = new float[L * H * N * N];
        for (int h = 0; h < H; h++) {
            for (int q = 0; q < N; q++) {
                for (int k = 0; k < N; k++) {
                    a[((0 * H + h) * N + q) * N + k] = 1f / N;
                    a[((1 * H + h) * N + q) * N + k] = q == k ? 1 : 0;
                }
            }
        }
        return a;
    }

    @Start
    void start(Stage stage) {
        view = new HeadView();
        view.setData(TOKENS, L, H, attention());
        model = new ModelView();
        model.setAttention(attention(), L, H, N, false);
        model.setPrefSize(300, 200);
        stage.setScene(new Scene(new javafx.scene.layout.HBox(view, model), 800, 400));
        stage.show();
    }

    @Test
    void hoverKeepsOnlyThatTokensLines(FxRobot robot) {
        assertEquals(H * N * N, view.getVisibleLineCount(), "all heads, all pairs");
        Point2D origin = robot.point(view).atPosition(Pos.TOP_LEFT).query();
        robot.moveTo(origin.add(view.tokenCentre(TokenFocus.Side.LEFT, 2)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new TokenFocus(TokenFocus.Side.LEFT, 2), view.getFocus());
        assertEquals(H * N, view.getVisibleLineCount(), "one query row per head");

        robot.moveTo(origin.add(view.tokenCentre(TokenFocus.Side.RIGHT, 4)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new TokenFocus(TokenFocus.Side.RIGHT, 4), view.getFocus());
        assertEquals(H * N, view.getVisibleLineCount(), "one key column per head");

        // Between the columns: everything again.
        Point2D mid = view.tokenCentre(TokenFocus.Side.LEFT, 2).midpoint(view.tokenCentre(TokenFocus.Side.RIGHT, 2));
        robot.moveTo(origin.add(mid));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(view.getFocus());
        assertEquals(H * N * N, view.getVisibleLineCount());
    }

    @Test
    void headsAndLayerFilterTheLines(FxRobot robot) {
        robot.interact(() -> view.getSelectedHeads().remove(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals((H - 1) * N * N, view.getVisibleLineCount());
        // Layer 1 is the identity: one line per query and head (zeros are not drawn).
        robot.interact(() -> view.setLayer(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals((H - 1) * N, view.getVisibleLineCount());
        robot.interact(view::selectAllHeads);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(H * N, view.getVisibleLineCount());
    }

    @Test
    void modelViewClickSelects(FxRobot robot) {
        Point2D origin = robot.point(model).atPosition(Pos.TOP_LEFT).query();
        robot.clickOn(origin.add(model.cellCentre(new LayerHead(1, 2))));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new LayerHead(1, 2), model.getSelection());
    }
}
