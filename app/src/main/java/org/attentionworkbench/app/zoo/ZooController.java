package org.attentionworkbench.app.zoo;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.attentionworkbench.app.attention.ModelChoice;
import org.attentionworkbench.app.attention.ModelLibrary;
import org.attentionworkbench.app.services.LoadedImage;
import org.attentionworkbench.app.workspace.Workbench;
import org.attentionworkbench.compute.tensor.Device;

/** The Zoo page's actions: list the ViTs, run the chosen mechanisms on the chosen input (off the FX thread). */
public final class ZooController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ZooController.class.getName());

    private final Workbench workbench;
    private final ZooModel model;
    private final ModelLibrary library;
    private final ZooService service = new ZooService();
    private Consumer<ZooResult> onResult = r -> {};

    public ZooController(Workbench workbench, ZooModel model, ModelLibrary library) {
        this.workbench = workbench;
        this.model = model;
        this.library = library;
    }

    public ZooModel model() {
        return model;
    }

    /** Called on the FX thread after each successful run. */
    public void setOnResult(Consumer<ZooResult> onResult) {
        this.onResult = onResult;
    }

    /** Lists the installed and bundled ViTs (the first trained one is chosen). */
    public void loadModels() {
        workbench.tasks().submit("Listing models", p -> library.list(), list -> {
            model.models().setAll(list.choices());
            if (model.modelProperty().get() == null) {
                // a trained model first (installed, else bundled such as vit4mnist), else the untrained sample
                model.modelProperty().set(list.choices().stream().filter(ModelChoice::trained).findFirst()
                        .orElse(list.choices().isEmpty() ? null : list.choices().get(0)));
            }
        }, e -> LOG.warning("Zoo: could not list models: " + e.getMessage()));
    }

    /** Runs the chosen mechanisms on the input the model describes. */
    public void run() {
        Device device = workbench.devices().device();
        if (device == null) {
            model.statusProperty().set("The compute device is still opening; try again in a moment.");
            return;
        }
        ModelChoice choice = model.modelProperty().get();
        LoadedImage image = workbench.currentImageProperty().get();
        List<String> ids = model.mechanisms().stream().filter(model.chosen()::contains).toList();
        ZooService.Request req = new ZooService.Request(model.sourceProperty().get(), choice == null ? null : choice.card(),
                choice == null ? "" : choice.id(), image, model.textProperty().get(), model.layerProperty().get(),
                model.headProperty().get(), model.tokensProperty().get(), model.dimProperty().get(), ids,
                model.liveGateProperty().get());
        model.runningProperty().set(true);
        model.statusProperty().set("Running " + ids.size() + " mechanisms…");
        var task = workbench.tasks().submit("Zoo", p -> service.run(req, device, p), r -> {
            model.runningProperty().set(false);
            model.hoveredTokenProperty().set(-1);
            model.shownHeadProperty().set(r.head());
            model.resultProperty().set(r);
            long failed = r.run().entries().stream().filter(e -> !e.ok()).count();
            model.statusProperty().set(r.input().source() + ": N = " + r.input().n() + ", d = " + r.input().d() + "; "
                    + (r.run().entries().size() - failed) + " mechanisms ran" + (failed > 0 ? ", " + failed + " failed (see the table)" : ""));
            onResult.accept(r);
        }, e -> {
            model.runningProperty().set(false);
            model.statusProperty().set("Zoo run failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        });
        task.stateProperty().addListener((obs, was, now) -> {
            if (now == javafx.concurrent.Worker.State.CANCELLED) {
                model.runningProperty().set(false);
                model.statusProperty().set("Cancelled");
            }
        });
    }

    @Override
    public void close() {
        service.close();
    }
}
