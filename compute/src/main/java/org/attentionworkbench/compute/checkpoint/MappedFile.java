package org.attentionworkbench.compute.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file mapped into memory. Files up to 2 GiB are mapped once and sliced; larger files are
 * mapped per region (one tensor or storage each), since a ByteBuffer cannot exceed 2 GiB and the FFM
 * API is not final in Java 21. Mappings are released by the garbage collector after {@link #close}.
 */
final class MappedFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final MappedByteBuffer whole;

    private MappedFile(Path path, FileChannel channel, long size, MappedByteBuffer whole) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.whole = whole;
    }

    static MappedFile open(Path path) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            MappedByteBuffer whole = size <= Integer.MAX_VALUE
                    ? channel.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
            return new MappedFile(path, channel, size, whole);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CheckpointException(path, "cannot open: " + e.getMessage(), e);
        }
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    /** Bytes [offset, offset+length) in little-endian order; fails naming the file when out of range. */
    ByteBuffer region(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new CheckpointException(path, what + ": bytes [" + offset + ", " + (offset + length)
                    + ") lie outside the file of " + size + " bytes (truncated or corrupt)");
        }
        if (length > Integer.MAX_VALUE) {
            throw new CheckpointException(path, what + ": one region of " + length
                    + " bytes exceeds 2 GiB, which a single buffer cannot hold");
        }
        if (whole != null) {
            return whole.slice((int) offset, (int) length).order(ByteOrder.LITTLE_ENDIAN);
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new CheckpointException(path, what + ": cannot map: " + e.getMessage(), e);
        }
    }

    /** A small range copied to the heap (headers, pickles). */
    byte[] bytes(long offset, int length, String what) {
        ByteBuffer b = region(offset, length, what);
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Nothing was written; a failed close of a read-only channel loses nothing.
            }
        }
    }
}
