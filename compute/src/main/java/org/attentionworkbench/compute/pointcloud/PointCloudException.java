package org.attentionworkbench.compute.pointcloud;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A point-cloud file that cannot be read or written as it is. The message names the file, the part
 * of it (element, field, header key) and, where known, the byte offset, e.g.
 * {@code scan.ply: element vertex, property z at byte 1234: file ends after 51 of 100 vertices}.
 */
public class PointCloudException extends IOException {
    private final transient Path file;
    private final String where;
    private final long offset;

    public PointCloudException(Path file, String where, long offset, String problem) {
        this(file, where, offset, problem, null);
    }

    public PointCloudException(Path file, String where, long offset, String problem, Throwable cause) {
        super(format(file, where, offset, problem), cause);
        this.file = file;
        this.where = where;
        this.offset = offset;
    }

    /** A problem with no particular place in the file. */
    public PointCloudException(Path file, String problem) {
        this(file, null, -1, problem);
    }

    private static String format(Path file, String where, long offset, String problem) {
        StringBuilder b = new StringBuilder();
        b.append(file == null ? "(point cloud)" : file.getFileName());
        if (where != null && !where.isEmpty()) {
            b.append(": ").append(where);
        }
        if (offset >= 0) {
            b.append(" at byte ").append(offset);
        }
        return b.append(": ").append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** The element, field or header key at fault, or null. */
    public String where() {
        return where;
    }

    /** Byte offset in the file, or -1 when none applies. */
    public long offset() {
        return offset;
    }
}
