package org.attentionworkbench.compute.anomaly.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;

/** Tiny images for the pipeline tests: grey parts, some with a red square. */
final class PipelineFixtures {
    private PipelineFixtures() {}

    static Path image(Path file, boolean defect, String format) throws IOException {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean red = defect && x >= 8 && x < 24 && y >= 8 && y < 24;
                img.setRGB(x, y, red ? 0xE01010 : 0x808080 + ((x + y) % 2) * 0x010101);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, format, file.toFile());
        return file;
    }

    /** A file with an image's name and bytes that decode as nothing. */
    static Path corrupt(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H'});
        return file;
    }

    static InspectionTarget target(Path file, String name, AnomalyLabel label) {
        return new InspectionTarget(new AnomalyItem(file, label, label == AnomalyLabel.DEFECT ? "red" : null, null),
                name);
    }
}
