package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.models.catalog.ModelCache;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which depth models the page lists, and how a picked checkpoint is recognised. */
class DepthModelChoiceTest {
    @Test
    void installedDepthModelsAreListedFromTheCache(@TempDir Path cache) throws Exception {
        assertTrue(DepthModelChoice.installed(cache).isEmpty());
        ModelCatalog.Entry e = ModelCatalog.builtIn().depthEntries().get(0);
        Path dir = ModelCache.modelDir(cache, e.id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ModelCache.CARD), "{}");
        for (ModelCatalog.FileSpec f : e.files) {
            Files.write(dir.resolve(f.fileName), new byte[] {1});
        }
        List<DepthModelChoice> listed = DepthModelChoice.installed(cache);
        assertEquals(1, listed.size());
        assertEquals(DepthModelChoice.Kind.DEPTH_ANYTHING, listed.get(0).kind());
        assertEquals(dir, listed.get(0).path());
    }

    @Test
    void aCheckpointIsOmniFusionOnlyWhenItsKeysSaySo(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("depth_anything_v2_vits.pth");
        Files.write(other, new byte[] {1, 2, 3});
        DepthModelChoice c = DepthModelChoice.checkpoint(other);
        assertEquals(DepthModelChoice.Kind.DEPTH_ANYTHING, c.kind());
        assertTrue(c.label().contains("depth_anything_v2_vits.pth"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DepthModelChoice.checkpoint(dir.resolve("missing.pth")));
        assertTrue(e.getMessage().contains("missing.pth"));
        assertEquals(DepthModelChoice.Kind.SIMULATED, DepthModelChoice.simulated().kind());
        // OmniFusion's tiny golden checkpoint (compute's test resources; tests run inside app/)
        Path omni = Path.of("..", "compute", "src", "test", "resources", "goldens", "omnifusion", "omnifusion_w16.pth");
        assertEquals(DepthModelChoice.Kind.OMNIFUSION, DepthModelChoice.checkpoint(omni).kind());
    }
}
