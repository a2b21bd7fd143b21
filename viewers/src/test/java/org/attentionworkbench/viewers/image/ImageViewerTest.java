package org.attentionworkbench.viewers.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
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
class ImageViewerTest {
    private static final double EPS = 1e-9;
    private ImageViewer viewer;

    @Start
    void start(Stage stage) {
        WritableImage img = new WritableImage(200, 100);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                img.getPixelWriter().setColor(x, y, x < 100 ? Color.RED : Color.BLUE);
            }
        }
        viewer = new ImageViewer(img);
        stage.setScene(new Scene(new StackPane(viewer), 400, 300));
        stage.show();
    }

    @Test
    void fitsTheWholeImageCentred(FxRobot robot) {
        // 200x100 into 400x300: width limits, zoom 2, centred vertically (300 - 200) / 2.
        assertTrue(viewer.isFitting());
        assertEquals(2, viewer.getZoom(), EPS);
        assertEquals(0, viewer.offsetXProperty().get(), EPS);
        assertEquals(50, viewer.offsetYProperty().get(), EPS);
        assertTrue(viewer.lookup(".image-viewer") == viewer);
    }

    @Test
    void zoomKeepsThePointUnderTheCursor(FxRobot robot) {
        robot.interact(() -> {
            Point2D before = viewer.viewToImage(123, 77);
            viewer.zoomBy(3, 123, 77);
            Point2D after = viewer.viewToImage(123, 77);
            assertEquals(6, viewer.getZoom(), EPS);
            assertEquals(before.getX(), after.getX(), 1e-6);
            assertEquals(before.getY(), after.getY(), 1e-6);
            assertFalse(viewer.isFitting());
        });
    }

    @Test
    void actualSizeAndFitAndClamp(FxRobot robot) {
        robot.interact(() -> {
            viewer.actualSize();
            assertEquals(1, viewer.getZoom(), EPS);
            viewer.zoomTo(1e6, 0, 0);
            assertEquals(ImageViewer.MAX_ZOOM, viewer.getZoom(), EPS);
            viewer.zoomTo(0, 0, 0);
            assertEquals(ImageViewer.MIN_ZOOM, viewer.getZoom(), EPS);
            viewer.fit();
            assertEquals(2, viewer.getZoom(), EPS);
        });
    }

    @Test
    void wheelZoomsAndDragPans(FxRobot robot) {
        Point2D centre = robot.point(viewer).query();
        robot.moveTo(centre);
        robot.scroll(1, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Math.abs(viewer.getZoom() - 2) > 1e-3, "zoom after wheel: " + viewer.getZoom());
        assertFalse(viewer.isFitting());

        double ox = viewer.offsetXProperty().get();
        robot.drag(centre, MouseButton.PRIMARY).moveBy(30, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ox + 30, viewer.offsetXProperty().get(), 1.0);
    }

    @Test
    void reportsThePixelUnderThePointer(FxRobot robot) {
        // View (41, 61) shows image ((41-0)/2, (61-50)/2) = (20.5, 5.5) at zoom 2.
        Point2D origin = robot.point(viewer).atPosition(javafx.geometry.Pos.TOP_LEFT).query();
        robot.moveTo(origin.add(41, 61));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ImageViewer.Pixel(20, 5), viewer.getHoveredPixel());
        // Above the image (the letterbox band) there is no pixel.
        robot.moveTo(origin.add(41, 10));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(viewer.getHoveredPixel());
    }
}
