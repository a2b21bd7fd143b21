package org.attentionworkbench.app.anomaly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.samples.defects.DefectDataset;
import org.attentionworkbench.samples.defects.Surface;

/**
 * The workspace's demo: a synthetic MVTec-style tree (brushed metal with scratches, holes and stains, and
 * their masks) written once into the user cache, no download.
 */
public final class DemoDataset {
    /**
     * Good training images: one becomes the prompt and a fifth are held out to calibrate the threshold. 40
     * hold out 8, so the threshold is not the maximum of 2 scores (which flagged 7 of the 8 good test parts).
     */
    public static final int TRAIN_GOOD = 40;
    /** Good test images. */
    public static final int GOOD = 8;
    public static final int DEFECT_PER_KIND = 4;
    public static final long SEED = 7;

    private DemoDataset() {}

    public static Path defaultDir() {
        // v2: 40 training images (the first demo had 8); a new name, so an old cache is not reused
        return ModelCache.defaultDir().resolve("demo").resolve("defects-brushed-metal-v2");
    }

    /** Writes the demo into {@code dir} unless it is already there; returns the dataset root. */
    public static Path ensure(Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve("test")) && Files.isDirectory(dir.resolve("train/good"))) {
            return dir;
        }
        Path tmp = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".partial"));
        DefectDataset.writeDataset(tmp, Surface.BRUSHED_METAL, DefectDataset.DEFAULT_SIZE, TRAIN_GOOD, GOOD,
                DEFECT_PER_KIND, SEED);
        Files.move(tmp, dir); // whole or not at all
        return dir;
    }
}
