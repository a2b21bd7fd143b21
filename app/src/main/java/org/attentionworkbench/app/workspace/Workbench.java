package org.attentionworkbench.app.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.attentionworkbench.app.log.LogBuffer;
import org.attentionworkbench.app.services.DeviceService;
import org.attentionworkbench.app.services.FileKinds;
import org.attentionworkbench.app.services.ImageLoadException;
import org.attentionworkbench.app.services.ImageLoader;
import org.attentionworkbench.app.services.ImageSource;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.settings.Settings;
import org.attentionworkbench.app.settings.SettingsStore;
import org.attentionworkbench.app.tasks.TaskRunner;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.samples.Samples;

/**
 * The application's services and shared state, without any window: settings, the task runner,
 * the compute device, the log buffer and the open image. The layout and the workspaces receive this
 * object (no singletons), so a test can build one over a temp config folder.
 * Use on the FX thread.
 */
public final class Workbench implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Workbench.class.getName());

    private final SettingsStore store;
    private final Settings settings;
    private final boolean firstStart;
    private final TaskRunner tasks = new TaskRunner();
    private final DeviceService devices = new DeviceService(tasks);
    private final LogBuffer log = new LogBuffer();
    private final ReadOnlyObjectWrapper<LoadedImage> currentImage = new ReadOnlyObjectWrapper<>(this, "currentImage");
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private Consumer<ImageLoadException> loadErrorHandler = e -> {};
    /** Opens point clouds (the Point clouds page registers itself); null until a page does. */
    private Consumer<Path> pointCloudOpener;
    private Consumer<Path> panoramaOpener;

    public Workbench(SettingsStore store) {
        this.store = store;
        this.firstStart = !store.exists();
        this.settings = store.load();
        recentFiles.setAll(settings.recentFiles());
    }

    public Settings settings() { return settings; }
    public TaskRunner tasks() { return tasks; }
    public DeviceService devices() { return devices; }
    public LogBuffer log() { return log; }

    /** Recent files for the menu, most recent first. */
    public ObservableList<String> recentFiles() { return recentFiles; }

    public ReadOnlyObjectProperty<LoadedImage> currentImageProperty() {
        return currentImage.getReadOnlyProperty();
    }

    /** Who tells the user that an image could not be opened (the main window shows a dialog). */
    public void setLoadErrorHandler(Consumer<ImageLoadException> handler) {
        this.loadErrorHandler = handler;
    }

    /**
     * Opens the compute device and a first image: the most recent file if it still exists, else
     * (and always on first start) a bundled sample.
     */
    public void startUp() {
        startUp(List.of());
    }

    /**
     * As {@link #startUp()}, but a file given on the command line (the file manager's "Open with")
     * comes first; only the first is shown, since a page holds one image.
     */
    public void startUp(List<Path> files) {
        devices.select(initialSelector());
        Path last = recentImage();
        if (!files.isEmpty()) {
            if (files.size() > 1) {
                LOG.info("Opening " + files.get(0) + "; " + (files.size() - 1) + " more file(s) given, one is shown");
            }
            openFile(files.get(0));
            boolean elsewhere = (pointCloudOpener != null && FileKinds.isPointCloud(files.get(0)))
                    || (panoramaOpener != null && FileKinds.isPanorama(files.get(0)));
            if (!elsewhere) {
                return;
            }
            // a point cloud or panorama went to its page; the image pages still get their image
        }
        if (!firstStart && last != null) {
            openFile(last);
        } else {
            openSample(Samples.firstStart());
        }
    }

    /** The most recent file that is an image and still exists, or null. */
    private Path recentImage() {
        for (String f : recentFiles) {
            Path p = Path.of(f);
            if (Files.isRegularFile(p) && !FileKinds.isPointCloud(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code --device} / {@code WORKBENCH_DEVICE} win for this run; otherwise the saved choice. */
    private String initialSelector() {
        boolean overridden = System.getProperty(Devices.PROPERTY) != null || System.getenv(Devices.ENV) != null;
        return overridden ? Devices.configuredSelector() : settings.device();
    }

    /** Who opens point-cloud files ({@link #openFile} routes them there instead of the image loader). */
    public void setPointCloudOpener(Consumer<Path> opener) {
        this.pointCloudOpener = opener;
    }

    /** Who opens equirectangular panoramas ({@link #openFile} routes them there: GPano XMP, or 2:1 and ≥ 2048 wide). */
    public void setPanoramaOpener(Consumer<Path> opener) {
        this.panoramaOpener = opener;
    }

    /**
     * Opens an image, a point cloud (by extension, content or a Potree folder) on the Point clouds
     * page, or a panorama on the 360° depth page.
     */
    public void openFile(Path file) {
        if (pointCloudOpener != null && FileKinds.isPointCloud(file)) {
            pointCloudOpener.accept(file.toAbsolutePath().normalize());
            return;
        }
        if (panoramaOpener != null && FileKinds.isPanorama(file)) {
            panoramaOpener.accept(file.toAbsolutePath().normalize());
            return;
        }
        open(new ImageSource.FileSource(file.toAbsolutePath().normalize()));
    }

    public void openSample(Samples.Sample sample) {
        open(new ImageSource.SampleSource(sample));
    }

    /** Loads off the FX thread with progress; on success it becomes the current image. */
    public void open(ImageSource source) {
        String name = source.displayName();
        tasks.submit("Opening " + name, progress -> ImageLoader.load(source, progress),
                img -> {
                    currentImage.set(img);
                    LOG.info("Opened " + name + " (" + img.format() + ", " + img.width() + "×" + img.height() + ")");
                    source.path().ifPresent(p -> remember(p.toString()));
                },
                error -> {
                    ImageLoadException e = error instanceof ImageLoadException ile ? ile
                            : new ImageLoadException(name, "unexpected error: " + error, error);
                    LOG.warning("Could not open " + e.fileName() + ": " + e.reason());
                    // A recent file that no longer opens leaves the list instead of failing again.
                    source.path().map(Path::toString).filter(recentFiles::contains).ifPresent(this::forget);
                    loadErrorHandler.accept(e);
                });
    }

    /** Chooses a compute device, remembers it, and reopens off the FX thread. */
    public void chooseDevice(String selector) {
        settings.setDevice(selector);
        store.saveQuietly(settings);
        devices.select(selector);
    }

    public void setTheme(String themeName) {
        settings.setTheme(themeName);
        store.saveQuietly(settings);
    }

    public void clearRecent() {
        for (String f : settings.recentFiles()) {
            settings.removeRecent(f);
        }
        recentFiles.clear();
        store.saveQuietly(settings);
    }

    public void rememberWindowSize(double width, double height) {
        settings.setWindowSize(width, height);
        store.saveQuietly(settings);
    }

    /** Tells the user a file could not be opened (the shell's error dialog). */
    public void reportLoadError(ImageLoadException e) {
        loadErrorHandler.accept(e);
    }

    /** Saves the settings after a page changed them (errors are logged, not thrown). */
    public void saveSettings() {
        store.saveQuietly(settings);
    }

    /** Drops a recent file that no longer opens (nothing when it is not in the list). */
    public void forgetRecentIfListed(Path file) {
        if (recentFiles.contains(file.toString())) {
            forget(file.toString());
        }
    }

    /** Puts a file that opened at the top of the recent list. */
    public void rememberRecent(Path file) {
        remember(file.toString());
    }

    private void forget(String file) {
        settings.removeRecent(file);
        recentFiles.setAll(settings.recentFiles());
        store.saveQuietly(settings);
    }

    private void remember(String file) {
        settings.addRecent(file);
        recentFiles.setAll(settings.recentFiles());
        store.saveQuietly(settings);
    }

    @Override
    public void close() {
        tasks.close();
        devices.close();
    }
}
