package org.attentionworkbench.viewers.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HeatmapOverlayTest {
    private static final int BASE = 0xff336699;
    private HeatmapOverlay overlay;

    @Start
    void start(Stage stage) {
        WritableImage img = new WritableImage(200, 100);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                img.getPixelWriter().setArgb(x, y, BASE);
            }
        }
        overlay = new HeatmapOverlay(img);
        overlay.setColormap(Colormap.GREY);
        overlay.setHeatmapOpacity(1);
        overlay.setInterpolation(Interpolation.NEAREST);
        // 200x100 in 400x300: zoom 2, image at view (0, 50)..(400, 250).
        stage.setScene(new Scene(new StackPane(overlay), 400, 300));
        stage.show();
    }

    private int pixel(FxRobot robot, int x, int y) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = overlay.snapshot(null, null));
        return shot[0].getPixelReader().getArgb(x, y);
    }

    @Test
    void settingAGridChangesThePixels(FxRobot robot) {
        assertEquals(BASE, pixel(robot, 100, 150));
        robot.interact(() -> overlay.setGrid(new float[] {0, 1}, 2, 1));
        assertEquals(0xff000000, pixel(robot, 100, 150), "left cell, value min: black");
        assertEquals(0xffffffff, pixel(robot, 300, 150), "right cell, value max: white");
        // A new grid (a hover update) redraws.
        robot.interact(() -> overlay.setGrid(new float[] {1, 0}, 2, 1));
        assertEquals(0xffffffff, pixel(robot, 100, 150));
        // Half opacity blends with the image.
        robot.interact(() -> overlay.setHeatmapOpacity(0.5));
        int p = pixel(robot, 300, 150);
        assertEquals(0x33 * 0.5, (p >> 16) & 0xff, 2.0);
        assertEquals(0x99 * 0.5, p & 0xff, 2.0);
        // No grid: the plain image again.
        robot.interact(() -> overlay.setGrid(null));
        assertEquals(BASE, pixel(robot, 300, 150));
    }

    @Test
    void highlightAndContoursAreDrawnInCellUnits(FxRobot robot) {
        robot.interact(() -> {
            overlay.setGrid(new float[] {0, 0, 0, 0}, 2, 2);
            overlay.setHighlightedCell(new GridCell(1, 1));
            // A horizontal contour along y = 0.5 cells (view y = 50 + 0.5 * 100 = 100) in the left cell.
            List<float[]> lines = new ArrayList<>();
            lines.add(new float[] {0.1f, 0.5f, 0.9f, 0.5f});
            overlay.setContours(lines);
        });
        // Cell (1, 1) spans view x 200..400, y 150..250; its box is drawn just inside.
        int box = pixel(robot, 300, 151);
        assertEquals(0xff, (box >> 16) & 0xff, "highlight box top edge is red: " + Integer.toHexString(box));
        assertEquals(0, box & 0xff);
        int line = pixel(robot, 100, 100);
        // A 1.5 px antialiased white line over black: at least 3/4 white on the row it crosses.
        assertEquals(true, ((line >> 8) & 0xff) >= 0xbf, "contour is white: " + Integer.toHexString(line));
        assertEquals(0xff000000, pixel(robot, 100, 80), "off the contour: the black heatmap");
    }

    @Test
    void reportsHoveredAndClickedCells(FxRobot robot) {
        robot.interact(() -> overlay.setGrid(new float[8], 4, 2));
        GridCell[] fired = new GridCell[1];
        robot.interact(() -> overlay.setOnCellClicked(e -> fired[0] = e.getCell()));
        Point2D origin = robot.point(overlay).atPosition(Pos.TOP_LEFT).query();
        // View (41, 61) = image (20.5, 5.5): 4x2 cells of 50x50 px -> cell (0, 0).
        robot.moveTo(origin.add(41, 61));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new GridCell(0, 0), overlay.getHoveredCell());
        // View (350, 240) = image (175, 95) -> cell (3, 1).
        robot.moveTo(origin.add(350, 240));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new GridCell(3, 1), overlay.getHoveredCell());
        robot.clickOn(origin.add(250, 100));
        WaitForAsyncUtils.waitForFxEvents();
        // View (250, 100) = image (125, 25) -> cell (2, 0).
        assertEquals(new GridCell(2, 0), overlay.getClickedCell());
        assertEquals(new GridCell(2, 0), fired[0]);
        // Off the image (letterbox band): no cell.
        robot.moveTo(origin.add(250, 20));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(overlay.getHoveredCell());
    }

    @Test
    void compositeForExportUsesTheImagePixels(FxRobot robot) {
        robot.interact(() -> {
            overlay.setGrid(new float[] {0, 1}, 2, 1);
            var out = overlay.renderComposite();
            assertEquals(200, (int) out.getWidth());
            assertEquals(100, (int) out.getHeight());
            assertEquals(0xff000000, out.getPixelReader().getArgb(10, 10));
            assertEquals(0xffffffff, out.getPixelReader().getArgb(190, 90));
        });
    }
}
