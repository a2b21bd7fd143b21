package org.attentionworkbench.viewers.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.grid.LayerHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ChartsTest {
    private static final int L = 4;
    private static final int H = 3;
    private StatsHeatmap stats;
    private LayerScatter scatter;

    static float[] values() {
        float[] v = new float[L * H];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f;
        }
        return v;
    }

    @Start
    void start(Stage stage) {
        stats = new StatsHeatmap();
        stats.setMetric("entropy");
        stats.setData(values(), L, H);
        stats.setPrefSize(320, 300);
        scatter = new LayerScatter();
        scatter.setData(values(), L, H, "entropy");
        scatter.setPrefSize(400, 300);
        stage.setScene(new Scene(new HBox(stats, scatter), 760, 320));
        stage.show();
    }

    @Test
    void statsHeatmapHoverShowsTheValueAndClickSelects(FxRobot robot) {
        Point2D origin = robot.point(stats.getGrid()).atPosition(Pos.TOP_LEFT).query();
        Point2D cell = stats.getGrid().cellCentre(new LayerHead(2, 1));
        robot.moveTo(origin.add(cell));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("L2 H1: entropy 3.500", stats.getHoverText());
        robot.clickOn(origin.add(cell));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new LayerHead(2, 1), stats.getSelection());
        assertEquals(0, stats.getLegend().getRange().min(), 0);
        assertEquals(5.5, stats.getLegend().getRange().max(), 1e-6);
    }

    @Test
    void scatterClickSelectsAPoint(FxRobot robot) {
        assertNotNull(scatter.pointNode(3, 2));
        robot.clickOn(scatter.pointNode(3, 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new LayerHead(3, 2), scatter.getSelection());
        assertEquals(true, scatter.pointNode(3, 2).getStyleClass().contains(LayerScatter.SELECTED_STYLE_CLASS));
        robot.clickOn(scatter.pointNode(1, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new LayerHead(1, 1), scatter.getSelection());
        assertEquals(false, scatter.pointNode(3, 2).getStyleClass().contains(LayerScatter.SELECTED_STYLE_CLASS));
    }
}
