package org.attentionworkbench.compute.colorize;

import java.io.IOException;

/** A hints file that cannot be read or written; the message names the file and the reason. */
public final class HintFileException extends IOException {
    public HintFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public HintFileException(String message) {
        super(message);
    }
}
