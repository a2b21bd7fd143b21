package org.attentionworkbench.compute.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which items count for which metric, per class, and the counts at the threshold. */
class AnomalyEvaluationTest {

    /** A 4×4 map: background b, the top-left 2×2 block hot (h). */
    private static AnomalyInspector.Scored scored(float b, float h) {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = (i % 4 < 2 && i / 4 < 2) ? h : b;
        }
        AnomalyMap m = new AnomalyMap(4, 4, v);
        return new AnomalyInspector.Scored(v, 4, 4, m, m.imageScore(1));
    }

    @Test
    void overallAndPerClassFromMasks(@TempDir Path dir) throws Exception {
        // a mask at 8×8 (twice the map): nearest resize to 4×4 keeps the top-left 2×2 block
        BufferedImage mask = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path m = dir.resolve("m.png");
        ImageIO.write(mask, "png", m.toFile());
        List<AnomalyItem> items = new ArrayList<>();
        List<AnomalyInspector.Scored> s = new ArrayList<>();
        items.add(new AnomalyItem(Path.of("g0.png"), AnomalyLabel.GOOD, "good", null));
        s.add(scored(0.1f, 0.2f));
        items.add(new AnomalyItem(Path.of("g1.png"), AnomalyLabel.GOOD, "good", null));
        s.add(scored(0.1f, 0.6f)); // a good image scoring above the threshold: one false positive
        items.add(new AnomalyItem(Path.of("a.png"), AnomalyLabel.DEFECT, "scratch", m));
        s.add(scored(0.1f, 0.55f));
        items.add(new AnomalyItem(Path.of("b.png"), AnomalyLabel.DEFECT, "hole", null)); // no mask
        s.add(scored(0.1f, 0.4f));
        items.add(new AnomalyItem(Path.of("u.png"), AnomalyLabel.UNKNOWN, null, null)); // never counted
        s.add(scored(5f, 5f));

        AnomalyEvaluation.Report r = AnomalyEvaluation.evaluate(items, s, 0.5);
        AnomalyEvaluation.Metrics o = r.overall();
        assertEquals(2, o.good());
        assertEquals(2, o.defect());
        assertEquals(1, o.withMask());
        // image scores good {0.2, 0.6}, defect {0.55, 0.4}: 2 of 4 pairs ordered
        assertEquals(0.5, o.imageAuroc(), 1e-12);
        assertEquals(new AnomalyEvaluation.Flags(1, 1, 1, 1), o.flags());
        assertEquals(0.5, o.flags().precision(), 1e-12);
        // pixels: g0, g1 (all good) and a.png; a's hot block is its defect, g1's hot block is not
        assertNotNull(o.pixelAuroc());
        // good pixels: 36 at 0.1, 4 at 0.2 (g0), 4 at 0.6 (g1); a's 4 defect pixels at 0.55 beat 40 of 44
        assertEquals(40.0 / 44, o.pixelAuroc(), 1e-12);
        assertNotNull(o.aupro());
        assertEquals(List.of("hole", "scratch"), List.copyOf(r.perClass().keySet()));
        AnomalyEvaluation.Metrics hole = r.perClass().get("hole");
        assertEquals(0.5, hole.imageAuroc(), 1e-12, "0.4 beats 0.2, not 0.6");
        assertNull(hole.pixelAuroc(), "hole has no mask");
        assertEquals(0.5, r.perClass().get("scratch").imageAuroc(), 1e-12);
        assertEquals(40.0 / 44, r.perClass().get("scratch").pixelAuroc(), 1e-12);
        assertEquals(new AnomalyEvaluation.Flags(1, 1, 0, 1), r.perClass().get("scratch").flags());
    }

    @Test
    void aCorruptMaskLeavesItsImageOutOfThePixelMetricsOnly(@TempDir Path dir) throws Exception {
        Path broken = java.nio.file.Files.writeString(dir.resolve("broken_mask.png"), "not a PNG");
        List<AnomalyItem> items = List.of(
                new AnomalyItem(Path.of("g.png"), AnomalyLabel.GOOD, "good", null),
                new AnomalyItem(Path.of("a.png"), AnomalyLabel.DEFECT, "scratch", broken));
        AnomalyEvaluation.Report r = AnomalyEvaluation.evaluate(items, List.of(scored(0.1f, 0.2f),
                scored(0.1f, 0.9f)), 0.5);
        assertEquals(1, r.overall().defect(), "still an image-level defect");
        assertEquals(1.0, r.overall().imageAuroc(), 1e-12);
        assertEquals(0, r.overall().withMask());
        assertNull(r.overall().pixelAuroc(), "no readable defect mask: no pixel metrics");
        assertEquals(1, r.maskFailures().size());
        AnomalyEvaluation.MaskFailure f = r.maskFailures().get(0);
        assertEquals(1, f.item());
        assertEquals(broken, f.mask());
        assertTrue(f.reason().contains("broken_mask.png") && f.reason().contains("not an image"), f.reason());
    }

    @Test
    void unlabelledItemsGiveNoReport() throws Exception {
        assertNull(AnomalyEvaluation.evaluate(List.of(new AnomalyItem(Path.of("u.png"), AnomalyLabel.UNKNOWN, null,
                null)), List.of(scored(0, 1)), 0.5));
    }
}
