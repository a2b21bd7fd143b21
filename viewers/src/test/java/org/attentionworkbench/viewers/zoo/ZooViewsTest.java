package org.attentionworkbench.viewers.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ZooViewsTest {
    private MatrixView matrix;
    private QkScatter scatter;

    @Start
    void start(Stage stage) {
        matrix = new MatrixView();
        matrix.setPrefSize(200, 200);
        float[] m = new float[4 * 4];
        for (int i = 0; i < 4; i++) {
            m[i * 4 + i] = 1;
        }
        matrix.setMatrix(m, 4, Colormap.VIRIDIS, null);
        scatter = new QkScatter();
        scatter.setPrefSize(300, 200);
        // queries on the left, keys on the right
        float[] xy = {0, 0, 0, 1, 0, 2, 5, 0, 5, 1, 5, 2};
        scatter.setPoints(xy, 3, List.of("a", "b", "c"), new float[] {0, 0, 1, 0, 1, 0, 1, 0, 0});
        stage.setScene(new Scene(new HBox(matrix, scatter), 520, 220));
        stage.show();
    }

    @Test
    void hoveringARowOfTheMatrixPublishesIt(FxRobot robot) {
        Point2D origin = robot.point(matrix).atPosition(javafx.geometry.Pos.TOP_LEFT).query();
        robot.moveTo(origin.add(100, 130)); // row 2 of 4 on a 200 px square
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, matrix.hoveredRowProperty().get());
        robot.moveTo(origin.add(100, 10));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, matrix.hoveredRowProperty().get());
        assertEquals(-1, matrix.rowAt(100, 250), "below the square is off the matrix");
        assertThrows(IllegalArgumentException.class, () -> matrix.setMatrix(new float[5], 2, Colormap.GREY, null));
    }

    @Test
    void hoveringAQueryPublishesItAndKeysAreNotQueries(FxRobot robot) {
        Point2D origin = robot.point(scatter).atPosition(javafx.geometry.Pos.TOP_LEFT).query();
        robot.moveTo(origin.add(scatter.pointAt(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, scatter.hoveredQueryProperty().get());
        robot.moveTo(origin.add(scatter.pointAt(3 + 2))); // key c
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(-1, scatter.hoveredQueryProperty().get(), "a key is not a query");
        assertThrows(IllegalArgumentException.class, () -> scatter.setPoints(new float[4], 3, List.of("a"), null));
    }
}
