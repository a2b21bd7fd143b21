package org.attentionworkbench.app.pointcloud.view;

import static org.attentionworkbench.app.ScreenshotDriver.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.ScreenshotDriver;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.pointcloud.LoadedCloud;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.depth.DepthClouds;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.samples.rooms.RoomRender;
import org.attentionworkbench.samples.rooms.SyntheticRoom;

/**
 * Screenshots of "Depth → 3D" under Xvfb (ImageMagick {@code import -window root}). Args: output PNG,
 * {@code help} (a room photo open, no depth model installed: the action's answer) or {@code room} (the
 * room photo with its exact ray-cast depth through {@link DepthClouds}, the code the action runs after
 * the model: ground truth, not a model's prediction). Needs -Dworkbench.config.dir and
 * -Dworkbench.cache.dir (empty temp dirs) and DISPLAY.
 */
public final class DepthScreenshots extends Application {
    private static String[] args;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] a) {
            args = a;
            Application.launch(DepthScreenshots.class, a);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path out = Path.of(args[0]);
        String mode = args[1];
        RoomRender room = SyntheticRoom.random(7).renderPerspective(960, 640, 70, 20, -10);
        Path photo = Files.createTempDirectory("depth-shot").resolve("room-photo.png");
        PngWriter.write(room.image(), photo);
        Workbench wb = new Workbench(SettingsStore.standard());
        wb.settings().setPointRenderer("java");
        MainWindow window = ScreenshotDriver.show(wb, stage, 1280, 800);
        wb.startUp(java.util.List.of(photo));
        window.showPage(PointCloudWorkspace.ID);
        PointCloudWorkspace page = (PointCloudWorkspace) window.page(PointCloudWorkspace.ID).orElseThrow();
        PointCloudController c = page.controller();
        ScreenshotDriver.drive(() -> {
            waitFor(() -> wb.currentImageProperty().get() != null && wb.devices().device() != null, 120_000, 200);
            if (mode.equals("help")) {
                Platform.runLater(() -> ((javafx.scene.control.SplitMenuButton) page.view()
                        .lookup("." + PointCloudStyles.DEPTH_BUTTON)).fire());
            } else {
                DepthMap truth = new DepthMap(room.depth(), room.width(), room.height(), DepthKind.METRIC_METRES);
                var cloud = DepthClouds.toCloud(room.image(), photo.toString(), truth,
                        DepthClouds.Settings.defaults().withFov(70));
                Platform.runLater(() -> c.show(new LoadedCloud(photo, "Depth map", cloud)));
                waitFor(() -> c.model().cloud() != null && page.pointView().getFramesShown() > 0, 120_000, 200);
                Platform.runLater(() -> { // a little to the side, to see the room in depth
                    var cam = page.pointView().getCamera().copy();
                    cam.setDistance(cam.distance() * 3);
                    cam.orbitTurntable(Math.toRadians(30), Math.toRadians(25));
                    page.pointView().setCamera(cam);
                });
            }
            Thread.sleep(3000);
            ScreenshotDriver.capture(out);
            System.out.println("saved " + out + "; " + c.model().statusProperty().get());
        });
    }
}
