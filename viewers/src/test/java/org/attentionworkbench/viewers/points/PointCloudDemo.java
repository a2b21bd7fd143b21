package org.attentionworkbench.viewers.points;

import java.util.List;
import java.util.Random;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.PointRenderers;

/**
 * A window with a synthetic cloud of 200k points (a wavy surface coloured by height and a sphere),
 * for looking at the view by eye: {@code java ... PointCloudDemo [points]}.
 */
public final class PointCloudDemo {
    private PointCloudDemo() {}

    /** The JavaFX application (not the main class, so the launcher needs no module path). */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) {
        int n = getParameters().getUnnamed().isEmpty() ? 200_000 : Integer.parseInt(getParameters().getUnnamed().get(0));
        float[] xyz = new float[3 * n];
        int[] argb = new int[n];
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) {
            double x;
            double y;
            double z;
            if (i % 5 == 0) {
                // A sphere of radius 0.6 above the surface.
                double u = rnd.nextDouble() * 2 - 1;
                double a = rnd.nextDouble() * 2 * Math.PI;
                double r = Math.sqrt(1 - u * u);
                x = 0.6 * r * Math.cos(a) + 0.8;
                y = 0.6 * r * Math.sin(a) - 0.5;
                z = 0.6 * u + 1.2;
                argb[i] = 0xFF000000 | (int) (128 + 100 * u) << 16 | 0x6000 | (int) (128 - 100 * u);
            } else {
                x = rnd.nextDouble() * 4 - 2;
                y = rnd.nextDouble() * 4 - 2;
                z = 0.3 * Math.sin(2 * x) * Math.cos(2 * y);
                double t = (z + 0.3) / 0.6;
                argb[i] = 0xFF000000 | (int) (255 * t) << 16 | (int) (90 + 120 * (1 - Math.abs(2 * t - 1))) << 8
                        | (int) (255 * (1 - t));
            }
            xyz[3 * i] = (float) x;
            xyz[3 * i + 1] = (float) y;
            xyz[3 * i + 2] = (float) z;
        }
        PointCloudView view = new PointCloudView();
        view.setRenderer(renderer());
        view.setPointScene(PointScene.of(List.of(PointBatch.of(xyz, argb))));
        view.setHelpVisible(true);
        Label status = new Label();
        view.framesShownProperty().addListener(o -> status.setText(view.getRendererNote() + " · " + view.statusText()));
        view.setOnPointPicked(e -> status.setText("picked #" + e.getPointId() + " at depth " + e.getDepth()));
        BorderPane root = new BorderPane(view, null, null, status, null);
        stage.setScene(new Scene(root, 960, 640));
        stage.setTitle("PointCloudView demo: " + n + " points");
        stage.setOnHidden(e -> view.close());
        stage.show();
        view.requestFocus();
    }

    }

    /** The renderer chosen as the app chooses ({@code -Dworkbench.renderer=java|gl|auto}), its note printed. */
    private static PointRenderer renderer() {
        PointRenderers.Selection s = PointRenderers.open(PointRenderers.configuredSelector());
        System.out.println("renderer: " + s.renderer().description() + (s.note() == null ? "" : " (" + s.note() + ")"));
        return s.renderer();
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }
}
