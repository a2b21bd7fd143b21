package org.attentionworkbench.app.pointcloud.view;

import static org.attentionworkbench.app.ScreenshotDriver.waitFor;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionworkbench.app.ScreenshotDriver;
import org.attentionworkbench.app.layout.MainWindow;
import org.attentionworkbench.app.pointcloud.PointCloudController;
import org.attentionworkbench.app.pointcloud.PointCloudModel;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.Provenance;

/**
 * Drives the real window (under Xvfb) to the Point clouds page and captures the screen with
 * ImageMagick's {@code import -window root}. Args: output PNG, cloud file, and {@code measure} (EDL
 * on, two points picked) or {@code attention U V} (the image model's attention of the patch under
 * the point from pixel (U, V), lifted onto the cloud). Needs -Dworkbench.config.dir and
 * -Dworkbench.cache.dir (temp dirs) and DISPLAY.
 */
public final class PointCloudScreenshots extends Application {
    private static String[] args;

    /** The main class must not extend Application when JavaFX is on the class path. */
    public static final class Main {
        public static void main(String[] a) {
            args = a;
            Application.launch(PointCloudScreenshots.class, a);
        }
    }

    @Override
    public void start(Stage stage) {
        Path out = Path.of(args[0]);
        Path cloud = Path.of(args[1]);
        String mode = args[2];
        Workbench wb = new Workbench(SettingsStore.standard());
        MainWindow window = ScreenshotDriver.show(wb, stage, 1280, 800);
        wb.startUp(java.util.List.of(cloud));
        PointCloudWorkspace page = (PointCloudWorkspace) window.page(PointCloudWorkspace.ID).orElseThrow();
        PointCloudController c = page.controller();
        PointCloudModel m = c.model();
        ScreenshotDriver.drive(() -> {
            waitFor(() -> m.cloud() != null && page.pointView().getFramesShown() > 0, 180_000, 200);
            Thread.sleep(1500);
            if (mode.equals("measure")) {
                Platform.runLater(() -> c.setEdl(true, 1, 1.4));
                PointCloud pc = m.cloud();
                int a = nearest(pc, 0.3, 0.5);
                int b = nearest(pc, 0.75, 0.6);
                Platform.runLater(() -> {
                    c.pick(a);
                    c.pick(b);
                });
            } else {
                int u = Integer.parseInt(args[3]);
                int v = Integer.parseInt(args[4]);
                Platform.runLater(() -> c.attention().useImageModel());
                waitFor(() -> c.attention().modelProperty().get() != null, 180_000, 200);
                int p = atPixel(m.cloud(), u, v);
                Platform.runLater(() -> c.pick(p));
                waitFor(() -> m.attentionProperty().get() != null, 180_000, 200);
            }
            Thread.sleep(2500);
            ScreenshotDriver.capture(out);
            System.out.println("saved " + out + "; " + m.statusProperty().get() + "; "
                    + c.attention().statusProperty().get());
        });
    }

    /** The point nearest the relative position (fx, fy) of the cloud's x-y extent, at the top in z. */
    private static int nearest(PointCloud c, double fx, double fy) {
        var b = c.bounds();
        double x = b.minX() + fx * (b.maxX() - b.minX()) - c.origin()[0];
        double y = b.minY() + fy * (b.maxY() - b.minY()) - c.origin()[1];
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        float[] p = c.xyz();
        for (int i = 0; i < c.size(); i++) {
            double d = (p[3 * i] - x) * (p[3 * i] - x) + (p[3 * i + 1] - y) * (p[3 * i + 1] - y);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** The point whose source pixel is nearest (u, v). */
    private static int atPixel(PointCloud c, int u, int v) {
        Provenance p = c.provenance();
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < c.size(); i++) {
            if (p.pixel()[i] < 0 || !Float.isFinite(c.xyz()[3 * i + 2])) {
                continue;
            }
            long d = (long) (p.u(i) - u) * (p.u(i) - u) + (long) (p.v(i) - v) * (p.v(i) - v);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
