package org.attentionworkbench.compute.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way this project writes a file: into a temporary file beside the target, flushed to the disk
 * (fsync), then renamed over the target. A reader sees the old file or the whole new one, never half a
 * file; a writer that fails part way leaves the old file as it was and no temporary file behind.
 */
public final class AtomicFiles {
    /** Writes a file's content into the stream it is given (the stream is closed by {@link AtomicFiles}). */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    private static final int BUFFER = 64 * 1024;
    /** Leaves room in a 255-byte file name for the dot, the random part and ".tmp". */
    private static final int MAX_STEM = 200;

    private AtomicFiles() {}

    /** Creates the parent folders, runs {@code writer} on a temporary file, then renames it over {@code target}. */
    public static void write(Path target, IoConsumer<OutputStream> writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(abs)) { // a replacing move would swap an empty folder for the file
            throw new IOException(abs + " is a folder, not a file");
        }
        Path tmp = tempSibling(abs);
        boolean done = false;
        try {
            // CREATE_NEW: never reuse a name another writer holds; a plain name (not createTempFile) keeps the
            // ordinary permissions, where createTempFile would make the result owner-only
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(ch)), BUFFER);
                writer.accept(out);
                out.flush();
                ch.force(true); // the bytes are on the disk before the rename makes them the target
            }
            moveIntoPlace(tmp, abs);
            done = true;
            syncFolder(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** {@link #write} of UTF-8 text. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        writeBytes(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #write} of a byte array. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * For a file written by other means (a resumable download): flushes {@code complete} to the disk and
     * renames it over {@code target} in the same folder.
     */
    public static void commit(Path complete, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(complete, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        moveIntoPlace(complete, target);
        syncFolder(target.toAbsolutePath().getParent());
    }

    /**
     * Renames a complete file over {@code to}: atomically where the file system can, otherwise a plain
     * replacing move (some network and FUSE file systems have no atomic rename).
     */
    public static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code .<name>.<random>.tmp} in the target's folder: the same file system, so the rename is cheap. */
    static Path tempSibling(Path target) {
        String name = target.getFileName().toString();
        String stem = name.length() > MAX_STEM ? name.substring(0, MAX_STEM) : name;
        return target.resolveSibling("." + stem + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + ".tmp");
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS); else skips. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the file itself was already forced
        }
    }

    /** A writer may close the stream it is given; the channel stays open until it has been forced. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
