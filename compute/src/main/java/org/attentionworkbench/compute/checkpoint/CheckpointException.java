package org.attentionworkbench.compute.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint could not be read: unknown format, corrupt or truncated file, a missing key, a refused
 * pickle global. The message always names the file and, where one is involved, the key.
 */
public class CheckpointException extends RuntimeException {
    private final String file;

    public CheckpointException(String file, String message) {
        super(message + " (file " + file + ")");
        this.file = file;
    }

    public CheckpointException(String file, String message, Throwable cause) {
        super(message + " (file " + file + ")", cause);
        this.file = file;
    }

    public CheckpointException(Path file, String message) {
        this(String.valueOf(file), message);
    }

    public CheckpointException(Path file, String message, Throwable cause) {
        this(String.valueOf(file), message, cause);
    }

    /** The file (or resource label) the problem is in. */
    public String file() {
        return file;
    }

    /** Message naming a tensor key, quoted so that empty or odd names stay visible. */
    static CheckpointException forKey(String file, String key, String problem) {
        return new CheckpointException(file, "tensor '" + key + "': " + problem);
    }

    static CheckpointException forKey(String file, String key, String problem, Throwable cause) {
        return new CheckpointException(file, "tensor '" + key + "': " + problem, cause);
    }
}
