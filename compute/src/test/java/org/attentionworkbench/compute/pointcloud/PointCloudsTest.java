package org.attentionworkbench.compute.pointcloud;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the format detection says about things that are no point cloud. */
class PointCloudsTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWithoutCloudJsIsNamedAsSuch() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("scans"));
        PointCloudException e = assertThrows(PointCloudException.class, () -> PointClouds.read(empty));
        assertTrue(e.getMessage().startsWith("scans: a folder without cloud.js"), e.getMessage());
    }

    @Test
    void anEmptyFileIsNoKnownFormat() throws IOException {
        Path zero = Files.createFile(dir.resolve("zero.las"));
        PointCloudException e = assertThrows(PointCloudException.class, () -> PointClouds.read(zero));
        assertTrue(e.getMessage().startsWith("zero.las: not a point cloud this program reads"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        PointCloudException e = assertThrows(PointCloudException.class, () -> PointClouds.read(dir.resolve("nope.ply")));
        assertTrue(e.getMessage().contains("nope.ply: no such file"), e.getMessage());
    }
}
