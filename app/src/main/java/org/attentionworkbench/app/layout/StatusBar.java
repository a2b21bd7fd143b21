package org.attentionworkbench.app.layout;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.attentionworkbench.app.services.DeviceService;
import org.attentionworkbench.app.tasks.TaskRunner;

/**
 * Bottom bar: compute device and why it was chosen; pointer position and value; zoom; the running
 * task's progress, message and Cancel; a toggle for the log pane.
 */
public final class StatusBar extends HBox {
    private final Label device = new Label();
    private final Label note = new Label();
    private final Label pointer = new Label();
    private final Label zoom = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label taskMessage = new Label();
    private final Button cancel = new Button("Cancel");
    private final ToggleButton logToggle = new ToggleButton("Log");

    public StatusBar(DeviceService devices, TaskRunner tasks) {
        getStyleClass().add(AppStyles.STATUS_BAR);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        setPadding(new Insets(3, 10, 3, 10));

        device.getStyleClass().addAll(AppStyles.STATUS_DEVICE, Styles.TEXT_BOLD);
        device.setMinWidth(USE_PREF_SIZE);
        note.getStyleClass().addAll(AppStyles.STATUS_NOTE, Styles.TEXT_MUTED);
        note.setTextOverrun(OverrunStyle.ELLIPSIS);
        note.setMinWidth(60);
        HBox.setHgrow(note, Priority.ALWAYS);
        note.setMaxWidth(Double.MAX_VALUE);
        Tooltip noteTip = new Tooltip();
        noteTip.textProperty().bind(note.textProperty());
        note.setTooltip(noteTip);
        devices.stateProperty().addListener((obs, old, s) -> showDevice(s));
        showDevice(devices.stateProperty().get());

        pointer.getStyleClass().addAll(AppStyles.STATUS_POINTER, Styles.TEXT_MUTED);
        pointer.setMinWidth(USE_PREF_SIZE);
        zoom.getStyleClass().add(AppStyles.STATUS_ZOOM);
        zoom.setMinWidth(USE_PREF_SIZE);

        progress.setPrefWidth(120);
        progress.getStyleClass().add(Styles.SMALL);
        taskMessage.getStyleClass().addAll(AppStyles.STATUS_TASK, Styles.TEXT_SMALL);
        taskMessage.setMaxWidth(260); // a long message is cut here; its tooltip has it whole
        Tooltip taskTip = new Tooltip();
        taskTip.textProperty().bind(taskMessage.textProperty());
        taskMessage.setTooltip(taskTip);
        cancel.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.DANGER);
        cancel.setOnAction(e -> tasks.cancelCurrent());
        HBox taskBox = new HBox(6, taskMessage, progress, cancel);
        taskBox.setAlignment(Pos.CENTER_LEFT);
        taskBox.visibleProperty().bind(tasks.currentProperty().isNotNull());
        taskBox.managedProperty().bind(taskBox.visibleProperty());
        tasks.currentProperty().addListener((obs, old, task) -> showTask(task));

        logToggle.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        logToggle.setTooltip(new Tooltip("Show or hide the log (Ctrl+L)"));

        // Pointer and zoom only while the page has something to show.
        HBox viewBox = new HBox(10, separator(), pointer, zoom);
        viewBox.setAlignment(Pos.CENTER_LEFT);
        viewBox.visibleProperty().bind(zoom.textProperty().isNotEmpty());
        viewBox.managedProperty().bind(viewBox.visibleProperty());

        getChildren().addAll(device, note, taskBox, viewBox, separator(), logToggle);
    }

    /** Shows the page's pointer and zoom texts. */
    public void bindWorkspace(StringExpression pointerText, StringExpression zoomText) {
        pointer.textProperty().bind(pointerText);
        zoom.textProperty().bind(zoomText);
    }

    public ToggleButton logToggle() {
        return logToggle;
    }

    public Label deviceLabel() {
        return device;
    }

    public Label zoomLabel() {
        return zoom;
    }

    private void showDevice(DeviceService.State s) {
        device.setText(s.label());
        note.setText(s.note());
    }

    private void showTask(Task<?> task) {
        progress.progressProperty().unbind();
        taskMessage.textProperty().unbind();
        if (task != null) {
            progress.progressProperty().bind(task.progressProperty());
            taskMessage.textProperty().bind(Bindings.createStringBinding(
                    () -> task.getMessage() == null || task.getMessage().isEmpty() ? task.getTitle() : task.getMessage(),
                    task.messageProperty(), task.titleProperty()));
        }
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
