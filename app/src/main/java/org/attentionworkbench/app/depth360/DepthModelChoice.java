package org.attentionworkbench.app.depth360;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.attentionworkbench.compute.models.catalog.ModelDownloader;
import org.attentionworkbench.compute.models.omnifusion.OmniFusion;

/**
 * A depth model the 360° page can run: the simulated model (the panorama's exact depth spoiled per patch),
 * a Depth Anything checkpoint run per tangent patch, or OmniFusion's network on the whole panorama.
 *
 * @param path the checkpoint file or HF folder; null for the simulated model
 */
public record DepthModelChoice(Kind kind, String label, Path path) {
    public enum Kind { SIMULATED, DEPTH_ANYTHING, OMNIFUSION }

    /** What the simulated model is, for the UI. */
    public static final String SIMULATED_DESCRIPTION = "The panorama's exact depth cut into the tangent patches, each "
            + "given a random scale and offset (in inverse depth) and 1 % noise: shows what alignment and blending "
            + "recover. Only for panoramas whose depth is known (the sample room).";

    public DepthModelChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        if (kind != Kind.SIMULATED) {
            Objects.requireNonNull(path, "path");
        }
    }

    public static DepthModelChoice simulated() {
        return new DepthModelChoice(Kind.SIMULATED, "Simulated (exact depth known)", null);
    }

    /** The catalog's depth models installed in {@code cacheDir} by the model manager (HF folders). */
    public static List<DepthModelChoice> installed(Path cacheDir) {
        List<DepthModelChoice> out = new ArrayList<>();
        for (ModelCatalog.Entry e : ModelCatalog.builtIn().depthEntries()) {
            if (ModelDownloader.isInstalled(cacheDir, e)) {
                out.add(new DepthModelChoice(Kind.DEPTH_ANYTHING, e.name == null ? e.id : e.name,
                        ModelCache.modelDir(cacheDir, e.id)));
            }
        }
        return out;
    }

    /**
     * A checkpoint the user picked: OmniFusion's .pth when {@link OmniFusion#recognises} says so, else Depth
     * Anything (a .pth/.safetensors file or an HF folder). Reads the file's index, so call it off the FX thread.
     */
    public static DepthModelChoice checkpoint(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file or folder");
        }
        boolean omni = Files.isRegularFile(file) && OmniFusion.recognises(file);
        return new DepthModelChoice(omni ? Kind.OMNIFUSION : Kind.DEPTH_ANYTHING,
                (omni ? "OmniFusion: " : "Depth Anything: ") + file.getFileName(), file);
    }

    @Override
    public String toString() {
        return label;
    }
}
