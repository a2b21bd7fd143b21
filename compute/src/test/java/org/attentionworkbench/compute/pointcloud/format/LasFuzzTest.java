package org.attentionworkbench.compute.pointcloud.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.PointCloudException;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as a .las file: read, and the cloud's bounds and fields touched. Only the reader's typed
 * refusal ({@link PointCloudException}, an IOException naming the file) may come out.
 */
class LasFuzzTest {
    @FuzzTest
    @Timeout(30)
    void read(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".las");
        try {
            Files.write(file, data);
            PointCloud c = new LasFormat().read(file, ReadControl.NONE);
            c.bounds();
            c.fields().forEach(f -> f.range());
        } catch (PointCloudException expected) {
            // a typed refusal that names the file
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
