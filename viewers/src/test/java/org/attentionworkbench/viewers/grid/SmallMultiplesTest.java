package org.attentionworkbench.viewers.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SmallMultiplesTest {
    private SmallMultiples grid;
    private int calls;

    @Start
    void start(Stage stage) {
        grid = new SmallMultiples();
        grid.setColormap(Colormap.GREY);
        // 3 layers x 4 heads of 2x2 cells, plus the fused column; cell (l, h) is flat at l * 10 + h.
        grid.setData(3, 4, 2, 2, true, (l, h) -> {
            calls++;
            float v = l * 10 + h;
            return new float[] {v, v, v, v + 1};
        });
        stage.setScene(new Scene(new StackPane(grid), 400, 300));
        stage.show();
    }

    @Test
    void clickSelectsAndArrowsMove(FxRobot robot) {
        Point2D p = robot.point(grid).atPosition(javafx.geometry.Pos.TOP_LEFT).query();
        LayerHead target = new LayerHead(2, 1);
        robot.clickOn(p.add(grid.cellCentre(target)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(target, grid.getSelection());

        robot.type(KeyCode.LEFT);
        assertEquals(new LayerHead(2, 0), grid.getSelection());
        robot.type(KeyCode.LEFT);
        assertEquals(new LayerHead(2, LayerHead.ALL_HEADS), grid.getSelection(), "the fused column is head -1");
        robot.type(KeyCode.LEFT);
        assertEquals(new LayerHead(2, LayerHead.ALL_HEADS), grid.getSelection(), "clamped at the edge");
        robot.type(KeyCode.UP);
        assertEquals(new LayerHead(1, LayerHead.ALL_HEADS), grid.getSelection());
        robot.type(KeyCode.RIGHT, 5);
        assertEquals(new LayerHead(1, 3), grid.getSelection());
    }

    @Test
    void cellsAreRenderedOnceAndHitTestingSkipsLabels(FxRobot robot) {
        assertEquals(15, calls, "3 layers x 5 columns, each fetched once");
        robot.interact(() -> grid.setSelection(new LayerHead(0, 0)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(15, calls, "selection redraws from the cached textures");
        assertNull(grid.cellAt(2, 2), "the label corner is no cell");
        Point2D c = grid.cellCentre(new LayerHead(1, 2));
        assertEquals(new LayerHead(1, 2), grid.cellAt(c.getX(), c.getY()));
    }
}
