package org.attentionworkbench.app.anomaly.view;

import java.util.Locale;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.stage.FileChooser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.anomaly.refiner.OneNipRefiner;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.attentionworkbench.app.anomaly.InspectionModel;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;

/**
 * The scorer of the next run: every {@link AnomalyInspector.Method} (built from {@code values()}, so a
 * scorer added to compute shows up here with a name made from its constant) and k for the scorers that
 * average the k nearest prompt patches, and the optional trained refiner. Bound to the model's method,
 * neighbours and refiner.
 */
final class ScorerChoice extends HBox {
    /** Methods that take k (the others ignore it, so the spinner is off for them); AUTO is the k-NN scorer. */
    private static final Set<String> WITH_K = Set.of("AUTO", "NEAREST_NEIGHBOURS", "MEMORY_BANK");

    private final ComboBox<AnomalyInspector.Method> method = new ComboBox<>();
    private final Spinner<Integer> k = new Spinner<>(1, 64, AnomalyInspector.Settings.DEFAULT_NEIGHBOURS);
    private final MenuButton refiner;

    ScorerChoice(InspectionModel model) {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add(AnomalyStyles.SCORER);
        method.getItems().setAll(AnomalyInspector.Method.values());
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(AnomalyInspector.Method m) {
                return m == null ? "" : readable(m);
            }

            @Override
            public AnomalyInspector.Method fromString(String s) {
                return method.getItems().stream().filter(m -> readable(m).equals(s)).findFirst().orElse(null);
            }
        });
        method.valueProperty().bindBidirectional(model.methodProperty());
        method.setTooltip(new Tooltip("How a target patch is compared with the normal prompt's patches; the next "
                + "Run uses it"));
        k.setEditable(true);
        k.setPrefWidth(70);
        SpinnerValueFactory<Integer> f = k.getValueFactory();
        f.setValue(Math.max(1, model.neighboursProperty().get()));
        f.valueProperty().addListener((obs, old, now) -> model.neighboursProperty().set(now == null ? 1 : now));
        model.neighboursProperty().addListener((obs, old, now) -> {
            if (!now.equals(f.getValue())) {
                f.setValue(now.intValue());
            }
        });
        k.setTooltip(new Tooltip("k: the score is the mean distance to the k most similar prompt patches (1: the "
                + "nearest, PatchCore's rule)"));
        Label kLabel = new Label("k");
        k.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !usesK(model.methodProperty().get()), model.methodProperty()));
        kLabel.disableProperty().bind(k.disableProperty());
        refiner = refinerMenu(model);
        getChildren().addAll(new Label("Scorer"), method, kLabel, k, refiner);
    }

    /**
     * The refiner of the next run: a trained file (workbench anomaly-refiner) or none, and whether its output
     * is added to the scorer's map or replaces it. The button shows the file's name.
     */
    private MenuButton refinerMenu(InspectionModel model) {
        MenuButton b = new MenuButton();
        b.getStyleClass().add(AnomalyStyles.REFINER);
        MenuItem choose = new MenuItem("Choose refiner file…");
        choose.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Refiner trained with workbench anomaly-refiner");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Refiner (*.safetensors)", "*.safetensors"));
            Path current = model.refinerProperty().get();
            if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
                fc.setInitialDirectory(current.getParent().toFile());
            }
            java.io.File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                model.refinerProperty().set(f.toPath());
            }
        });
        MenuItem none = new MenuItem("No refiner");
        none.setOnAction(e -> model.refinerProperty().set(null));
        none.disableProperty().bind(model.refinerProperty().isNull());
        ToggleGroup modes = new ToggleGroup();
        RadioMenuItem add = new RadioMenuItem("Add to the scorer's map");
        add.setUserData(OneNipRefiner.Mode.ADD);
        RadioMenuItem replace = new RadioMenuItem("Replace the scorer's map");
        replace.setUserData(OneNipRefiner.Mode.REPLACE);
        modes.getToggles().addAll(add, replace);
        modes.selectToggle(model.refinerModeProperty().get() == OneNipRefiner.Mode.REPLACE ? replace : add);
        modes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.refinerModeProperty().set((OneNipRefiner.Mode) now.getUserData());
            }
        });
        b.getItems().addAll(choose, none, new SeparatorMenuItem(), add, replace);
        b.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Path p = model.refinerProperty().get();
            return p == null ? "No refiner" : "Refiner: " + p.getFileName();
        }, model.refinerProperty()));
        b.setTooltip(new Tooltip("A refiner trained on this part's normal images (workbench anomaly-refiner) sharpens "
                + "the map; the next Run uses it"));
        return b;
    }

    MenuButton refiner() {
        return refiner;
    }

    ComboBox<AnomalyInspector.Method> method() {
        return method;
    }

    Spinner<Integer> k() {
        return k;
    }

    static boolean usesK(AnomalyInspector.Method m) {
        return m != null && WITH_K.contains(m.name());
    }

    /** A name a QA user reads; a scorer this page does not know yet gets one from its constant. */
    static String readable(AnomalyInspector.Method m) {
        return switch (m.name()) {
            case "AUTO" -> "Default (k-NN, chosen by the protocol)";
            case "RECONSTRUCTION" -> "Reconstruction (softmax)";
            case "MEMORY_BANK" -> "Memory bank (coreset)";
            case "NEAREST_NEIGHBOURS" -> "Nearest neighbours (k-NN)";
            case "CORRELATION" -> "FOD correlation (intra vs inter)";
            default -> {
                String s = m.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                yield Character.toUpperCase(s.charAt(0)) + s.substring(1);
            }
        };
    }
}
