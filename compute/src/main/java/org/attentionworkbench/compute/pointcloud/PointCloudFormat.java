package org.attentionworkbench.compute.pointcloud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One file format: how to recognise it from its first bytes, read it, and (if it can) write it.
 * {@link PointClouds} holds the list of formats.
 */
public interface PointCloudFormat {
    /** Short name shown to users and in {@code pointcloud info}: "PLY", "PCD", "LAS", "LAZ", "XYZ", "Potree". */
    String name();

    /** Lower-case extensions without the dot, the first one the one written. */
    List<String> extensions();

    /**
     * Whether a file that starts with {@code head} (up to 4096 bytes, fewer for short files) is in
     * this format. Content decides: the name is only a hint for formats without a magic (XYZ).
     */
    boolean sniff(byte[] head, String fileName);

    PointCloud read(Path file, ReadControl control) throws IOException;

    default boolean canWrite() {
        return false;
    }

    default void write(PointCloud cloud, Path file, WriteOptions options) throws IOException {
        throw new PointCloudException(file, name() + " files cannot be written");
    }
}
