package org.attentionworkbench.compute.pointcloud.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.PointCloudFormat;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a PLY, PCD or XYZ file (the first byte picks which, the rest is the file): sniffed
 * and read. Only {@link PointCloudException} may come out: no other exception, no OutOfMemoryError,
 * no hang.
 */
class PointCloudFormatsFuzzTest {
    private static final List<PointCloudFormat> FORMATS = List.of(new PlyFormat(), new PcdFormat(), new XyzFormat());
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("pointcloud-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    @Timeout(30)
    void read(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        PointCloudFormat format = FORMATS.get((data[0] & 0xff) % FORMATS.size());
        byte[] content = Arrays.copyOfRange(data, 1, data.length);
        Path file = DIR.resolve("fuzz." + format.extensions().get(0));
        Files.write(file, content);
        for (PointCloudFormat f : FORMATS) {
            f.sniff(Arrays.copyOf(content, Math.min(content.length, 4096)), file.getFileName().toString());
        }
        try {
            format.read(file, ReadControl.NONE).bounds();
        } catch (PointCloudException expected) {
            // a typed refusal that names the file
        }
    }
}
