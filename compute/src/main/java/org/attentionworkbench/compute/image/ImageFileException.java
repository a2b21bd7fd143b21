package org.attentionworkbench.compute.image;

import java.io.IOException;

/**
 * An image file could not be decoded; the message names the file and says why in words a user can
 * act on ("photo.jpg: truncated JPEG (ends at byte 4096 of 4096)"). An {@link IOException}, so code that
 * reads files already handles it.
 */
public final class ImageFileException extends IOException {
    /** What went wrong, for callers that react differently (a batch that skips damaged files, say). */
    public enum Kind {
        /** Missing, a folder, unreadable or empty. */
        NOT_READABLE,
        /** Not a format we decode (PNG, JPEG, BMP, GIF). */
        NOT_AN_IMAGE,
        /** Cut short or corrupt: refused rather than padded with grey. */
        DAMAGED,
        /** Above the size limits, or more memory than this JVM may use; refused before decoding. */
        TOO_LARGE
    }

    private final String fileName;
    private final String reason;
    private final Kind kind;

    public ImageFileException(String fileName, Kind kind, String reason, Throwable cause) {
        super(fileName + ": " + reason, cause);
        this.fileName = fileName;
        this.reason = reason;
        this.kind = kind;
    }

    public ImageFileException(String fileName, Kind kind, String reason) {
        this(fileName, kind, reason, null);
    }

    /** The file's name as given to the decoder (a path, or a sample's name). */
    public String fileName() {
        return fileName;
    }

    /** The message without the file name. */
    public String reason() {
        return reason;
    }

    public Kind kind() {
        return kind;
    }

    /** The message alone: it is what a user reads ("workbench: photo.jpg: ..."), the class name is noise there. */
    @Override
    public String toString() {
        return getMessage();
    }
}
