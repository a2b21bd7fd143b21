package org.attentionworkbench.compute.anomaly.pipeline;

import java.io.IOException;

/** The output folder cannot be used (not a folder, not writable): found before any image is scored. */
public final class OutputFolderException extends IOException {
    public OutputFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
