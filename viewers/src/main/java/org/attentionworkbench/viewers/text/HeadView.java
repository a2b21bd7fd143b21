package org.attentionworkbench.viewers.text;

import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.StringConverter;

/**
 * BertViz's head view on the desktop: the tokens twice, queries on the left and keys on the right,
 * joined by one line per (head, query, key) whose opacity and width follow the attention weight;
 * each head has its own colour. Hover a left token to keep only its lines (where it attends), a
 * right token to keep only the lines into it (who attends to it). A chip per head turns heads on
 * and off; the layer is chosen above.
 *
 * <p>Data: tokens[N], layers L, heads H, attention [L, H, N, N] row-major, rows = queries.
 */
public class HeadView extends Region {
    public static final String STYLE_CLASS = "head-view";
    public static final String TOOLBAR_STYLE_CLASS = "head-view-toolbar";
    public static final String HEAD_CHIP_STYLE_CLASS = "head-chip";

    private static final double TOOLBAR_GAP = 6;
    private static final double ROW_HEIGHT = 20;
    private static final double MIN_ROW_HEIGHT = 9;
    private static final double TOKEN_PAD = 6;
    private static final double BAND = 160;

    private final ObjectProperty<String[]> tokens = new SimpleObjectProperty<>(this, "tokens", new String[0]);
    private final IntegerProperty layers = new SimpleIntegerProperty(this, "layers");
    private final IntegerProperty heads = new SimpleIntegerProperty(this, "heads");
    private final ObjectProperty<float[]> attention = new SimpleObjectProperty<>(this, "attention");
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer");
    private final ObservableSet<Integer> selectedHeads = FXCollections.observableSet();
    private final ObjectProperty<TokenFocus> focus = new SimpleObjectProperty<>(this, "focus");
    private final DoubleProperty minWeight = new SimpleDoubleProperty(this, "minWeight", 0.01);
    private final ReadOnlyIntegerWrapper visibleLineCount = new ReadOnlyIntegerWrapper(this, "visibleLineCount");

    private final ChoiceBox<Integer> layerChoice = new ChoiceBox<>();
    private final FlowPane chips = new FlowPane(4, 2);
    private final VBox toolbar = new VBox(2);
    private final Canvas canvas = new Canvas();
    private final Text measure = new Text();
    private boolean dirty = true;
    private boolean syncingChips;
    // Geometry of the last drawing.
    private double rowH = ROW_HEIGHT;
    private double top;
    private double leftX;
    private double rightX;
    private double colW;

    public HeadView() {
        getStyleClass().add(STYLE_CLASS);
        toolbar.getStyleClass().add(TOOLBAR_STYLE_CLASS);
        layerChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer l) { return l == null ? "" : "Layer " + l; }

            @Override
            public Integer fromString(String s) { return Integer.valueOf(s.replace("Layer ", "")); }
        });
        layerChoice.valueProperty().addListener((obs, old, l) -> {
            if (l != null) {
                layer.set(l);
            }
        });
        layer.addListener((obs, old, l) -> layerChoice.setValue(l.intValue()));
        Button all = new Button("All heads");
        all.setOnAction(e -> selectAllHeads());
        Label layerLabel = new Label("Layer");
        for (Region r : List.of(layerLabel, layerChoice, all)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox controls = new HBox(TOOLBAR_GAP, layerLabel, layerChoice, all);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        toolbar.getChildren().addAll(controls, chips);
        getChildren().addAll(toolbar, canvas);

        for (Observable o : List.of(tokens, layers, heads)) {
            o.addListener(obs -> rebuildControls());
        }
        for (Observable o : List.of(attention, layer, focus, minWeight)) {
            o.addListener(obs -> redraw());
        }
        selectedHeads.addListener((SetChangeListener<Integer>) c -> {
            syncChips();
            redraw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> setFocus(tokenAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> setFocus(null));
    }

    /** Sets everything at once; all heads selected, layer 0, no focus. */
    public void setData(String[] tokens, int layers, int heads, float[] attention) {
        int n = tokens.length;
        if (attention.length != (long) layers * heads * n * n) {
            throw new IllegalArgumentException("attention has " + attention.length + " values, not "
                    + layers + " x " + heads + " x " + n + " x " + n);
        }
        this.attention.set(null);
        this.tokens.set(tokens.clone());
        this.layers.set(layers);
        this.heads.set(heads);
        this.layer.set(Math.min(this.layer.get(), Math.max(0, layers - 1)));
        this.focus.set(null);
        this.attention.set(attention);
        selectAllHeads();
    }

    // ---- properties --------------------------------------------------------------------------

    public final ObjectProperty<String[]> tokensProperty() { return tokens; }
    public final String[] getTokens() { return tokens.get(); }
    public final IntegerProperty layersProperty() { return layers; }
    public final IntegerProperty headsProperty() { return heads; }
    public final ObjectProperty<float[]> attentionProperty() { return attention; }
    /** The layer shown. */
    public final IntegerProperty layerProperty() { return layer; }
    public final int getLayer() { return layer.get(); }
    public final void setLayer(int l) { layer.set(l); }
    /** The heads drawn (the chips edit this set). */
    public final ObservableSet<Integer> getSelectedHeads() { return selectedHeads; }
    /** The token singled out (hover sets it); null = all lines. */
    public final ObjectProperty<TokenFocus> focusProperty() { return focus; }
    public final TokenFocus getFocus() { return focus.get(); }
    public final void setFocus(TokenFocus f) { if (!Objects.equals(f, focus.get())) { focus.set(f); } }
    /** Lines below this weight are not drawn (they would be invisible anyway). */
    public final DoubleProperty minWeightProperty() { return minWeight; }
    /** How many lines the last drawing drew (for tests and a status line). */
    public final ReadOnlyIntegerProperty visibleLineCountProperty() { return visibleLineCount.getReadOnlyProperty(); }
    public final int getVisibleLineCount() { return visibleLineCount.get(); }

    public void selectAllHeads() {
        for (int h = 0; h < heads.get(); h++) {
            selectedHeads.add(h);
        }
        selectedHeads.removeIf(h -> h >= heads.get());
    }

    /** Where a token's text sits (its centre, local coordinates), for popups and tests. */
    public Point2D tokenCentre(TokenFocus.Side side, int index) {
        double y = canvas.getLayoutY() + top + (index + 0.5) * rowH;
        double x = canvas.getLayoutX() + (side == TokenFocus.Side.LEFT ? leftX - colW / 2 : rightX + colW / 2);
        return new Point2D(x, y);
    }

    @Override
    public String getUserAgentStylesheet() {
        return HeadView.class.getResource("head-view.css").toExternalForm();
    }

    // ---- layout ------------------------------------------------------------------------------

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + Math.max(toolbar.prefWidth(-1), 2 * columnWidth() + BAND) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + toolbar.prefHeight(-1) + TOOLBAR_GAP
                + tokens.get().length * ROW_HEIGHT + 2 * TOKEN_PAD + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double t = snappedTopInset();
        double w = getWidth() - left - snappedRightInset();
        double h = getHeight() - t - snappedBottomInset();
        double th = toolbar.prefHeight(w);
        toolbar.resizeRelocate(left, t, w, th);
        double ch = Math.max(0, h - th - TOOLBAR_GAP);
        if (canvas.getWidth() != w || canvas.getHeight() != ch) {
            canvas.setWidth(w);
            canvas.setHeight(ch);
            dirty = true;
        }
        canvas.relocate(left, t + th + TOOLBAR_GAP);
        if (dirty) {
            draw();
        }
    }

    private void redraw() {
        dirty = true;
        requestLayout();
    }

    private void rebuildControls() {
        layerChoice.getItems().setAll(java.util.stream.IntStream.range(0, layers.get()).boxed().toList());
        layerChoice.setValue(Math.min(layer.get(), Math.max(0, layers.get() - 1)));
        chips.getChildren().clear();
        for (int h = 0; h < heads.get(); h++) {
            int head = h;
            CheckBox chip = new CheckBox("H" + h);
            chip.getStyleClass().add(HEAD_CHIP_STYLE_CLASS);
            chip.setGraphic(new Rectangle(10, 10, HeadPalette.color(h)));
            chip.setSelected(selectedHeads.contains(h));
            chip.selectedProperty().addListener((obs, was, on) -> {
                if (syncingChips) {
                    return;
                }
                if (on) {
                    selectedHeads.add(head);
                } else {
                    selectedHeads.remove(head);
                }
            });
            chips.getChildren().add(chip);
        }
        redraw();
    }

    private void syncChips() {
        syncingChips = true;
        for (int h = 0; h < chips.getChildren().size(); h++) {
            ((CheckBox) chips.getChildren().get(h)).setSelected(selectedHeads.contains(h));
        }
        syncingChips = false;
    }

    private double columnWidth() {
        measure.setFont(Font.getDefault());
        double w = 30;
        for (String s : tokens.get()) {
            measure.setText(s);
            w = Math.max(w, measure.getLayoutBounds().getWidth());
        }
        return w + 2 * TOKEN_PAD;
    }

    private TokenFocus tokenAt(double x, double y) {
        int n = tokens.get().length;
        int i = (int) Math.floor((y - top) / rowH);
        if (y < top || i < 0 || i >= n) {
            return null;
        }
        if (x >= leftX - colW && x <= leftX) {
            return new TokenFocus(TokenFocus.Side.LEFT, i);
        }
        if (x >= rightX && x <= rightX + colW) {
            return new TokenFocus(TokenFocus.Side.RIGHT, i);
        }
        return null;
    }

    // ---- drawing -----------------------------------------------------------------------------

    private void draw() {
        dirty = false;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.clearRect(0, 0, w, h);
        String[] toks = tokens.get();
        int n = toks.length;
        float[] att = attention.get();
        int hs = heads.get();
        int l = layer.get();
        if (n == 0 || att == null || l < 0 || l >= layers.get()) {
            visibleLineCount.set(0);
            return;
        }
        // Step 1: geometry — rows shrink to fit long sequences, columns as wide as the longest token.
        rowH = Math.max(MIN_ROW_HEIGHT, Math.min(ROW_HEIGHT, (h - 2 * TOKEN_PAD) / n));
        double fontSize = Math.min(Font.getDefault().getSize(), rowH * 0.75);
        Font font = Font.font(Font.getDefault().getFamily(), fontSize);
        colW = columnWidth() * fontSize / Font.getDefault().getSize();
        top = TOKEN_PAD;
        double band = Math.max(40, Math.min(w - 2 * colW - 2 * TOKEN_PAD, 320));
        leftX = Math.max(colW + TOKEN_PAD, (w - band) / 2);
        rightX = leftX + band;
        TokenFocus f = focus.get();

        // Step 2: token backgrounds — the focused token, and on the other side each token tinted by
        // the attention it gets from (or gives to) the focused one, per selected head.
        if (f != null && f.index() < n) {
            double fx = f.side() == TokenFocus.Side.LEFT ? leftX - colW : rightX;
            gc.setFill(Color.gray(0.5, 0.35));
            gc.fillRect(fx, top + f.index() * rowH, colW, rowH);
            double ox = f.side() == TokenFocus.Side.LEFT ? rightX : leftX - colW;
            for (int head : selectedHeads) {
                Color c = HeadPalette.color(head);
                for (int j = 0; j < n; j++) {
                    double a = weight(att, l, head, n, f, j);
                    if (a >= minWeight.get()) {
                        gc.setFill(c.deriveColor(0, 1, 1, Math.min(1, a) * 0.6));
                        gc.fillRect(ox, top + j * rowH, colW, rowH);
                    }
                }
            }
        }

        // Step 3: the lines, per selected head, opacity and width from the weight.
        int lines = 0;
        double x0 = leftX + 2;
        double x1 = rightX - 2;
        for (int head : selectedHeads) {
            if (head < 0 || head >= hs) {
                continue;
            }
            Color c = HeadPalette.color(head);
            int base = (l * hs + head) * n * n;
            for (int q = 0; q < n; q++) {
                if (f != null && f.side() == TokenFocus.Side.LEFT && f.index() != q) {
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    if (f != null && f.side() == TokenFocus.Side.RIGHT && f.index() != k) {
                        continue;
                    }
                    double a = att[base + q * n + k];
                    if (!(a >= minWeight.get())) {
                        continue;
                    }
                    a = Math.min(1, a);
                    gc.setStroke(c.deriveColor(0, 1, 1, a));
                    gc.setLineWidth(0.5 + 2.5 * a);
                    gc.strokeLine(x0, top + (q + 0.5) * rowH, x1, top + (k + 0.5) * rowH);
                    lines++;
                }
            }
        }
        visibleLineCount.set(lines);

        // Step 4: the token texts, right-aligned on the left and left-aligned on the right.
        gc.setFont(font);
        gc.setFill(Color.web("#202020"));
        gc.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < n; i++) {
            double y = top + (i + 0.5) * rowH;
            gc.setTextAlign(TextAlignment.RIGHT);
            gc.fillText(toks[i], leftX - TOKEN_PAD, y);
            gc.setTextAlign(TextAlignment.LEFT);
            gc.fillText(toks[i], rightX + TOKEN_PAD, y);
        }
    }

    /** Weight between the focused token and token j on the other side (query row, key column). */
    private double weight(float[] att, int l, int head, int n, TokenFocus f, int j) {
        int base = (l * heads.get() + head) * n * n;
        return f.side() == TokenFocus.Side.LEFT ? att[base + f.index() * n + j] : att[base + j * n + f.index()];
    }
}
