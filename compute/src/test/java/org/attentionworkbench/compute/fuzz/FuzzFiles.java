package org.attentionworkbench.compute.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz inputs as files, for loaders that take a path: one temporary folder per JVM, one file per name,
 * overwritten by each input (a fuzzer runs tens of thousands of inputs; none is left behind).
 */
public final class FuzzFiles {
    private static Path dir;

    private FuzzFiles() {}

    /** Writes {@code data} to {@code name} in the fuzz folder and returns its path. */
    public static synchronized Path write(String name, byte[] data) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("workbench-fuzz");
                dir.toFile().deleteOnExit();
            }
            Path file = dir.resolve(name);
            Files.write(file, data);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
