package org.attentionworkbench.samples.defects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyDatasets;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.data.DatasetLayout;
import org.attentionworkbench.compute.anomaly.data.MaskFiles;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.samples.RasterImage;
import org.attentionworkbench.samples.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefectsTest {
    @TempDir
    Path tmp;

    @Test
    void sameSeedSamePixelsOtherSeedOtherPixels() {
        for (Surface s : Surface.values()) {
            RasterImage a = s.render(96, 64, 42), b = s.render(96, 64, 42), c = s.render(96, 64, 43);
            assertArrayEquals(a.argb(), b.argb(), s.name());
            assertFalse(Arrays.equals(a.argb(), c.argb()), s.name());
            for (DefectKind k : DefectKind.values()) {
                DefectSample x = Defects.plant(a, k, 7), y = Defects.plant(a, k, 7);
                assertArrayEquals(x.image().argb(), y.image().argb(), s + " " + k);
                assertArrayEquals(x.mask(), y.mask(), s + " " + k);
            }
        }
    }

    @Test
    void surfacesAreTexturedNotFlat() {
        for (Surface s : Surface.values()) {
            int[] px = s.render(128, 128, 1).argb();
            long distinct = Arrays.stream(px).distinct().count();
            assertTrue(distinct > 50, s + ": only " + distinct + " colours");
        }
    }

    @Test
    void maskIsExactlyTheChangedPixels() {
        for (Surface s : Surface.values()) {
            for (DefectKind k : DefectKind.values()) {
                for (long seed = 0; seed < 6; seed++) {
                    RasterImage clean = s.render(256, 256, seed);
                    DefectSample d = Defects.plant(clean, k, seed);
                    int n = d.defectPixels();
                    assertTrue(n >= 20 && n < 256 * 256 / 10, s + " " + k + " seed " + seed + ": " + n + " pixels");
                    for (int i = 0; i < d.mask().length; i++) {
                        boolean changed = clean.argb()[i] != d.image().argb()[i];
                        assertEquals(d.mask()[i], changed, s + " " + k + " seed " + seed + " pixel " + i);
                    }
                }
            }
        }
    }

    @Test
    void writtenTreeReadsBackAsMvtec() throws IOException {
        Path dir = tmp.resolve("metal");
        DefectDataset.Summary sum = DefectDataset.writeDataset(dir, Surface.WOOD_GRAIN, 64, 3, 2, 5);
        assertEquals(Map.of("train/good", 3, "test/good", 3, "test/scratch", 2, "test/hole", 2, "test/stain", 2),
                sum.counts());
        assertEquals(DatasetLayout.MVTEC, AnomalyDatasets.detect(dir));
        AnomalyDataset d = AnomalyDatasets.open(dir);
        assertEquals(3, d.train().size());
        assertEquals(3, d.count(AnomalyLabel.GOOD));
        assertEquals(6, d.count(AnomalyLabel.DEFECT));
        assertEquals(6, d.withMasks());
        assertEquals(Map.of("good", 3L, "scratch", 2L, "hole", 2L, "stain", 2L), d.classCounts());
        // each mask file, decoded by the engine, is the generator's mask; each image its pixels
        for (AnomalyItem item : d.items()) {
            if (item.label() != AnomalyLabel.DEFECT) {
                continue;
            }
            DefectKind kind = DefectKind.valueOf(item.defectClass().toUpperCase(java.util.Locale.ROOT));
            int i = Integer.parseInt(item.image().getFileName().toString().substring(0, 3));
            long s = Rng.mix(5, 100 + kind.ordinal(), i);
            DefectSample want = Defects.plant(Surface.WOOD_GRAIN.render(64, 64, s), kind, s);
            assertNotNull(item.mask());
            assertArrayEquals(want.mask(), MaskFiles.read(item.mask()), item.mask().toString());
            RgbImage got = ImageFiles.read(item.image());
            int[] expect = want.image().argb().clone();
            for (int p = 0; p < expect.length; p++) {
                expect[p] &= 0xFFFFFF;
            }
            assertArrayEquals(expect, got.rgb(), item.image().toString());
        }
        // rewriting gives the same bytes
        Path again = tmp.resolve("again");
        DefectDataset.writeDataset(again, Surface.WOOD_GRAIN, 64, 3, 2, 5);
        assertArrayEquals(Files.readAllBytes(dir.resolve("test/hole/001.png")),
                Files.readAllBytes(again.resolve("test/hole/001.png")));
    }
}
