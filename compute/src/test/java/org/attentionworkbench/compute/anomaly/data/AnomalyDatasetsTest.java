package org.attentionworkbench.compute.anomaly.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.TestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyDatasetsTest {
    @TempDir
    Path tmp;

    /** A small real image file (the readers only list files, but masks are decoded). */
    private static Path image(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        String ext = file.getFileName().toString().replaceAll(".*\\.", "");
        ImageIO.write(img, ext.equals("jpg") ? "jpeg" : ext, file.toFile());
        return file;
    }

    @Test
    void mvtec() throws IOException {
        Path r = tmp.resolve("bottle");
        image(r.resolve("train/good/000.png"));
        image(r.resolve("train/good/001.png"));
        image(r.resolve("test/good/000.png"));
        image(r.resolve("test/broken_large/000.png"));
        image(r.resolve("test/broken_large/001.png"));
        image(r.resolve("test/contamination/000.png"));
        image(r.resolve("ground_truth/broken_large/000_mask.png"));
        image(r.resolve("ground_truth/broken_large/001_mask.png"));
        image(r.resolve("ground_truth/contamination/000_mask.png"));
        Files.writeString(r.resolve("license.txt"), "x");
        assertEquals(DatasetLayout.MVTEC, AnomalyDatasets.detect(r));
        AnomalyDataset d = AnomalyDatasets.open(r);
        assertEquals(2, d.train().size());
        assertEquals(1, d.count(AnomalyLabel.GOOD));
        assertEquals(3, d.count(AnomalyLabel.DEFECT));
        assertEquals(3, d.withMasks());
        assertEquals(Map.of("broken_large", 2L, "contamination", 1L, "good", 1L), d.classCounts());
        AnomalyItem first = d.items().get(0);
        assertEquals(r.resolve("test/broken_large/000.png"), first.image());
        assertEquals(r.resolve("ground_truth/broken_large/000_mask.png"), first.mask());
        assertNull(d.good().get(0).mask());
    }

    @Test
    void btadWithBmpMasks() throws IOException {
        Path r = tmp.resolve("03");
        image(r.resolve("train/ok/0000.bmp"));
        image(r.resolve("test/ok/0000.bmp"));
        image(r.resolve("test/ko/0000.bmp"));
        image(r.resolve("test/ko/0001.bmp"));
        image(r.resolve("ground_truth/ko/0000.png"));
        image(r.resolve("ground_truth/ko/0001.bmp"));
        assertEquals(DatasetLayout.BTAD, AnomalyDatasets.detect(r));
        AnomalyDataset d = AnomalyDatasets.open(r);
        assertEquals(1, d.train().size());
        assertEquals(1, d.count(AnomalyLabel.GOOD));
        assertEquals(2, d.count(AnomalyLabel.DEFECT));
        assertEquals(r.resolve("ground_truth/ko/0001.bmp"), d.items().get(2).mask());
    }

    @Test
    void visaSplitCsv() throws IOException {
        Path r = tmp.resolve("VisA");
        image(r.resolve("candle/Data/Images/Normal/0000.JPG".replace("JPG", "jpg")));
        image(r.resolve("candle/Data/Images/Normal/0001.jpg"));
        image(r.resolve("candle/Data/Images/Anomaly/000.jpg"));
        image(r.resolve("candle/Data/Masks/Anomaly/000.png"));
        image(r.resolve("pcb1/Data/Images/Normal/0000.jpg"));
        Files.createDirectories(r.resolve("split_csv"));
        Files.writeString(r.resolve("split_csv/1cls.csv"), """
                object,split,label,image,mask
                candle,train,normal,candle/Data/Images/Normal/0000.jpg,
                candle,test,normal,candle/Data/Images/Normal/0001.jpg,
                candle,test,anomaly,candle/Data/Images/Anomaly/000.jpg,candle/Data/Masks/Anomaly/000.png
                pcb1,train,normal,pcb1/Data/Images/Normal/0000.jpg,
                """);
        assertEquals(DatasetLayout.VISA, AnomalyDatasets.detect(r));
        AnomalyDataset all = AnomalyDatasets.open(r);
        assertEquals(2, all.train().size());
        AnomalyDataset candle = AnomalyDatasets.readVisa(r, "candle");
        assertEquals(1, candle.train().size());
        assertEquals(1, candle.count(AnomalyLabel.GOOD));
        assertEquals(r.resolve("candle/Data/Masks/Anomaly/000.png"), candle.items().get(1).mask());
        // the csv itself opens too
        assertEquals(3, AnomalyDatasets.open(r.resolve("split_csv/1cls.csv")).train().size()
                + AnomalyDatasets.open(r.resolve("split_csv/1cls.csv")).count(AnomalyLabel.DEFECT));
        DatasetException e = assertThrows(DatasetException.class, () -> AnomalyDatasets.readVisa(r, "fryum"));
        assertTrue(e.getMessage().contains("fryum"), e.getMessage());

        Files.writeString(r.resolve("split_csv/1cls.csv"), "object,split,label,image,mask\ncandle,test,anomaly,missing.jpg,\n");
        e = assertThrows(DatasetException.class, () -> AnomalyDatasets.open(r));
        assertTrue(e.getMessage().contains("1cls.csv:2") && e.getMessage().contains("missing.jpg"), e.getMessage());
    }

    @Test
    void plainFoldersWithSiblingAndGroundTruthMasks() throws IOException {
        Path r = tmp.resolve("parts");
        image(r.resolve("OK/a.png"));
        image(r.resolve("Normal/b.jpg"));
        image(r.resolve("dent/c.png"));
        image(r.resolve("dent/c_mask.png"));
        image(r.resolve("scratch/d.png"));
        image(r.resolve("ground_truth/scratch/d_mask.png"));
        image(r.resolve("train/e.png"));
        assertEquals(DatasetLayout.FOLDERS, AnomalyDatasets.detect(r));
        AnomalyDataset d = AnomalyDatasets.open(r);
        assertEquals(1, d.train().size());
        assertEquals(2, d.count(AnomalyLabel.GOOD));
        assertEquals(2, d.count(AnomalyLabel.DEFECT));
        assertEquals(2, d.withMasks());
        assertEquals(Map.of("good", 2L, "dent", 1L, "scratch", 1L), d.classCounts());
    }

    @Test
    void flatFolderLikeHazelnutToy() throws IOException {
        Path r = tmp.resolve("flat");
        image(r.resolve("good.jpg"));
        image(r.resolve("crack.jpg"));
        image(r.resolve("crack_mask.jpg"));
        image(r.resolve("hole_02.png"));
        image(r.resolve("hole_02_mask.png"));
        image(r.resolve("mystery.png"));
        AnomalyDataset d = AnomalyDatasets.open(r);
        assertEquals(DatasetLayout.FOLDERS, d.layout());
        assertEquals(Map.of("good", 1L, "crack", 1L, "hole", 1L), d.classCounts());
        assertEquals(1, d.count(AnomalyLabel.UNKNOWN));
    }

    @Test
    void errorsNameTheFolder() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no images");
        DatasetException e = assertThrows(DatasetException.class, () -> AnomalyDatasets.open(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()) && e.getMessage().contains("no images"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> AnomalyDatasets.open(tmp.resolve("absent")));
        assertTrue(e.getMessage().contains("absent") && e.getMessage().contains("no such folder"), e.getMessage());
        // an MVTec tree with empty folders is refused rather than read as an empty dataset
        Path hollow = Files.createDirectories(tmp.resolve("hollow/train/good"));
        e = assertThrows(DatasetException.class, () -> AnomalyDatasets.open(hollow.getParent().getParent()));
        assertTrue(e.getMessage().contains("hollow") && e.getMessage().contains("no images"), e.getMessage());
        // the MVTec root (several categories) asks for one category
        image(tmp.resolve("mvtec/bottle/train/good/000.png"));
        image(tmp.resolve("mvtec/cable/train/good/000.png"));
        e = assertThrows(DatasetException.class, () -> AnomalyDatasets.open(tmp.resolve("mvtec")));
        assertTrue(e.getMessage().contains("bottle, cable"), e.getMessage());
    }

    @Test
    void maskThresholdAndNearestResize() throws IOException {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 127, 128, 255, 255, 0, 200, 10};
        img.getRaster().setPixels(0, 0, 4, 2, levels);
        Path f = tmp.resolve("m.png");
        ImageIO.write(img, "png", f.toFile());
        assertArrayEquals(new boolean[] {false, false, true, true, true, false, true, false}, MaskFiles.read(f));
        // 4×2 → 2×1: centres at source x = 1, 3 of row 1
        assertArrayEquals(new boolean[] {false, false}, MaskFiles.read(f, 2, 1));
        assertEquals(8 * 4, MaskFiles.read(f, 8, 4).length);
        // a 0/1 label image counts 1 as defect
        img.getRaster().setPixels(0, 0, 4, 2, new int[] {0, 1, 0, 1, 1, 0, 0, 0});
        ImageIO.write(img, "png", f.toFile());
        assertArrayEquals(new boolean[] {false, true, false, true, true, false, false, false}, MaskFiles.read(f));
    }

    @Test
    void sharedDobotCubesAndHazelnutToy() throws IOException {
        Path shared = TestDevices.shared();
        assumeTrue(shared != null, TestDevices.sharedHint());
        AnomalyDataset cubes = AnomalyDatasets.open(shared.resolve("data/anomaly/dobot_cubes"));
        assertEquals(DatasetLayout.FOLDERS, cubes.layout());
        assertEquals(80, cubes.count(AnomalyLabel.GOOD));
        assertEquals(40, cubes.count(AnomalyLabel.DEFECT));
        assertEquals(Map.of("good", 80L, "abnormal", 40L), cubes.classCounts());

        AnomalyDataset nut = AnomalyDatasets.open(shared.resolve("data/anomaly/hazelnut_toy"));
        assertEquals(Map.of("good", 1L, "crack", 1L, "colour", 1L), nut.classCounts());
        for (AnomalyItem i : nut.items()) {
            if (i.label() == AnomalyLabel.DEFECT) {
                assertNotNull(i.mask(), i.image().toString());
                boolean[] m = MaskFiles.read(i.mask(), 256, 256);
                int on = 0;
                for (boolean b : m) {
                    on += b ? 1 : 0;
                }
                // a real defect: some pixels, far from all
                assertTrue(on > 50 && on < m.length / 4, i.mask() + ": " + on + " defect pixels");
            }
        }
        assertFalse(nut.good().isEmpty());
    }
}
