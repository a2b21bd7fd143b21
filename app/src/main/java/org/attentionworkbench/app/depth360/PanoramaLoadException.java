package org.attentionworkbench.app.depth360;

import java.nio.file.Path;

/** A panorama file that cannot be shown, with the file and the reason. */
public final class PanoramaLoadException extends Exception {
    private final Path file;

    public PanoramaLoadException(Path file, String reason, Throwable cause) {
        super(file.getFileName() + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
