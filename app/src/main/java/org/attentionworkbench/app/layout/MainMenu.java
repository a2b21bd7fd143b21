package org.attentionworkbench.app.layout;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.samples.Samples;

/** The menu bar. Commands that need the window come in through {@link Actions}. */
public final class MainMenu extends MenuBar {

    /** What the window does for the menu. */
    public interface Actions {
        void openDialog();
        void quit();
        void toggleLog();
        void zoom(Consumer<org.attentionworkbench.app.workspace.Workspace.ZoomActions> command);
        void applyTheme(Theme theme);
        void about();
    }

    private final Workbench workbench;
    private final Menu recent = new Menu("Open Recent");
    private final Menu compute = new Menu("Compute");
    private final ToggleGroup deviceGroup = new ToggleGroup();

    public MainMenu(Workbench workbench, Actions actions) {
        this.workbench = workbench;
        setUseSystemMenuBar(true);
        getMenus().addAll(fileMenu(actions), viewMenu(actions), compute, helpMenu(actions));
        workbench.recentFiles().addListener((ListChangeListener<String>) c -> rebuildRecent());
        rebuildRecent();
        workbench.devices().discoveryProperty().addListener((obs, old, found) -> rebuildCompute(found));
        workbench.devices().stateProperty().addListener((obs, old, s) -> selectDeviceItem());
        rebuildCompute(null);
    }

    private Menu fileMenu(Actions actions) {
        MenuItem open = item("Open…", "Shortcut+O", actions::openDialog);
        Menu samples = new Menu("Open Sample");
        for (Samples.Sample s : Samples.all()) {
            samples.getItems().add(item(s.title() + "  (" + s.credit() + ", " + s.licence() + ")", null,
                    () -> workbench.openSample(s)));
        }
        MenuItem quit = item("Quit", "Shortcut+Q", actions::quit);
        return new Menu("File", null, open, recent, samples, new SeparatorMenuItem(), quit);
    }

    /** An open command of a workspace, right after File ▸ Open…. */
    public void addOpenItem(MenuItem item) {
        getMenus().get(0).getItems().add(1, item);
    }

    /** A workspace's command in the File menu, above Quit. */
    public void addFileItem(MenuItem item) {
        List<MenuItem> file = getMenus().get(0).getItems();
        file.add(file.size() - 2, item);
    }

    private Menu viewMenu(Actions actions) {
        Menu theme = new Menu("Theme");
        ToggleGroup themes = new ToggleGroup();
        Theme currentTheme = Theme.fromName(workbench.settings().theme());
        for (Theme t : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(t.title());
            r.setToggleGroup(themes);
            r.setSelected(t == currentTheme);
            r.setOnAction(e -> actions.applyTheme(t));
            theme.getItems().add(r);
        }
        return new Menu("View", null,
                item("Fit to Window", "Shortcut+0", () -> actions.zoom(z -> z.fit())),
                item("Actual Size", "Shortcut+1", () -> actions.zoom(z -> z.actualSize())),
                item("Zoom In", "Shortcut+=", () -> actions.zoom(z -> z.zoomIn())),
                item("Zoom Out", "Shortcut+-", () -> actions.zoom(z -> z.zoomOut())),
                new SeparatorMenuItem(),
                item("Toggle Log", "Shortcut+L", actions::toggleLog),
                theme);
    }

    private Menu helpMenu(Actions actions) {
        return new Menu("Help", null, item("About Attention Workbench", null, actions::about));
    }

    private void rebuildRecent() {
        List<String> files = workbench.recentFiles();
        recent.getItems().clear();
        for (String f : files) {
            recent.getItems().add(item(f, null, () -> workbench.openFile(Path.of(f))));
        }
        if (!files.isEmpty()) {
            recent.getItems().addAll(new SeparatorMenuItem(), item("Clear Recent", null, workbench::clearRecent));
        }
        recent.setDisable(files.isEmpty());
    }

    /** Auto, then one radio item per discovered device; choosing one reopens it off the FX thread. */
    private void rebuildCompute(Devices.Discovery found) {
        compute.getItems().clear();
        deviceGroup.getToggles().clear();
        compute.getItems().add(deviceItem("Auto (best available)", "auto"));
        if (found != null) {
            for (DeviceInfo d : found.devices()) {
                compute.getItems().add(deviceItem(menuText(d), d.id()));
            }
            if (found.openClProblem() != null) {
                MenuItem why = new MenuItem("OpenCL: " + found.openClProblem());
                why.setDisable(true);
                compute.getItems().addAll(new SeparatorMenuItem(), why);
            }
        } else {
            MenuItem wait = new MenuItem("Looking for devices…");
            wait.setDisable(true);
            compute.getItems().add(wait);
        }
        selectDeviceItem();
    }

    /** Menu text of a device: its label and the id that --device and WORKBENCH_DEVICE accept. */
    public static String menuText(DeviceInfo d) {
        return d.label() + "   [" + d.id() + "]";
    }

    private RadioMenuItem deviceItem(String text, String selector) {
        RadioMenuItem r = new RadioMenuItem(text);
        r.setUserData(selector);
        r.setToggleGroup(deviceGroup);
        r.setOnAction(e -> workbench.chooseDevice(selector));
        return r;
    }

    private void selectDeviceItem() {
        String sel = workbench.devices().stateProperty().get().selector();
        deviceGroup.getToggles().forEach(t -> t.setSelected(sel.equalsIgnoreCase((String) t.getUserData())));
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
