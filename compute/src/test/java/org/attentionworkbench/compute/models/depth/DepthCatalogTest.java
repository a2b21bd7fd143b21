package org.attentionworkbench.compute.models.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.models.catalog.ModelCatalog;
import org.junit.jupiter.api.Test;

/** The shipped catalog's depth entry: its own list (the attention views do not offer it), complete files. */
class DepthCatalogTest {

    @Test
    void depthAnythingSmallIsListedWithItsPublishedChecksum() {
        ModelCatalog c = ModelCatalog.builtIn();
        assertTrue(c.entries().stream().noneMatch(e -> e.id.startsWith("depth-anything")));
        ModelCatalog.Entry e = c.depthEntries().stream().filter(x -> x.id.equals("depth-anything-v2-small-hf"))
                .findFirst().orElseThrow();
        assertEquals("Apache-2.0", e.licence);
        assertEquals(List.of("model.safetensors", "config.json", "preprocessor_config.json"),
                e.files.stream().map(f -> f.fileName).toList());
        ModelCatalog.FileSpec ckpt = e.checkpoint();
        assertEquals("3152477ce0d8d6978d76b995120de97cb5b928701fd0f817769f59e249a16b70", ckpt.sha256);
        assertTrue(ckpt.url.startsWith("https://huggingface.co/depth-anything/Depth-Anything-V2-Small-hf/resolve/main/"));
        // 99.2 MB on the hub must fit the bound
        assertTrue(ckpt.limit() > 99_200_000L && ckpt.limit() < 110_000_000L, "limit " + ckpt.limit());
        for (ModelCatalog.FileSpec f : e.files) {
            assertTrue(f.sha256 != null || f.checksumSource.contains("none published"), f.fileName);
        }
    }
}
