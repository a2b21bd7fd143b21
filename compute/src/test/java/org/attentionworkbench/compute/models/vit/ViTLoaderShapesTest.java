package org.attentionworkbench.compute.models.vit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints with a ViT's key names but shapes that do not fit end in one CheckpointException listing
 * the misfits, never an index error or a silently wrong slicing (fuzz seeds from tools/fuzz/make_seeds.py).
 */
class ViTLoaderShapesTest {
    private static Path seed(String name) throws URISyntaxException {
        return Path.of(ViTLoaderShapesTest.class.getResource(
                "/org/attentionworkbench/compute/checkpoint/SafetensorsFuzzTestInputs/open/" + name).toURI());
    }

    private static CheckpointException refused(String name) throws URISyntaxException {
        try (Checkpoint c = Checkpoints.open(seed(name))) {
            return assertThrows(CheckpointException.class,
                    () -> ViTLoader.load(c, ViTOptions.defaults().withHeads(1)));
        }
    }

    @Test
    void aSmallTimmVitLoads() throws URISyntaxException {
        try (Checkpoint c = Checkpoints.open(seed("vit_timm_f16.safetensors"))) {
            ViTConfig cfg = ViTLoader.load(c, ViTOptions.defaults()).config();
            assertEquals(64, cfg.dim());
            assertEquals(1, cfg.heads());
            assertEquals(1, cfg.depth());
        }
    }

    @Test
    void qkvOfTheWrongSizeIsNotSliced() throws URISyntaxException {
        CheckpointException e = refused("vit_timm_bad_qkv.safetensors");
        assertTrue(e.getMessage().contains("qkv.weight is [13, 4], expected [12, 4]"), e.getMessage());
    }

    @Test
    void layerScaleThatDoesNotFitIsReported() throws URISyntaxException {
        CheckpointException e = refused("vit_dinov2_bad_gamma.safetensors");
        assertTrue(e.getMessage().contains("ls1 [3] does not fit"), e.getMessage());
    }
}
