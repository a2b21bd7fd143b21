package org.attentionworkbench.app.attention;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.attentionworkbench.app.tasks.TaskRunner;
import org.attentionworkbench.compute.models.catalog.DownloadException;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;

/**
 * Getting image models, for the Models dialog and the page's one-click prompt: download a catalog
 * entry (progress and Cancel in the status bar; a cancelled or broken download resumes next time),
 * import a checkpoint file, and after either, list the models again and select the new one. When
 * the download host cannot be reached, {@link #offlineProperty()} turns true and the message says so
 * and points at Import.
 */
public final class ModelManager {
    private final TaskRunner tasks;
    private final ModelLibrary library;
    private final AttentionController controller;
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty offline = new SimpleBooleanProperty(this, "offline");
    private final ObjectProperty<Task<?>> download = new SimpleObjectProperty<>(this, "download");

    public ModelManager(TaskRunner tasks, ModelLibrary library, AttentionController controller) {
        this.tasks = tasks;
        this.library = library;
        this.controller = controller;
    }

    public ModelCatalog catalog() {
        return library.catalog();
    }

    public ModelLibrary library() {
        return library;
    }

    /** The last outcome in words (download finished, failed, imported). */
    public StringProperty messageProperty() { return message; }
    /** True after a download found no connection. */
    public BooleanProperty offlineProperty() { return offline; }
    /** The download under way, or null. */
    public ObjectProperty<Task<?>> downloadProperty() { return download; }

    /** The catalog's first entry: the one-click choice ("DINO ViT-S/16"). */
    public Optional<ModelCatalog.Entry> recommended() {
        return library.catalog().entries().stream().findFirst();
    }

    public void download(ModelCatalog.Entry entry) {
        if (download.get() != null) {
            message.set("A download is already running.");
            return;
        }
        offline.set(false);
        message.set("Downloading " + entry.name + "…");
        Task<?> t = tasks.submit("Downloading " + entry.name, progress -> library.download(entry, progress),
                result -> {
                    download.set(null);
                    message.set(entry.name + " installed; " + result.checkSummary() + ".");
                    relist(result.card());
                },
                error -> {
                    download.set(null);
                    if (error instanceof DownloadException d && d.isOffline()) {
                        offline.set(true);
                        message.set("You appear to be offline: " + d.getMessage()
                                + "\nIf you have the checkpoint file, import it instead.");
                    } else {
                        message.set("Download failed: " + error.getMessage());
                    }
                });
        t.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            download.set(null);
            message.set("Download cancelled; it resumes where it stopped next time.");
        });
        download.set(t);
    }

    public void cancelDownload() {
        Task<?> t = download.get();
        if (t != null) {
            t.cancel();
        }
    }

    /** Imports a checkpoint (safetensors or .pth, with config.json beside it when HF); heads 0 = auto. */
    public void importFile(Path file, int heads) {
        message.set("Importing " + file.getFileName() + "…");
        tasks.submit("Importing " + file.getFileName(), progress -> library.importFile(file, heads),
                choice -> {
                    offline.set(false);
                    message.set("Imported " + choice.name() + ".");
                    relist(choice.card());
                },
                error -> message.set("Import failed: " + error.getMessage()));
    }

    /** Lists the models again and selects {@code select} (a card just installed). */
    public void relist(Path select) {
        tasks.submit("Listing models", progress -> library.list(),
                models -> controller.applyModels(models, select == null ? null : select.toAbsolutePath().normalize()),
                error -> message.set("Could not list the models: " + error.getMessage()));
    }
}
