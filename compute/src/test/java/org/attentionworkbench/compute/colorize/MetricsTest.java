package org.attentionworkbench.compute.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.Test;

/** PSNR and SSIM against their limits and skimage's values on a noisy pair. */
class MetricsTest {
    private static final Path RES = Path.of("src/test/resources/colorize");

    @Test
    void identicalImages() throws Exception {
        RgbImage a = ImageFiles.read(RES.resolve("metrics_a.png"));
        assertEquals(Double.POSITIVE_INFINITY, Metrics.psnr(a, a));
        assertEquals(50.0, Metrics.psnrClamped(a, a), 1e-9);
        assertEquals(1.0, Metrics.ssim(a, a), 1e-12);
    }

    @Test
    void noisyPairMatchesSkimage() throws Exception {
        RgbImage a = ImageFiles.read(RES.resolve("metrics_a.png"));
        RgbImage b = ImageFiles.read(RES.resolve("metrics_b.png"));
        double[] golden = Npy.read(RES.resolve("metrics_noise.npy")).toDoubles();
        assertEquals(golden[0], Metrics.psnr(a, b), 1e-9);
        assertEquals(golden[1], Metrics.ssim(a, b), 1e-6);
    }
}
