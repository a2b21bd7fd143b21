package org.attentionworkbench.compute.models.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.models.VisionModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped catalog is well formed; imports detect the layout and fail with the file's name. */
class CatalogAndImportTest {

    @Test
    void builtInCatalogIsComplete() {
        ModelCatalog c = ModelCatalog.builtIn();
        assertEquals(7, c.entries().size());
        for (ModelCatalog.Entry e : c.entries()) {
            assertTrue(e.licence != null && e.source != null && e.heads > 0 && e.patch > 0, e.id);
            for (ModelCatalog.FileSpec f : e.files) {
                assertTrue(f.url.startsWith("https://"), f.url);
                assertTrue(f.sha256 == null || f.sha256.matches("[0-9a-f]{64}"), e.id);
                assertTrue(f.checksumSource != null && !f.checksumSource.isBlank(),
                        e.id + ": every checksum names its source, and a missing one says why");
                assertTrue(f.limit() > 0 && f.sizeSource != null, e.id + ": every file has a byte limit and its source");
            }
            if (e.labels != null) {
                assertEquals(1000, ModelCatalog.labels(e).size(), e.id);
            }
        }
        ModelCatalog.Entry hf = c.byId("hf-vit-base-patch16-224").orElseThrow();
        assertTrue(hf.config().isPresent(), "HF needs its config.json");
        assertEquals("tabby", ModelCatalog.labels(hf).get(281));
    }

    @Test
    void importCopiesDetectsLayoutAndOpens(@TempDir Path cache) throws Exception {
        Path src = Path.of(getClass().getResource("/goldens/models/timm_vit/model.pth").toURI());
        IOException noHeads = assertThrows(IOException.class,
                () -> ModelImport.importFile(cache, src, ModelImport.Mode.COPY, 0, null));
        assertTrue(noHeads.getMessage().contains(src.toString()) && noHeads.getMessage().contains("head"),
                noHeads.getMessage()); // width 32 has no default head count
        ModelImport.Imported imp = ModelImport.importFile(cache, src, ModelImport.Mode.COPY, 4, "tiny");
        assertEquals("timm", imp.layout());
        try (VisionModel m = VisionModel.open(imp.card(), new JavaDevice())) {
            assertEquals(4, m.network().config().heads());
        }
        InstalledModels.Listing list = InstalledModels.list(cache);
        assertEquals(InstalledModels.Origin.IMPORT, list.models().get(0).origin());
        assertTrue(list.hasTrainedModel());
    }

    @Test
    void importOfANonModelNamesTheFile(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("notes.pth");
        Files.writeString(junk, "not a checkpoint");
        IOException e = assertThrows(IOException.class,
                () -> ModelImport.importFile(dir.resolve("cache"), junk, ModelImport.Mode.REFERENCE, 0, null));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    }
}
