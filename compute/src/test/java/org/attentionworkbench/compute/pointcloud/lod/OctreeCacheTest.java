package org.attentionworkbench.compute.pointcloud.lod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ReadControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OctreeCacheTest {
    private static final Octree.BuildOptions OPT = new Octree.BuildOptions(8, 300, 18);

    @TempDir
    Path tmp;

    private Path source() throws Exception {
        Path src = tmp.resolve("scan.ply");
        Files.writeString(src, "stand-in for the cloud's file: only its path, size and mtime matter");
        return src;
    }

    @Test
    void roundTripThenInstantReopen() throws Exception {
        Path src = source();
        PointCloud cloud = OctreeTest.terrain(20_000, 4);
        OctreeCache cache = new OctreeCache(tmp.resolve("octrees"));

        OctreeCache.Loaded first = cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE);
        assertFalse(first.fromCache());
        assertEquals("", first.note());
        assertTrue(Files.isRegularFile(cache.fileFor(src)));

        OctreeCache.Loaded second = cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE);
        assertTrue(second.fromCache(), second.note());
        Octree a = first.octree();
        Octree b = second.octree();
        assertArrayEquals(a.order(), b.order());
        assertEquals(a.nodes().size(), b.nodes().size());
        for (int i = 0; i < a.nodes().size(); i++) {
            Octree.Node x = a.node(i);
            Octree.Node y = b.node(i);
            assertEquals(x.offset(), y.offset());
            assertEquals(x.count(), y.count());
            assertEquals(x.level(), y.level());
            assertEquals(x.minX(), y.minX());
            assertEquals(x.maxZ(), y.maxZ());
            assertEquals(x.spacing(), y.spacing());
            assertArrayEquals(x.children(), y.children());
        }
        assertArrayEquals(a.cubeMin(), b.cubeMin());
        assertEquals(a.cubeSize(), b.cubeSize());
    }

    @Test
    void staleCacheIsRebuilt() throws Exception {
        Path src = source();
        PointCloud cloud = OctreeTest.terrain(5_000, 4);
        OctreeCache cache = new OctreeCache(tmp);
        cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE);
        Files.setLastModifiedTime(src, FileTime.fromMillis(Files.getLastModifiedTime(src).toMillis() + 5_000));

        OctreeCache.Loaded again = cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE);
        assertFalse(again.fromCache());
        assertTrue(again.note().contains("stale"), again.note());
        // and the rebuilt one was stored for next time
        assertTrue(cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE).fromCache());

        // other options or another point count: rebuilt too
        assertFalse(cache.loadOrBuild(src, cloud, new Octree.BuildOptions(8, 301, 18), ReadControl.NONE).fromCache());
        assertFalse(cache.loadOrBuild(src, OctreeTest.terrain(5_001, 4), new Octree.BuildOptions(8, 301, 18),
                ReadControl.NONE).fromCache());
    }

    @Test
    void corruptOrTruncatedCacheIsRebuiltNotAnError() throws Exception {
        Path src = source();
        PointCloud cloud = OctreeTest.terrain(5_000, 9);
        OctreeCache cache = new OctreeCache(tmp);
        Octree good = cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE).octree();
        Path file = cache.fileFor(src);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 0x5A; // inside the order
        Files.write(file, flipped);
        OctreeCache.Loaded a = cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE);
        assertFalse(a.fromCache());
        assertTrue(a.note().contains("corrupt"), a.note());
        assertArrayEquals(good.order(), a.octree().order());

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        OctreeCache.Loaded b = cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE);
        assertFalse(b.fromCache());
        assertTrue(b.note().contains("truncated"), b.note());

        Files.writeString(file, "not an octree");
        assertFalse(cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE).fromCache());
        assertTrue(cache.loadOrBuild(src, cloud, OPT, ReadControl.NONE).fromCache());
    }

    @Test
    void unwritableCacheFolderIsANoteOnly() throws Exception {
        Path src = source();
        Path blocker = tmp.resolve("blocker");
        Files.writeString(blocker, "a file where the cache folder should be");
        OctreeCache cache = new OctreeCache(blocker.resolve("octrees"));
        OctreeCache.Loaded r = cache.loadOrBuild(src, OctreeTest.terrain(1000, 1), OPT, ReadControl.NONE);
        assertFalse(r.fromCache());
        assertTrue(r.note().contains("not written"), r.note());
        assertEquals(1000, r.octree().finiteCount());
    }
}
