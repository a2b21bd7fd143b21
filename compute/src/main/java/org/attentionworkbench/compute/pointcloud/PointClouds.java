package org.attentionworkbench.compute.pointcloud;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Reads and writes point clouds in every supported format. Reading picks the format by content
 * (magic and header), writing by the output's extension.
 */
public final class PointClouds {
    /**
     * Every format, in the order they are asked to recognise a file (formats with a magic first, XYZ
     * last): the lines of META-INF/services/org.attentionworkbench.compute.pointcloud.PointCloudFormat.
     * Listed there, not here, because the formats (pointcloud.format) use this package, and naming
     * them here would make a package cycle (ArchitectureTest).
     */
    private static final List<PointCloudFormat> FORMATS = ServiceLoader.load(PointCloudFormat.class,
            PointClouds.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private PointClouds() {
    }

    public static List<PointCloudFormat> formats() {
        return FORMATS;
    }

    public static PointCloud read(Path file) throws IOException {
        return read(file, ReadControl.NONE);
    }

    public static PointCloud read(Path file, ReadControl control) throws IOException {
        return detect(file).read(file, control);
    }

    /** The format of {@code file} by its content, or a {@link PointCloudException} naming what it saw. */
    public static PointCloudFormat detect(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new PointCloudException(file, "no such file");
        }
        byte[] head;
        Path probe = Files.isDirectory(file) ? file.resolve("cloud.js") : file; // a Potree 1.x octree is a folder
        if (Files.isDirectory(file) && !Files.isRegularFile(probe)) {
            throw new PointCloudException(file, "a folder without cloud.js (only Potree 1.x folders open as clouds)");
        }
        if (!Files.isRegularFile(probe)) {
            head = new byte[0];
        } else {
            try (InputStream in = Files.newInputStream(probe)) {
                head = in.readNBytes(4096);
            }
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        for (PointCloudFormat f : FORMATS) {
            if (f.sniff(head, name)) {
                return f;
            }
        }
        throw new PointCloudException(file, "not a point cloud this program reads (known: " + names() + ")");
    }

    public static void write(PointCloud cloud, Path file) throws IOException {
        write(cloud, file, WriteOptions.DEFAULT);
    }

    public static void write(PointCloud cloud, Path file, WriteOptions options) throws IOException {
        writerFor(file).write(cloud, file, options);
    }

    /** The writable format for {@code file}'s extension. */
    public static PointCloudFormat writerFor(Path file) throws PointCloudException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        StringBuilder writable = new StringBuilder();
        for (PointCloudFormat f : FORMATS) {
            if (f.canWrite()) {
                if (f.extensions().contains(ext)) {
                    return f;
                }
                writable.append(writable.isEmpty() ? "" : ", ").append(String.join("/", f.extensions()));
            }
        }
        throw new PointCloudException(file, "cannot write '." + ext + "' files (writable: " + writable + ")");
    }

    private static String names() {
        StringBuilder b = new StringBuilder();
        for (PointCloudFormat f : FORMATS) {
            b.append(b.isEmpty() ? "" : ", ").append(f.name());
        }
        return b.toString();
    }
}
