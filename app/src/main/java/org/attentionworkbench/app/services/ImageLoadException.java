package org.attentionworkbench.app.services;

/** An image could not be opened; names the file and says why in words a user can act on. */
public final class ImageLoadException extends Exception {
    private final String fileName;
    private final String reason;

    public ImageLoadException(String fileName, String reason, Throwable cause) {
        super(fileName + ": " + reason, cause);
        this.fileName = fileName;
        this.reason = reason;
    }

    public ImageLoadException(String fileName, String reason) {
        this(fileName, reason, null);
    }

    public String fileName() {
        return fileName;
    }

    public String reason() {
        return reason;
    }
}
