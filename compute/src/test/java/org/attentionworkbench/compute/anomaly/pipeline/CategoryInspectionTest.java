package org.attentionworkbench.compute.anomaly.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.CategoryFolders;
import org.attentionworkbench.compute.anomaly.data.DatasetException;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several categories in one run: each must score against its own prompt and be thresholded by its own
 * normaliser. The two categories are built so that a leak shows: category "red"'s normal parts are the
 * colour of category "grey"'s defects, and their brightness spreads differ, so their thresholds do.
 */
class CategoryInspectionTest {
    private final Device device = TestDevices.java();

    /** A 32×32 part of colour {@code base}, with a 16×16 square of {@code square} when not 0. */
    static Path part(Path file, int base, int square) throws IOException {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean in = square != 0 && x >= 8 && x < 24 && y >= 8 && y < 24;
                img.setRGB(x, y, in ? square : base);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static int grey(int v) {
        return (v << 16) | (v << 8) | v;
    }

    private static int red(int v) {
        return (v << 16) | ((v / 8) << 8) | (v / 8);
    }

    /** grey: grey parts with red defects; red: red parts (wider spread) with grey defects; docs/: no dataset. */
    static Path twoCategories(Path root) throws IOException {
        for (int i = 0; i < 6; i++) {
            part(root.resolve("grey/train/good/" + i + ".png"), grey(120 + 2 * i), 0);
            part(root.resolve("red/train/good/" + i + ".png"), red(150 + 12 * i), 0);
        }
        for (int i = 0; i < 3; i++) {
            part(root.resolve("grey/test/good/g" + i + ".png"), grey(121 + 2 * i), 0);
            part(root.resolve("grey/test/spot/s" + i + ".png"), grey(121 + 2 * i), red(220));
            part(root.resolve("red/test/good/g" + i + ".png"), red(156 + 12 * i), 0);
            part(root.resolve("red/test/spot/s" + i + ".png"), red(156 + 12 * i), grey(128));
        }
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/readme.txt"), "not a category");
        return root;
    }

    @Test
    void detectsACategoryRootButNotOneCategory(@TempDir Path dir) throws IOException {
        Path root = twoCategories(dir.resolve("set"));
        assertTrue(CategoryFolders.isCategoryRoot(root));
        assertFalse(CategoryFolders.isCategoryRoot(root.resolve("grey")), "one category is a dataset, not a root");
        CategoryFolders.Root r = CategoryFolders.open(root, Set.of());
        assertEquals(List.of("grey", "red"), r.categories().stream().map(CategoryFolders.Category::name).toList());
        assertEquals(List.of("docs"), r.skipped());
        assertEquals(List.of("red"), CategoryFolders.open(root, Set.of("red")).categories().stream()
                .map(CategoryFolders.Category::name).toList());
        DatasetException e = assertThrows(DatasetException.class, () -> CategoryFolders.open(root, Set.of("cable")));
        assertTrue(e.getMessage().contains("no category cable") && e.getMessage().contains("grey, red"), e.getMessage());
    }

    @Test
    void eachCategoryHasItsOwnPromptAndNormaliser(@TempDir Path dir) throws IOException {
        Path root = twoCategories(dir.resolve("set"));
        List<CategoryInspection.CategoryRequest> reqs = CategoryInspection.requests(CategoryFolders.open(root,
                Set.of()), dir.resolve("stand-in"), 1, InspectionRequest.Options.defaults().withInputSize(32));
        assertEquals(2, reqs.size());
        for (CategoryInspection.CategoryRequest c : reqs) {
            assertEquals(1, c.request().prompts().size());
            assertTrue(c.request().prompts().get(0).toString().contains("/" + c.name() + "/train/good/"),
                    "prompt of " + c.name() + " from its own train/good: " + c.request().prompts());
            assertFalse(c.request().calibration().isEmpty());
            c.request().calibration().forEach(p -> assertTrue(p.toString().contains("/" + c.name() + "/train/")));
            c.request().targets().forEach(t -> assertTrue(t.name().startsWith(c.name() + "/test/"), t.name()));
            assertEquals(6, c.request().targets().size());
        }
        CategoryInspection.Result result;
        try (ColourPatches fx = new ColourPatches(device, 4, 32)) {
            result = CategoryInspection.run(reqs, fx, (i, c) -> new InspectionListener() {}, () -> false);
        }
        assertFalse(result.cancelled());
        assertEquals(12, result.scoredCount());
        Normalizer[] norms = new Normalizer[2];
        for (int k = 0; k < 2; k++) {
            CategoryInspection.CategoryResult c = result.categories().get(k);
            // the same as that category run alone: nothing of the other category took part
            RunResult alone;
            try (ColourPatches fx = new ColourPatches(device, 4, 32)) {
                alone = InspectionPipeline.run(reqs.get(k).request(), fx, new InspectionListener() {}, () -> false);
            }
            norms[k] = c.run().normalizer();
            assertTrue(norms[k].calibrated(), c.name() + ": calibrated on its own held-out images");
            assertEquals(alone.normalizer().threshold(), norms[k].threshold(), 1e-9, c.name());
            for (int i = 0; i < 6; i++) {
                assertEquals(alone.results().get(i).score(), c.run().results().get(i).score(), 1e-6);
            }
            // its own prompt: every defect above every good part, and its own threshold flags exactly the defects
            assertEquals(1.0, c.run().report().overall().imageAuroc(), 1e-12, c.name());
            for (int i = 0; i < 6; i++) {
                boolean defect = c.run().request().targets().get(i).name().contains("/spot/");
                assertEquals(defect, norms[k].flagged(c.run().results().get(i).score()),
                        c.run().request().targets().get(i).name());
                double common = CategoryInspection.commonScale(norms[k], c.run().results().get(i).score());
                assertEquals(defect, common > 0.5, "common scale keeps the category's decision");
            }
        }
        assertNotEquals(norms[0].threshold(), norms[1].threshold(), 1e-6, "the spreads differ, so must the thresholds");
        assertEquals(1.0, result.mean(m -> m.imageAuroc()), 1e-12);

        // pooled on the common scale: raw scores of the two categories would not separate this well
        RunResult all = CategoryInspection.combined(result);
        assertEquals(12, all.scoredCount());
        assertEquals(result.flaggedCount(), all.flaggedCount(), "0.5 on the common scale = each category's threshold");
        assertEquals(6, all.flaggedCount());
        assertEquals(1.0, all.report().overall().imageAuroc(), 1e-12);
        assertEquals(0.5, all.normalizer().threshold());
        assertEquals("red/test/good/g0.png", all.request().targets().get(6).name());
    }

    @Test
    void writesACategoryColumnAndPerCategoryMetrics(@TempDir Path dir) throws IOException {
        Path root = twoCategories(dir.resolve("set"));
        List<CategoryInspection.CategoryRequest> reqs = CategoryInspection.requests(CategoryFolders.open(root,
                Set.of()), dir.resolve("stand-in"), 1, InspectionRequest.Options.defaults().withInputSize(32));
        CategoryInspection.Result result;
        try (ColourPatches fx = new ColourPatches(device, 4, 32)) {
            result = CategoryInspection.run(reqs, fx, (i, c) -> new InspectionListener() {}, () -> false);
        }
        Path out = dir.resolve("out");
        try (RunFolder folder = RunFolder.prepare(out)) {
            CategoryOutputs.write(folder, root, result, device, true);
        }
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("category,file,label,class,score,normalised,flagged,heatmap,error", csv.get(0));
        assertEquals(13, csv.size());
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            int k = f[0].equals("grey") ? 0 : 1;
            assertTrue(f[1].startsWith(f[0] + "/"), line);
            Normalizer n = result.categories().get(k).run().normalizer();
            float score = Float.parseFloat(f[4]);
            assertEquals(n.image(score), Float.parseFloat(f[5]), 1e-4, "normalised by its own category: " + line);
            assertEquals(f[1].contains("/spot/"), Boolean.parseBoolean(f[6]), line);
            assertTrue(Files.isRegularFile(out.resolve(f[7])), "heatmap " + f[7]);
        }
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        JsonObject cats = m.getAsJsonObject("categories");
        assertEquals(Set.of("grey", "red"), cats.keySet());
        for (int k = 0; k < 2; k++) {
            JsonObject c = cats.getAsJsonObject(k == 0 ? "grey" : "red");
            assertEquals(result.categories().get(k).run().normalizer().threshold(),
                    c.get("threshold").getAsDouble(), 1e-9);
            assertEquals(1.0, c.get("image_auroc").getAsDouble(), 1e-12);
        }
        assertEquals(1.0, m.getAsJsonObject("mean").get("image_auroc").getAsDouble(), 1e-12);
        assertEquals(2, m.getAsJsonObject("mean").get("image_auroc_categories").getAsInt());
        assertEquals(12, m.get("scored").getAsInt());
    }

    @Test
    void commonScaleShowsLikeTheCategorysOwnNormaliser() {
        Normalizer n = new Normalizer(0.1, 0.2, 0.6, "test", true);
        ImageResult r = new ImageResult(0.7f, new float[] {0.05f, 0.9f}, 1, 2,
                new org.attentionworkbench.compute.anomaly.AnomalyMap(1, 3, new float[] {0.1f, 0.6f, 1.4f}), null);
        ImageResult c = CategoryInspection.onCommonScale(r, n);
        assertEquals(n.image(0.7f), CategoryInspection.COMMON.image(c.score()), 1e-6);
        assertEquals(0.5 + 0.5 * (0.7 - 0.6) / 0.4, c.score(), 1e-6);
        for (int i = 0; i < 3; i++) {
            assertEquals(n.pixel(r.map().values()[i]), CategoryInspection.COMMON.pixel(c.map().values()[i]), 1e-6);
        }
        assertTrue(c.map().values()[2] > 1, "unclamped: the ranking above the top of the colour scale is kept");
    }
}
