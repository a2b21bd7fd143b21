package org.attentionworkbench.compute.io;

import java.io.IOException;

/** A .npy file is malformed or uses a feature this reader does not support; the message names the file. */
public class NpyFormatException extends IOException {
    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
