package org.attentionworkbench.compute.models.catalog;

import java.io.IOException;

/** A model download that did not finish; {@link #kind()} says why, the message says what to do. */
public final class DownloadException extends IOException {
    /** Why a download stopped. */
    public enum Kind {
        /** No connection to the host (DNS, refused, unreachable, connect timeout). */
        OFFLINE,
        /** The server answered with an error status. */
        HTTP,
        /** The file arrived but its sha256 or size is not the one expected. */
        CHECKSUM,
        /** The server offered or sent more bytes than the catalog's figure for the file; nothing is kept. */
        TOO_LARGE,
        /** The user cancelled; the partial file is kept for a resume. */
        CANCELLED,
        /** The transfer broke off (or stalled) part way; the partial file is kept for a resume. */
        INTERRUPTED,
        /** Writing to the cache failed. */
        STORAGE
    }

    private final Kind kind;

    public DownloadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DownloadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isOffline() {
        return kind == Kind.OFFLINE;
    }
}
