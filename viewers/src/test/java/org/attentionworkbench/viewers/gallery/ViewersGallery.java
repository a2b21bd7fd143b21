package org.attentionworkbench.viewers.gallery;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.attentionworkbench.viewers.grid.LayerHead;
import org.attentionworkbench.viewers.grid.SmallMultiples;
import org.attentionworkbench.viewers.heatmap.ColorLegend;
import org.attentionworkbench.viewers.heatmap.Colormap;
import org.attentionworkbench.viewers.heatmap.GridCell;
import org.attentionworkbench.viewers.heatmap.HeatmapOverlay;
import org.attentionworkbench.viewers.heatmap.ValueRange;
import org.attentionworkbench.viewers.charts.LayerScatter;
import org.attentionworkbench.viewers.charts.StatsHeatmap;
import org.attentionworkbench.viewers.text.HeadView;
import org.attentionworkbench.viewers.text.ModelView;

/**
 * Every view with synthetic data in one window, for looking at (docs/viewers-gallery.png).
 * Run under Xvfb: see the report.
 */
public class ViewersGallery extends Application {
    static final int G = 14;
    static final int LAYERS = 12;
    static final int HEADS = 12;

    /** Entry point on a plain class path (a main in an Application subclass needs JavaFX as modules). */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(ViewersGallery.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        // Image viewer with heatmap: a synthetic 448x448 "photo", a blob of attention, its contour.
        HeatmapOverlay overlay = new HeatmapOverlay(photo(448));
        float[] grid = blob(G, 4.5, 5.5, 2.2, 0);
        overlay.setGrid(grid, G, G);
        overlay.setColormap(Colormap.INFERNO);
        overlay.setHeatmapOpacity(0.55);
        overlay.setHighlightedCell(new GridCell(4, 5));
        overlay.setContours(List.of(circle(4.5f + 0.5f, 5.5f + 0.5f, 3.2f)));
        overlay.hoveredCellProperty().addListener((obs, o, c) -> {
            if (c != null) {
                overlay.setGrid(blob(G, c.x(), c.y(), 2.2, 0), G, G);
                overlay.setHighlightedCell(c);
            }
        });
        ColorLegend legend = new ColorLegend(Colormap.INFERNO, ValueRange.of(grid));
        legend.setTitle("attention");
        HBox imageBox = new HBox(6, overlay, legend);
        HBox.setHgrow(overlay, Priority.ALWAYS);

        // Per-head maps, layers x heads, with the fused column.
        SmallMultiples multiples = new SmallMultiples();
        multiples.setData(LAYERS, HEADS, G, G, true, (l, h) -> blob(G, 3 + (h * 7 + l) % 9, 2 + (h * 5 + l * 3) % 10,
                1 + 0.4 * l, h == LayerHead.ALL_HEADS ? 0.3 : 0.05 * l));
        multiples.setSelection(new LayerHead(11, 3));

        // Text: head view and model view on a short sentence.
        String[] tokens = {"[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]"};
        int n = tokens.length;
        float[] att = textAttention(4, 6, n);
        HeadView headView = new HeadView();
        headView.setData(tokens, 4, 6, att);
        headView.setLayer(2);
        ModelView modelView = new ModelView();
        modelView.setAttention(att, 4, 6, n, true);
        modelView.setSelection(new LayerHead(2, 1));

        // Statistics: mean attention distance grows with depth.
        float[] dist = new float[LAYERS * HEADS];
        java.util.Random r = new java.util.Random(7);
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                dist[l * HEADS + h] = (float) (20 + l * 8 * r.nextDouble() + 40 * l / (double) LAYERS + r.nextGaussian() * 6);
            }
        }
        StatsHeatmap stats = new StatsHeatmap();
        stats.setMetric("mean distance (px)");
        stats.setData(dist, LAYERS, HEADS);
        stats.setSelection(new LayerHead(5, 7));
        LayerScatter scatter = new LayerScatter();
        scatter.setData(dist, LAYERS, HEADS, "mean attention distance (px)");
        scatter.setSelection(new LayerHead(5, 7));
        scatter.setLegendVisible(false);

        GridPane root = new GridPane(10, 10);
        root.setPadding(new Insets(10));
        root.add(titled("HeatmapOverlay + ColorLegend (hover = live row)", imageBox, 500, 470), 0, 0);
        root.add(titled("SmallMultiples: layers x heads, All = fused", multiples, 560, 470), 1, 0);
        root.add(titled("StatsHeatmap", stats, 460, 470), 2, 0);
        root.add(titled("HeadView (BertViz head view)", headView, 500, 470), 0, 1);
        root.add(titled("ModelView", modelView, 560, 470), 1, 1);
        root.add(titled("LayerScatter", scatter, 460, 470), 2, 1);
        stage.setTitle("Attention Workbench viewers");
        stage.setScene(new Scene(root, 1580, 980));
        stage.show();
    }

    private static VBox titled(String title, javafx.scene.Node node, double w, double h) {
        Label l = new Label(title);
        l.setStyle("-fx-font-weight: bold");
        VBox box = new VBox(4, l, node);
        VBox.setVgrow(node, Priority.ALWAYS);
        box.setPrefSize(w, h);
        box.setMinSize(w, h);
        box.setMaxSize(w, h);
        return box;
    }

    /** A synthetic picture: sky, ground, a sun and a box, so the overlay has something under it. */
    static WritableImage photo(int s) {
        WritableImage img = new WritableImage(s, s);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double u = x / (double) s;
                double v = y / (double) s;
                int argb;
                if (Math.hypot(u - 0.72, v - 0.25) < 0.1) {
                    argb = 0xfff4d03f;
                } else if (u > 0.2 && u < 0.5 && v > 0.35 && v < 0.7) {
                    argb = 0xffa04030;
                } else if (v > 0.6) {
                    argb = 0xff3f7f3f + ((int) (30 * Math.sin(x * 0.3)) & 0x1f);
                } else {
                    int b = 200 + (int) (55 * (1 - v));
                    argb = 0xff000000 | (120 << 16) | (170 << 8) | Math.min(255, b);
                }
                img.getPixelWriter().setArgb(x, y, argb);
            }
        }
        return img;
    }

    /** A Gaussian bump at cell centre (cx, cy) with spread sigma (cells), plus a floor. */
    static float[] blob(int g, double cx, double cy, double sigma, double floor) {
        float[] v = new float[g * g];
        for (int y = 0; y < g; y++) {
            for (int x = 0; x < g; x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                v[y * g + x] = (float) (floor + Math.exp(-d2 / (2 * sigma * sigma)));
            }
        }
        return v;
    }

    static float[] circle(float cx, float cy, float r) {
        List<Float> pts = new ArrayList<>();
        for (int i = 0; i <= 48; i++) {
            double a = 2 * Math.PI * i / 48;
            pts.add((float) (cx + r * Math.cos(a)));
            pts.add((float) (cy + 0.8 * r * Math.sin(a)));
        }
        float[] out = new float[pts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pts.get(i);
        }
        return out;
    }

    /** Softmax rows with head-specific patterns: previous token, next token, [CLS], self, broad. */
    static float[] textAttention(int layers, int heads, int n) {
        float[] a = new float[layers * heads * n * n];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int q = 0; q < n; q++) {
                    double[] s = new double[n];
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        double logit = switch ((h + l) % 5) {
                            case 0 -> k == q - 1 ? 4 : 0;
                            case 1 -> k == q + 1 ? 4 : 0;
                            case 2 -> k == 0 ? 3.5 : 0;
                            case 3 -> k == q ? 3 : 0;
                            default -> -Math.abs(k - q) * 0.4;
                        };
                        s[k] = Math.exp(logit);
                        sum += s[k];
                    }
                    for (int k = 0; k < n; k++) {
                        a[((l * heads + h) * n + q) * n + k] = (float) (s[k] / sum);
                    }
                }
            }
        }
        return a;
    }
}
