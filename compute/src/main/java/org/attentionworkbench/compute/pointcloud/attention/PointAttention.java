package org.attentionworkbench.compute.pointcloud.attention;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.attentionworkbench.compute.explain.HeadFusion;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.pointcloud.PointCloudException;

/**
 * An attention array loaded beside a cloud from a .npy file: {@code [N]} (one value per point),
 * {@code [N, N]} (row i: where point i attends) or {@code [H, N, N]} per head, as point transformers
 * such as PCT export it ({@code [1, H, N, N]} with a batch of one is accepted too).
 *
 * <p>Only the header is read when opening; {@link #row} reads the rows it needs from the file at
 * their offset, so a 20,000-point matrix (1.6 GB of float32) never enters the heap whole.
 * float32, float64 and the integer types {@link Npy} reads are accepted.
 */
public final class PointAttention {
    private final Path file;
    private final Npy.Header header;
    private final int heads;
    private final int points;
    private final boolean perPoint;

    private PointAttention(Path file, Npy.Header header, int heads, int points, boolean perPoint) {
        this.file = file;
        this.header = header;
        this.heads = heads;
        this.points = points;
        this.perPoint = perPoint;
    }

    /**
     * Opens {@code npy} for a cloud of {@code cloudPoints} points read from {@code cloudName} (named in
     * the error when the sizes differ, as is the attention file).
     */
    public static PointAttention open(Path npy, int cloudPoints, String cloudName) throws IOException {
        Npy.Header h = Npy.readHeader(npy);
        int[] s = h.shape();
        if (s.length == 4 && s[0] == 1) {
            s = Arrays.copyOfRange(s, 1, 4);
        }
        String cloud = cloudName == null ? "the cloud" : "the cloud " + cloudName;
        if (s.length >= 1 && (long) s[s.length - 1] * h.dtype().itemSize() > Integer.MAX_VALUE - 8) {
            throw new PointCloudException(npy, null, -1, "rows of " + s[s.length - 1] + " values are too long to read");
        }
        switch (s.length) {
            case 1 -> {
                checkRows(npy, s, s[0], cloudPoints, cloud, "values");
                return new PointAttention(npy, h, 1, s[0], true);
            }
            case 2, 3 -> {
                int rows = s[s.length - 2];
                int cols = s[s.length - 1];
                if (rows != cols) {
                    throw new PointCloudException(npy, null, -1, "shape " + Arrays.toString(h.shape())
                            + " is not square: each query point needs a row over all points (N × N)");
                }
                checkRows(npy, s, rows, cloudPoints, cloud, "rows");
                return new PointAttention(npy, h, s.length == 3 ? s[0] : 1, rows, false);
            }
            default -> throw new PointCloudException(npy, null, -1, "shape " + Arrays.toString(h.shape())
                    + ": attention on points must be [N], [N, N] or [H, N, N]");
        }
    }

    private static void checkRows(Path npy, int[] shape, int rows, int cloudPoints, String cloud,
            String what) throws PointCloudException {
        if (rows != cloudPoints) {
            throw new PointCloudException(npy, null, -1, String.format(Locale.ROOT,
                    "%,d %s (shape %s) but %s has %,d points", rows, what, Arrays.toString(shape), cloud,
                    cloudPoints));
        }
    }

    public Path file() {
        return file;
    }

    /** Heads: 1 for [N] and [N, N]. */
    public int heads() {
        return heads;
    }

    /** N: the cloud's point count. */
    public int points() {
        return points;
    }

    /** True for an [N] file: one value per point, the same whatever the query. */
    public boolean isPerPoint() {
        return perPoint;
    }

    /**
     * The attention of {@code query} over all points, for one head (0 for [N] and [N, N] files). For a
     * per-point file the values themselves, whatever the query.
     */
    public float[] row(int query, int head) throws IOException {
        checkQuery(query);
        if (head < 0 || head >= heads) {
            throw new IllegalArgumentException("head " + head + " out of range: " + file.getFileName() + " has "
                    + heads + " head(s)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, perPoint ? 0 : (long) head * points + query);
        }
    }

    /** The query's row with the heads fused (mean, min or max per point). */
    public float[] row(int query, HeadFusion fusion) throws IOException {
        checkQuery(query);
        if (perPoint) {
            return row(query, 0);
        }
        float[] out = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int h = 0; h < heads; h++) {
                float[] r = read(ch, (long) h * points + query);
                if (out == null) {
                    out = r;
                    continue;
                }
                for (int j = 0; j < points; j++) {
                    out[j] = switch (fusion) {
                        case MEAN -> out[j] + r[j];
                        case MIN -> Math.min(out[j], r[j]);
                        case MAX -> Math.max(out[j], r[j]);
                    };
                }
            }
        }
        if (fusion == HeadFusion.MEAN) {
            for (int j = 0; j < points; j++) {
                out[j] /= heads;
            }
        }
        return out;
    }

    private void checkQuery(int query) {
        if (query < 0 || query >= points) {
            throw new IllegalArgumentException("query point " + query + " out of range 0.." + (points - 1));
        }
    }

    /** Row {@code row} (of N values) at its offset in the file. */
    private float[] read(FileChannel ch, long row) throws IOException {
        int item = header.dtype().itemSize();
        ByteBuffer buf = ByteBuffer.allocate(points * item).order(ByteOrder.LITTLE_ENDIAN);
        long at = header.dataOffset() + row * points * item;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at + buf.position());
            if (n < 0) {
                throw new PointCloudException(file, "data", at + buf.position(), "file ends inside row " + row);
            }
        }
        buf.flip();
        float[] out = new float[points];
        for (int j = 0; j < points; j++) {
            out[j] = switch (header.dtype()) {
                case FLOAT32 -> buf.getFloat();
                case FLOAT64 -> (float) buf.getDouble();
                case INT64 -> buf.getLong();
                case INT32 -> buf.getInt();
                case UINT8 -> Byte.toUnsignedInt(buf.get());
            };
        }
        return out;
    }
}
