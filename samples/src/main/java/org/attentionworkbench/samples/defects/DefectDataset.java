package org.attentionworkbench.samples.defects;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.attentionworkbench.samples.RasterImage;
import org.attentionworkbench.samples.Rng;

/**
 * Writes a synthetic anomaly dataset in the MVTec AD layout, so the inspection workspace has a demo and
 * pixel-level tests that need no download:
 * <pre>
 * dir/train/good/000.png ...              {@code good} clean surfaces (prompt / training images)
 * dir/test/good/000.png ...               {@code good} more clean surfaces
 * dir/test/&lt;kind&gt;/000.png ...             {@code defect} images per kind (scratch, hole, stain)
 * dir/ground_truth/&lt;kind&gt;/000_mask.png    their masks: 255 = defect, 0 = good, 8-bit grey
 * </pre>
 * Every image is another seed of the same surface; the same arguments give the same bytes.
 */
public final class DefectDataset {
    public static final int DEFAULT_SIZE = 256;

    /** What was written: image counts per folder ("train/good", "test/good", "test/scratch", ...). */
    public record Summary(Path dir, Surface surface, Map<String, Integer> counts) {}

    private DefectDataset() {}

    /** Brushed metal, 256². */
    public static Summary writeDataset(Path dir, int good, int defect, long seed) throws IOException {
        return writeDataset(dir, Surface.BRUSHED_METAL, DEFAULT_SIZE, good, defect, seed);
    }

    public static Summary writeDataset(Path dir, Surface surface, int size, int good, int defect, long seed)
            throws IOException {
        return writeDataset(dir, surface, size, good, good, defect, seed);
    }

    /** With its own number of good training images (the test set's good images stay {@code testGood}). */
    public static Summary writeDataset(Path dir, Surface surface, int size, int trainGood, int testGood, int defect,
            long seed) throws IOException {
        if (trainGood < 0 || testGood < 0 || defect < 0 || size < 32) {
            throw new IllegalArgumentException("good " + trainGood + "/" + testGood + ", defect " + defect + ", size "
                    + size + " (counts ≥ 0, size ≥ 32)");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String split : new String[] {"train", "test"}) {
            Path folder = Files.createDirectories(dir.resolve(split).resolve("good"));
            int good = split.equals("train") ? trainGood : testGood;
            for (int i = 0; i < good; i++) {
                RasterImage img = surface.render(size, size, Rng.mix(seed, split.hashCode(), i));
                writeRgb(img, folder.resolve(name(i) + ".png"));
            }
            counts.put(split + "/good", good);
        }
        for (DefectKind kind : DefectKind.values()) {
            Path folder = Files.createDirectories(dir.resolve("test").resolve(kind.folder()));
            Path masks = Files.createDirectories(dir.resolve("ground_truth").resolve(kind.folder()));
            for (int i = 0; i < defect; i++) {
                long s = Rng.mix(seed, 100 + kind.ordinal(), i);
                DefectSample d = Defects.plant(surface.render(size, size, s), kind, s);
                writeRgb(d.image(), folder.resolve(name(i) + ".png"));
                writeMask(d.mask(), size, size, masks.resolve(name(i) + "_mask.png"));
            }
            counts.put("test/" + kind.folder(), defect);
        }
        return new Summary(dir, surface, counts);
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "%03d", i);
    }

    static void writeRgb(RasterImage img, Path file) throws IOException {
        BufferedImage out = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, img.width(), img.height(), img.argb(), 0, img.width());
        write(out, file);
    }

    static void writeMask(boolean[] mask, int w, int h, Path file) throws IOException {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int[] v = new int[mask.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = mask[i] ? 255 : 0;
        }
        out.getRaster().setPixels(0, 0, w, h, v);
        write(out, file);
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException(file + ": no PNG writer");
        }
    }
}
