package org.attentionworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which page a file opens on: point clouds by extension, folder or content; images stay images. */
class FileKindsTest {
    @Test
    void pointCloudsByExtensionFolderAndContent(@TempDir Path dir) throws Exception {
        assertTrue(FileKinds.isPointCloud(dir.resolve("scan.ply")));
        assertTrue(FileKinds.isPointCloud(dir.resolve("frame.PCD")));
        assertTrue(FileKinds.isPointCloud(dir.resolve("tile.laz")));
        assertTrue(FileKinds.isPointCloud(dir), "a folder is a Potree cloud (or refused by its reader)");
        assertFalse(FileKinds.isPointCloud(dir.resolve("photo.png")));
        assertFalse(FileKinds.isPointCloud(dir.resolve("photo.JPG")));
        Path disguised = dir.resolve("scan.bin");
        Files.writeString(disguised, "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
                + "property float z\nend_header\n1 2 3\n");
        assertTrue(FileKinds.isPointCloud(disguised), "a PLY by its magic, whatever its name");
        Path noise = dir.resolve("noise.bin");
        Files.write(noise, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        assertFalse(FileKinds.isPointCloud(noise));
    }
}
