package org.attentionworkbench.compute.pointcloud.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read forward through one large buffer (a FileChannel filled in big chunks): binary readers
 * take values at {@link #pos} through {@link #buffer}, text readers byte by byte through {@link #array}.
 */
final class FileBytes implements Closeable {
    static final int CHUNK = 1 << 20;

    final Path file;
    final long size;
    private final FileChannel channel;
    /** The buffer's bytes; valid from {@link #pos} to {@link #limit}. */
    final byte[] array;
    /** {@link #array} as a ByteBuffer in the file's byte order, for absolute typed gets. */
    final ByteBuffer buffer;
    int pos;
    int limit;
    /** File offset of array[0]. */
    private long base;

    FileBytes(Path file, long start, int minCapacity, ByteOrder order) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        // small files get a small buffer (the fuzzer reads thousands of them)
        long left = Math.max(0, size - start);
        this.array = new byte[Math.max(minCapacity, (int) Math.min(CHUNK, Math.max(64, left)))];
        this.buffer = ByteBuffer.wrap(array).order(order);
        channel.position(Math.min(start, size));
        this.base = Math.min(start, size);
    }

    /** File offset of the next unread byte. */
    long offset() {
        return base + pos;
    }

    /** Bytes left in the file after {@link #offset()}. */
    long remaining() {
        return size - offset();
    }

    /**
     * Makes at least {@code n} (at most the buffer's length) bytes available at {@link #pos}; false
     * at the end of the file.
     */
    boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (n > array.length) {
            throw new IllegalArgumentException("record of " + n + " bytes is larger than the buffer");
        }
        int left = limit - pos;
        System.arraycopy(array, pos, array, 0, left);
        base += pos;
        pos = 0;
        limit = left;
        ByteBuffer target = ByteBuffer.wrap(array);
        while (limit < n) {
            target.limit(array.length).position(limit);
            int r = channel.read(target);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        // fill the rest too while data is there, so the next calls rarely read
        if (limit < array.length && base + limit < size) {
            target.limit(array.length).position(limit);
            int r = channel.read(target);
            if (r > 0) {
                limit += r;
            }
        }
        return true;
    }

    /** The next byte (0..255), or -1 at the end of the file. */
    int read() throws IOException {
        if (pos >= limit && !ensure(1)) {
            return -1;
        }
        return array[pos++] & 0xff;
    }

    /** Skips {@code n} bytes; false when the file ends first. */
    boolean skip(long n) throws IOException {
        if (n < 0 || n > remaining()) {
            return false;
        }
        if (n <= limit - pos) {
            pos += (int) n;
            return true;
        }
        long target = offset() + n;
        channel.position(target);
        base = target;
        pos = 0;
        limit = 0;
        return true;
    }

    /** Reads exactly {@code n} bytes from the current offset into a new array; null when the file ends first. */
    byte[] readFully(int n) throws IOException {
        if (n > remaining()) {
            return null;
        }
        byte[] out = new byte[n];
        int have = Math.min(n, limit - pos);
        System.arraycopy(array, pos, out, 0, have);
        pos += have;
        if (have == n) {
            return out;
        }
        // the channel stands at the end of the buffered bytes, which were all copied: read the rest
        ByteBuffer target = ByteBuffer.wrap(out, have, n - have);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                return null;
            }
        }
        base = channel.position();
        pos = 0;
        limit = 0;
        return out;
    }

    /**
     * The next line as ISO-8859-1 text without its CR LF, at most {@code max} bytes; null at the end
     * of the file. {@link #lineComplete} says whether the line ended (LF or end of file) within them.
     */
    String readLine(int max) throws IOException {
        if (pos >= limit && !ensure(1)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        lineComplete = false;
        while (b.length() < max) {
            int c = read();
            if (c < 0) {
                lineComplete = true;
                break;
            }
            if (c == '\n') {
                lineComplete = true;
                break;
            }
            b.append((char) c);
        }
        if (!b.isEmpty() && b.charAt(b.length() - 1) == '\r') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    /** Whether the last {@link #readLine} found the line's end. */
    boolean lineComplete;

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
