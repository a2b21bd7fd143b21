package org.attentionworkbench.compute.pointcloud.lod;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.compute.pointcloud.ReadControl;

/**
 * Octrees kept on disk so that reopening a large cloud is instant. One file per source file, named
 * by a hash of its absolute path, under a folder the caller chooses (the app uses
 * {@code ~/.cache/attention-workbench/octrees}); the file records the source's size and modification
 * time, the build options and the point count, and is used only when all of them still match.
 *
 * <p>A missing, stale, truncated or corrupt cache (a CRC-32C over the whole file, and the tree is
 * checked as a permutation with nested node ranges) is never an error: the octree is built again and
 * the file replaced. Writes are atomic ({@link AtomicFiles}); a cache that cannot be written is
 * reported in {@link Loaded#note()} and otherwise ignored.
 *
 * <p>Format (big-endian): magic {@code AWOCTREE}, version, source path, size, mtime, point and finite
 * counts, options, cube, node table, order, CRC.
 */
public final class OctreeCache {
    private static final byte[] MAGIC = "AWOCTREE".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int CHUNK = 1 << 16;

    private final Path dir;

    public OctreeCache(Path dir) {
        this.dir = dir;
    }

    /**
     * An octree and where it came from.
     *
     * @param fromCache true when read from the cache
     * @param note      why it was (re)built or could not be stored, in words; empty when nothing to say
     */
    public record Loaded(Octree octree, boolean fromCache, String note) {}

    /**
     * The per-user folder for octree caches: {@code $XDG_CACHE_HOME/attention-workbench/octrees}, else
     * {@code ~/.cache/attention-workbench/octrees}.
     */
    public static Path userCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("attention-workbench").resolve("octrees");
    }

    /** The cache file for a source file. */
    public Path fileFor(Path source) {
        String key = source.toAbsolutePath().normalize().toString();
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h, 0, 16) + ".octree");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The octree of {@code cloud} (read from {@code source}) from the cache, or built (with progress and
     * cancel) and stored. Only cancelling throws.
     */
    public Loaded loadOrBuild(Path source, PointCloud cloud, Octree.BuildOptions options, ReadControl control)
            throws InterruptedIOException {
        String why;
        try {
            Octree cached = read(source, cloud.size(), options);
            return new Loaded(cached, true, "");
        } catch (NoSuchFileException e) {
            why = "";
        } catch (IOException | RuntimeException e) {
            why = "cache not used (" + e.getMessage() + ")";
        }
        Octree built = Octree.build(cloud, options, control);
        try {
            write(source, built);
        } catch (IOException | RuntimeException e) {
            why = (why.isEmpty() ? "" : why + "; ") + "cache not written (" + e.getMessage() + ")";
        }
        return new Loaded(built, false, why);
    }

    /** Writes the octree of {@code source} (whose current size and mtime are recorded). */
    public void write(Path source, Octree octree) throws IOException {
        String path = source.toAbsolutePath().normalize().toString();
        long size = Files.size(source);
        long mtime = Files.getLastModifiedTime(source).toMillis();
        AtomicFiles.write(fileFor(source), raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(path);
            out.writeLong(size);
            out.writeLong(mtime);
            out.writeInt(octree.pointCount());
            out.writeInt(octree.finiteCount());
            Octree.BuildOptions o = octree.options();
            out.writeInt(o.gridSize());
            out.writeInt(o.maxPointsPerLeaf());
            out.writeInt(o.maxDepth());
            for (float f : octree.cubeMin()) {
                out.writeFloat(f);
            }
            out.writeFloat(octree.cubeSize());
            out.writeInt(octree.nodes().size());
            for (Octree.Node n : octree.nodes()) {
                out.writeInt(n.level());
                out.writeFloat(n.minX());
                out.writeFloat(n.minY());
                out.writeFloat(n.minZ());
                out.writeFloat(n.maxX());
                out.writeFloat(n.maxY());
                out.writeFloat(n.maxZ());
                out.writeFloat(n.spacing());
                out.writeInt(n.offset());
                out.writeInt(n.count());
                out.writeInt(n.subtreeEnd());
                out.writeInt(n.parent());
                out.writeInt(n.children().length);
                for (int c : n.children()) {
                    out.writeInt(c);
                }
            }
            int[] order = octree.order();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.BIG_ENDIAN);
            for (int i = 0; i < order.length; ) {
                int k = Math.min(CHUNK / 4, order.length - i);
                buf.clear();
                buf.asIntBuffer().put(order, i, k);
                out.write(buf.array(), 0, 4 * k);
                i += k;
            }
            out.flush();
            long crc = checked.getChecksum().getValue();
            new DataOutputStream(raw).writeLong(crc);
        });
    }

    /**
     * The cached octree of {@code source}, or an exception saying why it cannot be used
     * ({@link NoSuchFileException} when there is none; stale, corrupt or built otherwise).
     */
    public Octree read(Path source, int pointCount, Octree.BuildOptions options) throws IOException {
        Path file = fileFor(source);
        String path = source.toAbsolutePath().normalize().toString();
        long size = Files.size(source);
        long mtime = Files.getLastModifiedTime(source).toMillis();
        long fileSize = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC) || in.readInt() != VERSION) {
                throw new IOException("not an octree cache of this version");
            }
            if (!in.readUTF().equals(path)) {
                throw new IOException("cache of another file (hash collision)");
            }
            if (in.readLong() != size || in.readLong() != mtime) {
                throw new IOException("stale: " + source.getFileName() + " changed since it was cached");
            }
            int points = in.readInt();
            int finite = in.readInt();
            Octree.BuildOptions o = new Octree.BuildOptions(in.readInt(), in.readInt(), in.readInt());
            if (points != pointCount || !o.equals(options)) {
                throw new IOException("built for " + points + " points with " + o + ", not " + pointCount
                        + " with " + options);
            }
            float[] cubeMin = {in.readFloat(), in.readFloat(), in.readFloat()};
            float cubeSize = in.readFloat();
            int nodeCount = in.readInt();
            // each node takes at least 52 bytes: a count beyond the file is corruption, not an allocation
            if (nodeCount < 0 || nodeCount > fileSize / 52 || 4L * points > fileSize) {
                throw new IOException("corrupt or truncated: " + nodeCount + " nodes and " + points + " points in "
                        + fileSize + " bytes");
            }
            List<Octree.Node> nodes = new ArrayList<>(nodeCount);
            for (int i = 0; i < nodeCount; i++) {
                int level = in.readInt();
                float[] box = new float[7];
                for (int k = 0; k < 7; k++) {
                    box[k] = in.readFloat();
                }
                int offset = in.readInt();
                int count = in.readInt();
                int end = in.readInt();
                int parent = in.readInt();
                int nc = in.readInt();
                if (nc < 0 || nc > 8) {
                    throw new IOException("corrupt: node " + i + " has " + nc + " children");
                }
                int[] children = new int[nc];
                for (int c = 0; c < nc; c++) {
                    children[c] = in.readInt();
                }
                nodes.add(new Octree.Node(level, box[0], box[1], box[2], box[3], box[4], box[5], box[6], offset,
                        count, end, parent, children));
            }
            int[] order = new int[points];
            byte[] chunk = new byte[CHUNK];
            for (int i = 0; i < points; ) {
                int k = Math.min(CHUNK / 4, points - i);
                in.readFully(chunk, 0, 4 * k);
                ByteBuffer.wrap(chunk, 0, 4 * k).order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(order, i, k);
                i += k;
            }
            long crc = checked.getChecksum().getValue();
            if (new DataInputStream(raw).readLong() != crc || raw.read() != -1) {
                throw new IOException("corrupt: checksum mismatch");
            }
            try {
                return new Octree(points, finite, o, cubeMin, cubeSize, order, nodes);
            } catch (IllegalArgumentException e) {
                throw Octree.invalid("corrupt", e);
            }
        } catch (EOFException e) {
            throw new IOException("corrupt: the file is truncated", e);
        }
    }
}
