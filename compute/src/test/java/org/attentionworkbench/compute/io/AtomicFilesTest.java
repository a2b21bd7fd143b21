package org.attentionworkbench.compute.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesTheWholeContentAndLeavesNoTemporaryFile() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17]; // several buffers' worth, not a multiple of one
        new Random(1).nextBytes(data);
        Path target = dir.resolve("sub/folder/data.bin");
        AtomicFiles.write(target, out -> {
            for (int i = 0; i < data.length; i += 1000) {
                out.write(data, i, Math.min(1000, data.length - i));
            }
        });
        assertArrayEquals(data, Files.readAllBytes(target));
        assertEquals(List.of(target.getFileName()), names(target.getParent()));
    }

    @Test
    void replacesAnOldFileWhole() throws IOException {
        Path target = dir.resolve("notes.json");
        AtomicFiles.writeString(target, "old content that is longer than the new one");
        AtomicFiles.writeString(target, "néw");
        assertEquals("néw", Files.readString(target, StandardCharsets.UTF_8));
        AtomicFiles.writeBytes(target, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target.getFileName()), names(dir));
    }

    @Test
    void aWriterThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("scores.csv");
        Files.writeString(target, "the old file");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]); // past the buffer: part of it is already in the temporary file
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals("the old file", Files.readString(target));
        assertEquals(List.of(target.getFileName()), names(dir));
    }

    @Test
    void anUncheckedFailureIsCleanedUpToo() throws IOException {
        Path target = dir.resolve("image.png");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new UncheckedIOException(new IOException("encoder broke"));
        }));
        assertTrue(Files.notExists(target));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aWriterMayCloseItsStream() throws IOException {
        Path target = dir.resolve("closed.txt");
        AtomicFiles.write(target, out -> {
            out.write("closed early".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertEquals("closed early", Files.readString(target));
        assertEquals(List.of(target.getFileName()), names(dir));
    }

    @Test
    void commitMovesACompleteFileOverTheTarget() throws IOException {
        Path part = dir.resolve("model.bin.part");
        Path target = dir.resolve("model.bin");
        Files.writeString(target, "old");
        Files.writeString(part, "downloaded");
        AtomicFiles.commit(part, target);
        assertEquals("downloaded", Files.readString(target));
        assertEquals(List.of(target.getFileName()), names(dir));
    }

    @Test
    void refusesToReplaceAFolder() throws IOException {
        Path target = Files.createDirectories(dir.resolve("out"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "x"));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of(target.getFileName()), names(dir));
    }

    @Test
    void theTemporaryFileIsASiblingWithAShortEnoughName() {
        Path target = dir.resolve("x".repeat(250));
        Path tmp = AtomicFiles.tempSibling(target);
        assertEquals(dir, tmp.getParent());
        assertTrue(tmp.getFileName().toString().length() <= 255, tmp.getFileName().toString());
        assertTrue(tmp.getFileName().toString().startsWith("."));
    }

    private static List<Path> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }
}
