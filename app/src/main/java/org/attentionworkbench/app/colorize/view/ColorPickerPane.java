package org.attentionworkbench.app.colorize.view;

import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.collections.ObservableList;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.attentionworkbench.app.colorize.AbColour;
import org.attentionworkbench.app.colorize.ColorizeController;
import org.attentionworkbench.app.colorize.ColorizeModel;
import org.attentionworkbench.app.colorize.Palette;

/**
 * The colour picker, ideepcolor style: the ab gamut at the picked pixel's lightness (a to the right,
 * b up; drag in it to recolour the selected hint live, release to commit), the current colour,
 * colours the result already has around the pixel, the ground truth's colour there (when known,
 * for demos), and recent colours. Every swatch is drawn at the picked pixel's lightness.
 */
public final class ColorPickerPane extends VBox {
    static final int GAMUT_SIZE = 220;

    private final ColorizeModel model;
    private final ColorizeController controller;
    private final Canvas gamut = new Canvas(GAMUT_SIZE, GAMUT_SIZE);
    private final Region current = swatchRegion();
    private final Label currentText = new Label();
    private final FlowPane suggested = new FlowPane();
    private final FlowPane recent = new FlowPane();
    private final Region truth = swatchRegion();
    private final HBox truthRow;
    private final Label size = new Label();
    private WritableImage gamutImage;
    private double gamutLightness = Double.NaN;
    private AbColour dragging;

    public ColorPickerPane(ColorizeModel model, ColorizeController controller) {
        this.model = model;
        this.controller = controller;
        getStyleClass().add(ColorizeStyles.SIDE);
        gamut.getStyleClass().add(ColorizeStyles.GAMUT);
        suggested.getStyleClass().add(ColorizeStyles.SWATCHES);
        recent.getStyleClass().add(ColorizeStyles.SWATCHES);
        truth.setOnMouseClicked(e -> {
            if (model.truthColourProperty().get() != null) {
                controller.pickColour(model.truthColourProperty().get());
            }
        });
        truthRow = new HBox(6, truth, new Label("ground truth here"));
        Label help = new Label("Left-click: add a hint · drag: move · right-click: delete · wheel: size · "
                + "Ctrl+Z / Ctrl+Y: undo / redo");
        help.getStyleClass().add(ColorizeStyles.HELP);
        help.setMaxWidth(GAMUT_SIZE + 10);
        getChildren().addAll(title("Colour (ab at the pixel's L)"), gamut, new HBox(8, current, currentText),
                title("Suggested (from the result)"), suggested, truthRow, title("Recent"), recent, size, help);

        gamut.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onGamut);
        gamut.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onGamut);
        gamut.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging != null) {
                controller.pickColour(dragging);
                dragging = null;
            }
        });
        for (Observable o : List.of(model.pickLightnessProperty(), model.colourProperty(), model.suggested(),
                model.recent(), model.truthColourProperty(), model.hintSizeProperty(), model.selectedProperty())) {
            o.addListener(obs -> refresh());
        }
        refresh();
    }

    private void onGamut(MouseEvent e) {
        int px = (int) Math.floor(e.getX()), py = (int) Math.floor(e.getY());
        if (px < 0 || py < 0 || px >= GAMUT_SIZE || py >= GAMUT_SIZE || gamutImage == null
                || gamutImage.getPixelReader().getArgb(px, py) >>> 24 == 0) {
            return; // outside sRGB at this lightness
        }
        dragging = new AbColour((float) Palette.toAb(px, GAMUT_SIZE), (float) Palette.toAb(GAMUT_SIZE - 1 - py, GAMUT_SIZE));
        controller.previewColour(dragging);
        e.consume();
    }

    private void refresh() {
        double l = model.pickLightnessProperty().get();
        if (l != gamutLightness) {
            gamutLightness = l;
            gamutImage = FxPixels.write(gamutImage, Palette.gamut(l, GAMUT_SIZE), GAMUT_SIZE, GAMUT_SIZE);
        }
        AbColour c = model.colourProperty().get();
        GraphicsContext gc = gamut.getGraphicsContext2D();
        gc.setFill(Color.gray(0.18));
        gc.fillRect(0, 0, GAMUT_SIZE, GAMUT_SIZE);
        gc.drawImage(gamutImage, 0, 0);
        // axes through neutral grey
        gc.setStroke(Color.gray(0.5, 0.6));
        gc.setLineWidth(1);
        double mid = Palette.toPixel(0, GAMUT_SIZE);
        gc.strokeLine(mid, 0, mid, GAMUT_SIZE);
        gc.strokeLine(0, mid, GAMUT_SIZE, mid);
        double cx = Palette.toPixel(c.a(), GAMUT_SIZE), cy = GAMUT_SIZE - Palette.toPixel(c.b(), GAMUT_SIZE);
        gc.setStroke(Color.BLACK);
        gc.setLineWidth(2.5);
        gc.strokeOval(cx - 6, cy - 6, 12, 12);
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(1.2);
        gc.strokeOval(cx - 6, cy - 6, 12, 12);

        paint(current, l, c);
        currentText.setText(String.format(Locale.ROOT, "L %.0f   a %.1f   b %.1f%s", l, c.a(), c.b(),
                model.selectedProperty().get() == 0 ? "\n(colour of the next hint)" : "\n(selected hint)"));
        fill(suggested, model.suggested(), l);
        fill(recent, model.recent(), l);
        AbColour t = model.truthColourProperty().get();
        truthRow.setVisible(t != null);
        truthRow.setManaged(t != null);
        if (t != null) {
            paint(truth, l, t);
        }
        size.setText("Hint size: " + model.hintSizeProperty().get() + " px (mouse wheel)");
    }

    private void fill(FlowPane pane, ObservableList<AbColour> colours, double l) {
        pane.getChildren().clear();
        for (AbColour c : colours) {
            Region r = swatchRegion();
            paint(r, l, c);
            r.setOnMouseClicked(e -> controller.pickColour(c));
            pane.getChildren().add(r);
        }
    }

    private static void paint(Region r, double l, AbColour c) {
        r.setBackground(new Background(new BackgroundFill(FxPixels.color(Palette.argb(l, c)), null, null)));
        Tooltip.install(r, new Tooltip(String.format(Locale.ROOT, "a %.1f  b %.1f", c.a(), c.b())));
    }

    private static Region swatchRegion() {
        Region r = new Region();
        r.getStyleClass().add(ColorizeStyles.SWATCH);
        return r;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(ColorizeStyles.SECTION_TITLE);
        return l;
    }
}
