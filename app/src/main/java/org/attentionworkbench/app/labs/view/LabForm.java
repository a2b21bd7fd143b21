package org.attentionworkbench.app.labs.view;

import java.io.File;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.collections.ObservableMap;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabOption;

/**
 * The options form of one lab, generated from {@link Lab#options()}: a spinner for whole numbers, a
 * text field for reals and texts, a combo box for choices, a check box for flags, a field with a
 * "…" file chooser for files. Every control writes its text into the values as the user edits; the
 * values are checked when the lab runs (its error names the option).
 */
final class LabForm {
    private LabForm() {}

    /** The controls for lab, showing and editing values (option name → text). */
    static VBox of(Lab lab, ObservableMap<String, String> values, BiConsumer<String, String> set, Supplier<Window> owner) {
        VBox form = new VBox(8);
        if (lab.options().isEmpty()) {
            form.getChildren().add(new Label("This lab has no options."));
        }
        for (LabOption o : lab.options()) {
            String value = values.getOrDefault(o.name(), o.defaultValue());
            Label name = new Label(o.name());
            name.getStyleClass().add(LabsStyles.OPTION_NAME);
            name.setMinWidth(Region.USE_PREF_SIZE);
            Node control = control(o, value, set, owner);
            if (control instanceof Control c) {
                c.setTooltip(new Tooltip(o.description() + " (default: " + o.defaultValue() + ")"));
            }
            Label help = new Label(o.description() + (o.defaultValue().isEmpty() ? "" : " — default " + o.defaultValue()));
            help.getStyleClass().add(LabsStyles.OPTION_HELP);
            help.setWrapText(true);
            help.setMinHeight(Region.USE_PREF_SIZE);
            // a check box carries its own name
            VBox row = o.kind() == LabOption.Kind.FLAG ? new VBox(2, control, help) : new VBox(2, name, control, help);
            row.setUserData(o.name());
            form.getChildren().add(row);
        }
        return form;
    }

    private static Node control(LabOption o, String value, BiConsumer<String, String> set, Supplier<Window> owner) {
        String id = "lab-option-" + o.name();
        switch (o.kind()) {
            case INT -> {
                Spinner<Integer> s = new Spinner<>();
                s.setEditable(true);
                int initial;
                try {
                    initial = Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    initial = 0;
                }
                s.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(Integer.MIN_VALUE, Integer.MAX_VALUE, initial));
                s.getEditor().setText(value);
                // the text as typed counts (checked at Run), not only what the spinner has committed
                s.getEditor().textProperty().addListener((obs, was, now) -> set.accept(o.name(), now));
                s.setMaxWidth(Double.MAX_VALUE);
                s.setId(id);
                return s;
            }
            case CHOICE -> {
                ComboBox<String> c = new ComboBox<>();
                c.getItems().setAll(o.choices());
                c.setValue(value);
                c.valueProperty().addListener((obs, was, now) -> set.accept(o.name(), now));
                c.setMaxWidth(Double.MAX_VALUE);
                c.setId(id);
                return c;
            }
            case FLAG -> {
                CheckBox c = new CheckBox(o.name());
                c.setSelected(Boolean.parseBoolean(value.trim()));
                c.selectedProperty().addListener((obs, was, now) -> set.accept(o.name(), Boolean.toString(now)));
                c.setId(id);
                c.setMinWidth(Region.USE_PREF_SIZE);
                return c;
            }
            case FILE -> {
                TextField f = field(o, value, set, id);
                f.setPromptText(o.defaultValue().isEmpty() ? "the lab's bundled input" : o.defaultValue());
                Button browse = new Button("…");
                browse.setMinWidth(Region.USE_PREF_SIZE);
                browse.setTooltip(new Tooltip("Choose a file for " + o.name()));
                browse.setOnAction(e -> {
                    FileChooser chooser = new FileChooser();
                    chooser.setTitle(o.name() + ": " + o.description());
                    File current = f.getText().isBlank() ? null : new File(f.getText().trim());
                    if (current != null && current.getParentFile() != null && current.getParentFile().isDirectory()) {
                        chooser.setInitialDirectory(current.getParentFile());
                    }
                    File chosen = chooser.showOpenDialog(owner.get());
                    if (chosen != null) {
                        f.setText(chosen.getPath());
                    }
                });
                HBox box = new HBox(4, f, browse);
                HBox.setHgrow(f, Priority.ALWAYS);
                return box;
            }
            default -> {
                return field(o, value, set, id);
            }
        }
    }

    private static TextField field(LabOption o, String value, BiConsumer<String, String> set, String id) {
        TextField f = new TextField(value);
        f.textProperty().addListener((obs, was, now) -> set.accept(o.name(), now));
        f.setId(id);
        return f;
    }
}
