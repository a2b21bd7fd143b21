package org.attentionworkbench.viewers.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FigureViewTest {
    private FigureView view;

    static FigureContent content() {
        double[] x = {1, 10, 100, 1000};
        double[] y = {1e-3, 1e-2, 0.1, 1};
        return new FigureContent("Demo set",
                List.of(new FigureContent.Plot("loglog", "Error against n", "n", "error", true, true, true, false,
                                List.of(new FigureContent.Curve("gd", x, y), new FigureContent.Curve("bad", new double[] {-1, 5},
                                        new double[] {0, 2}))),
                        new FigureContent.Plot("scatter", "Linear", "a", "b", false, false, false, true,
                                List.of(new FigureContent.Curve("pts", new double[] {0, 1, 2}, new double[] {5, 6, Double.NaN})))),
                List.of(new FigureContent.Heatmap("w", "Weights", 2, 3, new float[] {-2, -1, 0, 1, 2, 0.5f},
                        List.of("q", "k"), List.of(), true)),
                List.of(new FigureContent.Table("t", "Table", List.of("name", "value"), List.of(List.of("a", "1")))),
                Map.of("difference", 1.5e-7), List.of("A note."));
    }

    @Start
    void start(Stage stage) {
        view = new FigureView();
        view.setFigures(content());
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    @Test
    void everyFigureGetsACardInOrder() {
        assertEquals(List.of("scalars", "loglog", "scatter", "w", "t"), view.cards().stream().map(Node::getUserData).toList());
        assertTrue(view.card("loglog").lookupAll(".chart").stream().anyMatch(n -> n instanceof LineChart));
        assertTrue(view.card("scatter").lookupAll(".chart").stream().anyMatch(n -> n instanceof ScatterChart));
        assertTrue(texts(view).contains("• A note."), texts(view).toString());
        assertTrue(texts(view).contains("1.500e-07"), texts(view).toString());
    }

    @Test
    void logAxesPlotLog10WithPowerOfTenTicks() {
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = (LineChart<Number, Number>) view.card("loglog").lookup(".chart");
        NumberAxis x = (NumberAxis) chart.getXAxis();
        NumberAxis y = (NumberAxis) chart.getYAxis();
        assertEquals("n (log)", x.getLabel());
        assertEquals("error (log)", y.getLabel());
        assertEquals(0, x.getLowerBound(), 0);
        assertEquals(3, x.getUpperBound(), 0);
        assertEquals(-3, y.getLowerBound(), 0);
        assertEquals("10³", x.getTickLabelFormatter().toString(3));
        assertEquals("10⁻²", y.getTickLabelFormatter().toString(-2));
        XYChart.Series<Number, Number> gd = chart.getData().get(0);
        assertEquals(2.0, gd.getData().get(2).getXValue().doubleValue(), 1e-12);
        // x ≤ 0 and y ≤ 0 have no place on a log axis: the "bad" curve keeps only (5, 2)
        assertEquals(1, chart.getData().get(1).getData().size());
        assertEquals("1", FigureView.powerOfTen(0));
    }

    @Test
    void hoverOnAPointShowsItsOwnValues(FxRobot robot) {
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = (LineChart<Number, Number>) view.card("loglog").lookup(".chart");
        NumberAxis x = (NumberAxis) chart.getXAxis();
        NumberAxis y = (NumberAxis) chart.getYAxis();
        Point2D sx = x.localToScreen(x.getDisplayPosition(2), 0);
        Point2D sy = y.localToScreen(0, y.getDisplayPosition(-1));
        robot.moveTo(new Point2D(sx.getX(), sy.getY()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("gd: n = 100, error = 0.1", view.getHoverText());
    }

    @Test
    void hoverOnAHeatmapCellShowsRowColumnAndValue(FxRobot robot) {
        ImageView img = (ImageView) view.card("w").lookupAll("*").stream().filter(n -> n instanceof ImageView)
                .findFirst().orElseThrow();
        Point2D p = img.localToScreen(img.getFitWidth() * 2.5 / 3, img.getFitHeight() * 1.5 / 2);
        robot.moveTo(p);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("row k, col 2: 0.5", view.getHoverText());
    }

    @Test
    void divergingScaleIsWhiteAtZeroRedAboveBlueBelow() {
        assertEquals(0xffffffff, FigureView.colour(0, -2, 2, true));
        assertEquals(0xffff0000, FigureView.colour(2, -2, 2, true));
        assertEquals(0xff0000ff, FigureView.colour(-2, -2, 2, true));
        assertEquals(0xff808080, FigureView.colour(Float.NaN, -2, 2, true));
        assertNotNull(FigureView.colour(1, 0, 1, false));
    }

    @Test
    void emptyShowsThePlaceholder(FxRobot robot) {
        robot.interact(() -> {
            view.setPlaceholderText("Run a lab to see its figures.");
            view.setFigures(null);
        });
        assertEquals(0, view.cards().size());
        assertTrue(texts(view).contains("Run a lab to see its figures."));
    }

    private static List<String> texts(FigureView v) {
        return ((VBox) v.getContent()).lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
    }
}
