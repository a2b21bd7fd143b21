package org.attentionworkbench.viewers.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.attentionworkbench.viewers.heatmap.Colormap;

/**
 * A whole {@link FigureContent} as a scrollable grid of small multiples: the notes on top, then one
 * card per scalar block, plot, heatmap and table. Plots are JavaFX line or scatter charts; a log axis
 * plots log10 of the values with ticks labelled as powers of ten and "(log)" after the axis name.
 * Heatmaps have a colour scale beside them: viridis from min to max, or blue–white–red symmetric about
 * zero when diverging (the same colours as the app's PNGs). Hovering a point or a cell shows its values
 * under the card and in {@link #hoverTextProperty()}.
 */
public class FigureView extends ScrollPane {
    public static final String STYLE_CLASS = "figure-view";
    public static final String CARD_STYLE_CLASS = "figure-card";
    public static final String TITLE_STYLE_CLASS = "figure-title";
    public static final String READOUT_STYLE_CLASS = "figure-readout";
    public static final String HEATMAP_STYLE_CLASS = "figure-heatmap";
    /** Width of a card (two fit side by side beside the Labs page's form at 1280 pixels) and of the chart in it. */
    public static final double CARD_WIDTH = 370;
    private static final double CHART_WIDTH = CARD_WIDTH - 14;
    public static final double CHART_HEIGHT = 260;
    /** Points per curve drawn at most (longer curves are thinned evenly; the CSV keeps them all). */
    static final int MAX_POINTS = 2000;
    /** Rows of a table shown at most. */
    static final int MAX_TABLE_ROWS = 40;
    /** How near (pixels) the pointer must be to a point for its values to show. */
    private static final double HOVER_RADIUS = 24;
    private static final double LEGEND_WIDTH = 80;

    private final ObjectProperty<FigureContent> figures = new SimpleObjectProperty<>(this, "figures", FigureContent.EMPTY);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final VBox body = new VBox(10);
    private final FlowPane cards = new FlowPane(10, 10);
    private final Label placeholder = new Label("No figures yet.");

    public FigureView() {
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(FigureView.class.getResource("figure-view.css").toExternalForm());
        setFitToWidth(true);
        body.setPadding(new Insets(10));
        body.setFillWidth(true);
        cards.setRowValignment(VPos.TOP);
        setContent(body);
        placeholder.setWrapText(true);
        figures.addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    public final ObjectProperty<FigureContent> figuresProperty() { return figures; }
    public final FigureContent getFigures() { return figures.get(); }
    /** Shows these figures; null shows nothing. */
    public final void setFigures(FigureContent f) { figures.set(f == null ? FigureContent.EMPTY : f); }

    /** "curve: x = 3, y = 9" or "row a, col 2: 0.5" for what is under the pointer; empty off the data. */
    public final ReadOnlyStringProperty hoverTextProperty() { return hoverText.getReadOnlyProperty(); }
    public final String getHoverText() { return hoverText.get(); }

    /** The text shown while there are no figures. */
    public final void setPlaceholderText(String text) { placeholder.setText(text); }

    /** The cards in display order (their user data is the figure's id; "scalars" for the scalar block). */
    public List<Node> cards() {
        return List.copyOf(cards.getChildren());
    }

    /** The card of the figure with this id, or null. */
    public Node card(String id) {
        return cards.getChildren().stream().filter(n -> id.equals(n.getUserData())).findFirst().orElse(null);
    }

    private void rebuild() {
        hoverText.set("");
        cards.getChildren().clear();
        body.getChildren().clear();
        FigureContent f = figures.get();
        boolean empty = f.plots().isEmpty() && f.heatmaps().isEmpty() && f.tables().isEmpty() && f.scalars().isEmpty()
                && f.notes().isEmpty();
        if (empty) {
            body.getChildren().add(placeholder);
            return;
        }
        if (!f.title().isEmpty()) {
            Label title = wrapping(new Label(f.title()));
            title.getStyleClass().add(TITLE_STYLE_CLASS);
            body.getChildren().add(title);
        }
        for (String n : f.notes()) {
            body.getChildren().add(wrapping(new Label("• " + n)));
        }
        if (!f.scalars().isEmpty()) {
            cards.getChildren().add(scalarCard(f.scalars()));
        }
        f.plots().forEach(p -> cards.getChildren().add(plotCard(p)));
        f.heatmaps().forEach(h -> cards.getChildren().add(heatmapCard(h)));
        f.tables().forEach(t -> cards.getChildren().add(tableCard(t)));
        body.getChildren().add(cards);
    }

    // ---- cards -------------------------------------------------------------------------------

    private VBox card(String id, String title, Node content, Label readout) {
        Label t = wrapping(new Label(title == null || title.isEmpty() ? id : title));
        t.getStyleClass().add(TITLE_STYLE_CLASS);
        VBox card = new VBox(4, t, content);
        if (readout != null) {
            card.getChildren().add(readout);
        }
        card.getStyleClass().add(CARD_STYLE_CLASS);
        card.setUserData(id);
        card.setMinWidth(CARD_WIDTH);
        card.setPrefWidth(CARD_WIDTH);
        card.setMaxWidth(CARD_WIDTH);
        card.setMaxHeight(Region.USE_PREF_SIZE); // a flow pane would stretch it to its row's height
        return card;
    }

    private Label readout() {
        Label l = wrapping(new Label(" "));
        l.getStyleClass().add(READOUT_STYLE_CLASS);
        return l;
    }

    /** Sets the card's readout and the view's hover text (a blank keeps the card's height). */
    private Consumer<String> reporter(Label readout) {
        return text -> {
            readout.setText(text.isEmpty() ? " " : text);
            hoverText.set(text);
        };
    }

    private Node scalarCard(Map<String, Double> scalars) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(2);
        int r = 0;
        for (Map.Entry<String, Double> e : scalars.entrySet()) {
            grid.add(wrapping(new Label(e.getKey())), 0, r);
            Label v = new Label(number(e.getValue()));
            v.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(v, 1, r++);
        }
        return card("scalars", "Scalars", grid, null);
    }

    private Node plotCard(FigureContent.Plot p) {
        Label readout = readout();
        NumberAxis x = axis(p.xLabel(), p.logX(), values(p, true));
        NumberAxis y = axis(p.yLabel(), p.logY(), values(p, false));
        XYChart<Number, Number> chart;
        if (p.lines()) {
            LineChart<Number, Number> lc = new LineChart<>(x, y);
            lc.setCreateSymbols(p.points());
            lc.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
            chart = lc;
        } else {
            chart = new ScatterChart<>(x, y);
        }
        chart.setAnimated(false);
        chart.setLegendVisible(p.curves().size() > 1);
        // every legend row beyond the second takes plot height: grow the chart so the axis label keeps room
        double height = CHART_HEIGHT + 22 * Math.max(0, p.curves().size() - 2);
        chart.setPrefSize(CHART_WIDTH, height);
        chart.setMinSize(CHART_WIDTH, height);
        // log10(1) = 0: a zero line there would read as a special value
        chart.setHorizontalZeroLineVisible(!p.logY());
        chart.setVerticalZeroLineVisible(!p.logX());
        List<double[][]> raw = new ArrayList<>(); // per series: the drawn points' own (x, y), for the readout
        for (FigureContent.Curve c : p.curves()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(c.name());
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < c.x().length; i++) {
                if (drawable(c.x()[i], p.logX()) && drawable(c.y()[i], p.logY())) {
                    kept.add(i);
                }
            }
            int stride = Math.max(1, (int) Math.ceil(kept.size() / (double) MAX_POINTS));
            List<double[]> pts = new ArrayList<>();
            for (int k = 0; k < kept.size(); k += stride) {
                int i = kept.get(k);
                s.getData().add(new XYChart.Data<>(scale(c.x()[i], p.logX()), scale(c.y()[i], p.logY())));
                pts.add(new double[] {c.x()[i], c.y()[i]});
            }
            raw.add(pts.toArray(double[][]::new));
            chart.getData().add(s);
        }
        Consumer<String> report = reporter(readout);
        chart.setOnMouseMoved(e -> report.accept(nearest(p, chart, x, y, raw, e.getSceneX(), e.getSceneY())));
        chart.setOnMouseExited(e -> report.accept(""));
        return card(p.id(), p.title(), chart, readout);
    }

    /** The curve point nearest the pointer (in pixels), described with its own values; "" when none is near. */
    private static String nearest(FigureContent.Plot p, XYChart<Number, Number> chart, NumberAxis x, NumberAxis y,
                                  List<double[][]> raw, double sceneX, double sceneY) {
        Point2D px = x.sceneToLocal(sceneX, sceneY);
        Point2D py = y.sceneToLocal(sceneX, sceneY);
        double best = HOVER_RADIUS * HOVER_RADIUS;
        String text = "";
        for (int s = 0; s < chart.getData().size(); s++) {
            List<XYChart.Data<Number, Number>> data = chart.getData().get(s).getData();
            for (int i = 0; i < data.size(); i++) {
                double dx = x.getDisplayPosition(data.get(i).getXValue()) - px.getX();
                double dy = y.getDisplayPosition(data.get(i).getYValue()) - py.getY();
                double d = dx * dx + dy * dy;
                if (d <= best) {
                    best = d;
                    double[] v = raw.get(s)[i];
                    text = String.format(Locale.ROOT, "%s: %s = %s, %s = %s", p.curves().get(s).name(),
                            name(p.xLabel(), "x"), number(v[0]), name(p.yLabel(), "y"), number(v[1]));
                }
            }
        }
        return text;
    }

    private Node heatmapCard(FigureContent.Heatmap h) {
        Label readout = readout();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : h.values()) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) { // nothing finite
            lo = 0;
            hi = 0;
        }
        double absMax = Math.max(Math.abs(lo), Math.abs(hi));
        double min = h.diverging() ? -absMax : lo;
        double max = h.diverging() ? absMax : hi;
        // drawn at its shown size, each pixel the colour of its cell: crisp cells on every pipeline
        // (ImageView's smooth = false is not honoured by all of them)
        double fit = Math.min((CHART_WIDTH - LEGEND_WIDTH - 10) / h.cols(), (CHART_HEIGHT - 10) / h.rows());
        int w = Math.max(1, (int) Math.round(h.cols() * fit));
        int ht = Math.max(1, (int) Math.round(h.rows() * fit));
        WritableImage img = new WritableImage(w, ht);
        PixelWriter pw = img.getPixelWriter();
        float[] values = h.values();
        for (int y = 0; y < ht; y++) {
            int r = Math.min(h.rows() - 1, (int) ((long) y * h.rows() / ht));
            for (int x = 0; x < w; x++) {
                int c = Math.min(h.cols() - 1, (int) ((long) x * h.cols() / w));
                pw.setArgb(x, y, colour(values[r * h.cols() + c], min, max, h.diverging()));
            }
        }
        ImageView view = new ImageView(img);
        view.getStyleClass().add(HEATMAP_STYLE_CLASS);
        view.setFitWidth(w);
        view.setFitHeight(ht);
        Consumer<String> report = reporter(readout);
        view.setOnMouseMoved(e -> {
            int c = Math.min(h.cols() - 1, Math.max(0, (int) (e.getX() / view.getFitWidth() * h.cols())));
            int r = Math.min(h.rows() - 1, Math.max(0, (int) (e.getY() / view.getFitHeight() * h.rows())));
            report.accept(cellText(h, r, c));
        });
        view.setOnMouseExited(e -> report.accept(""));
        HBox box = new HBox(10, view, legend(min, max, h.diverging(), view.getFitHeight()));
        box.setAlignment(Pos.CENTER_LEFT);
        Label size = new Label(h.rows() + " × " + h.cols() + (h.diverging() ? ", centred on 0" : ""));
        size.setMinWidth(Region.USE_PREF_SIZE);
        return card(h.id(), h.title(), new VBox(2, box, size), readout);
    }

    /** "row a, col 3: 0.25" (labels when the heatmap has them, else indices from 0). */
    static String cellText(FigureContent.Heatmap h, int r, int c) {
        String row = h.rowLabels().isEmpty() ? Integer.toString(r) : h.rowLabels().get(r);
        String col = h.colLabels().isEmpty() ? Integer.toString(c) : h.colLabels().get(c);
        return "row " + row + ", col " + col + ": " + number(h.values()[r * h.cols() + c]);
    }

    /** A vertical colour bar with the values at its top, middle and bottom. */
    private static Node legend(double min, double max, boolean diverging, double height) {
        int h = Math.max(40, (int) Math.round(height));
        WritableImage ramp = new WritableImage(12, h);
        for (int y = 0; y < h; y++) {
            double v = max - (max - min) * y / (h - 1.0);
            int argb = colour((float) v, min, max, diverging);
            for (int x = 0; x < 12; x++) {
                ramp.getPixelWriter().setArgb(x, y, argb);
            }
        }
        Label top = new Label(number(max));
        Label mid = new Label(number((min + max) / 2));
        Label bottom = new Label(number(min));
        Region gap1 = new Region();
        Region gap2 = new Region();
        VBox.setVgrow(gap1, Priority.ALWAYS);
        VBox.setVgrow(gap2, Priority.ALWAYS);
        VBox ticks = new VBox(top, gap1, mid, gap2, bottom);
        ticks.setPrefHeight(h);
        ticks.setMinWidth(Region.USE_PREF_SIZE);
        HBox legend = new HBox(4, new ImageView(ramp), ticks);
        legend.getStyleClass().add("figure-legend");
        return legend;
    }

    /**
     * Opaque ARGB for v: viridis over [min, max], or blue (−) – white (0) – red (+) scaled by the larger
     * end when diverging; grey for NaN.
     */
    static int colour(float v, double min, double max, boolean diverging) {
        if (!Float.isFinite(v)) {
            return 0xff808080;
        }
        if (diverging) {
            double m = Math.max(Math.abs(min), Math.abs(max));
            double s = m == 0 ? 0 : Math.max(-1, Math.min(1, v / m));
            int r = s >= 0 ? 255 : (int) Math.round(255 * (1 + s));
            int b = s >= 0 ? (int) Math.round(255 * (1 - s)) : 255;
            int g = s >= 0 ? b : r;
            return 0xff000000 | (r << 16) | (g << 8) | b;
        }
        return Colormap.VIRIDIS.argb(max > min ? (v - min) / (max - min) : 0);
    }

    private Node tableCard(FigureContent.Table t) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(2);
        for (int c = 0; c < t.header().size(); c++) {
            Label l = new Label(t.header().get(c));
            l.getStyleClass().add(TITLE_STYLE_CLASS);
            l.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(l, c, 0);
        }
        int shown = Math.min(MAX_TABLE_ROWS, t.rows().size());
        for (int r = 0; r < shown; r++) {
            List<String> row = t.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                Label l = new Label(row.get(c));
                l.setMinWidth(Region.USE_PREF_SIZE);
                grid.add(l, c, r + 1);
            }
        }
        ScrollPane scroll = new ScrollPane(grid); // a wide or long table scrolls inside its card
        scroll.setPrefViewportHeight(Math.min(CHART_HEIGHT, 22.0 * (shown + 1) + 8));
        scroll.setFitToHeight(false);
        VBox content = new VBox(2, scroll);
        if (t.rows().size() > shown) {
            content.getChildren().add(wrapping(new Label("… and " + (t.rows().size() - shown)
                    + " more rows (all of them in the exported CSV)")));
        }
        return card(t.id(), t.title(), content, null);
    }

    // ---- axes and numbers --------------------------------------------------------------------

    private static List<Double> values(FigureContent.Plot p, boolean x) {
        List<Double> out = new ArrayList<>();
        for (FigureContent.Curve c : p.curves()) {
            for (int i = 0; i < c.x().length; i++) {
                if (drawable(c.x()[i], p.logX()) && drawable(c.y()[i], p.logY())) {
                    out.add(scale(x ? c.x()[i] : c.y()[i], x ? p.logX() : p.logY()));
                }
            }
        }
        return out;
    }

    /**
     * A linear axis (auto range), or for log data an axis of log10 values from a whole power of ten
     * to a whole power of ten, ticks labelled 10ⁿ, and "(log)" after the name.
     */
    static NumberAxis axis(String label, boolean log, List<Double> drawn) {
        String name = label == null ? "" : label;
        if (!log) {
            NumberAxis a = new NumberAxis();
            a.setLabel(name);
            a.setForceZeroInRange(false);
            return a;
        }
        double lo = drawn.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = drawn.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double lower = Math.floor(lo);
        double upper = Math.ceil(hi);
        if (upper <= lower) {
            upper = lower + 1;
        }
        double unit = Math.max(1, Math.ceil((upper - lower) / 6));
        NumberAxis a = new NumberAxis(lower, upper, unit);
        a.setLabel(name.isEmpty() ? "(log)" : name + " (log)");
        a.setMinorTickCount(0);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return powerOfTen(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        return a;
    }

    /** 2 → "10²", −3 → "10⁻³", 0 → "1"; a fractional exponent gives the plain number. */
    static String powerOfTen(double exponent) {
        long k = Math.round(exponent);
        if (Math.abs(exponent - k) > 1e-9) {
            return number(Math.pow(10, exponent));
        }
        if (k == 0) {
            return "1";
        }
        StringBuilder sb = new StringBuilder("10");
        for (char ch : Long.toString(k).toCharArray()) {
            sb.append(ch == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(ch - '0'));
        }
        return sb.toString();
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double scale(double v, boolean log) {
        return log ? Math.log10(v) : v;
    }

    /** Four significant digits, no exponent for ordinary sizes. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e6 ? stripZeros(String.format(Locale.ROOT, "%.4g", v))
                : String.format(Locale.ROOT, "%.3e", v);
    }

    private static String number(Double v) {
        return v == null ? "NaN" : number(v.doubleValue());
    }

    private static String stripZeros(String s) {
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String name(String label, String fallback) {
        return label == null || label.isEmpty() ? fallback : label;
    }

    private static Label wrapping(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
