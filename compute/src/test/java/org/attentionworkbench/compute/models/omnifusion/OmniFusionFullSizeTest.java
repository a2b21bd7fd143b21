package org.attentionworkbench.compute.models.omnifusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The real widths (ResNet-34 64…512, a 512-wide transformer, 18 patches of 128²), which are too large to
 * commit (~170 MB): run after {@code /usr/bin/python3 tools/depth/make_omnifusion_goldens.py --full
 * /tmp/omnifusion_full.pth} with
 * {@code mvn -B -o -pl compute -Dtest=OmniFusionFullSizeTest -Dsurefire.extra=-Domnifusion.full=/tmp/omnifusion_full.pth verify}.
 * Checks the 64×128 reference (2 iterations) and times one 512×1024 forward on the Java backend.
 */
@EnabledIfSystemProperty(named = "omnifusion.full", matches = ".+")
class OmniFusionFullSizeTest {
    @Test
    void realWidthsMatchPyTorchAndA512x1024ForwardIsTimed() throws Exception {
        Path pth = Path.of(System.getProperty("omnifusion.full"));
        String stem = pth.toString().replaceAll("\\.pth$", "");
        try (OmniFusion model = OmniFusion.open(pth, TestDevices.java())) {
            assertEquals(new OmniFusionConfig(4, 18, 128, 80, 2, false), model.config());
            float[] erp = Npy.read(Path.of(stem + "_erp.npy")).toFloats();
            float[] want = Npy.read(Path.of(stem + "_depth_iter2.npy")).toFloats();
            float[] got = model.predict(erp, 64, 128, OmniFusionProgress.NONE).depth();
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < want.length; i++) {
                worst = Math.max(worst, Math.abs(want[i] - got[i]));
                scale = Math.max(scale, Math.abs(want[i]));
            }
            System.out.printf("OmniFusion full width, 64x128: max |diff| %.3g (max |depth| %.3g)%n", worst, scale);
            assertTrue(worst <= 1e-4 * Math.max(1, scale), "max |diff| " + worst);

            float[] big = new float[3 * 512 * 1024];
            Random r = new Random(1);
            for (int i = 0; i < big.length; i++) {
                big[i] = r.nextFloat();
            }
            model.predict(big, 512, 1024, OmniFusionProgress.NONE); // warm-up: merge tables, JIT
            long t0 = System.nanoTime();
            ErpDepth out = model.predict(big, 512, 1024, (f, s) -> { });
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("OmniFusion 512x1024, 18 patches of 128, 2 iterations, Java backend (%d threads): %.2f s%n",
                    Runtime.getRuntime().availableProcessors(), seconds);
            assertEquals(512 * 1024, out.depth().length);
        }
    }
}
