package org.attentionworkbench.cluster;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.attentionworkbench.compute.anomaly.data.AnomalyDatasets;
import org.attentionworkbench.compute.anomaly.pipeline.OutputNames;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * Images where Spark reads them: every path goes through Hadoop's {@link FileSystem}, the layer under
 * {@code SparkContext.binaryFiles} and the {@code binaryFile} source, so local files, hdfs:// and s3a://
 * (with hadoop-aws on the class path) all work. One path is opened at a time by the task that scores
 * it, so a missing or corrupt file fails its own row, not the job (binaryFiles lists every input path
 * up front and fails the whole job on a missing one).
 */
final class ImageSource {
    /** Largest file accepted as an image; the decoder then checks the pixel count from the header. */
    static final long MAX_FILE_BYTES = 1L << 30;

    private ImageSource() {}

    /** A folder's images: its qualified path (the names' root) and the files' qualified paths, sorted. */
    record Listing(String root, List<String> files) {}

    /** The image files below {@code root} (recursively), as {@code InspectionInputs.images} picks them. */
    static Listing listFolder(String root, Configuration conf) throws IOException {
        Path p = new Path(root);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus st;
        try {
            st = fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(root, null, "no such file or folder");
        }
        if (st.isFile()) {
            return new Listing(st.getPath().getParent().toString(), List.of(st.getPath().toString()));
        }
        String base = st.getPath().toString();
        List<String> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
        while (it.hasNext()) {
            String f = it.next().getPath().toString();
            if (isImage(f.substring(Math.min(f.length(), base.length() + 1)))) {
                out.add(f);
            }
        }
        out.sort(null);
        return new Listing(base, out);
    }

    /** Image extension, no hidden file, no mask ({@code _mask}, {@code ground_truth/}). */
    static boolean isImage(String relative) {
        String n = relative.substring(relative.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && !n.startsWith(".") && AnomalyDatasets.IMAGE_EXTENSIONS.contains(n.substring(dot + 1))
                && !n.substring(0, dot).endsWith("_mask") && !relative.contains("ground_truth/");
    }

    /** The path with its filesystem's scheme and authority and made absolute, as listings give it. */
    static String qualified(String path, Configuration conf) {
        Path p = new Path(path);
        try {
            return p.getFileSystem(conf).makeQualified(p).toString();
        } catch (IOException | IllegalArgumentException e) {
            return path; // an unknown scheme: the row will say so when the file is read
        }
    }

    /** An image's pixels, decoded by compute's {@link ImageFiles} (the CLI's decoder); errors name the path. */
    static RgbImage read(String path, Configuration conf) throws IOException {
        try (InputStream in = open(path, conf)) {
            return ImageFiles.decode(in, path, ImageFiles.Workload.MODEL_INPUT, ImageFiles.Progress.NONE).rgb();
        }
    }

    /** A small file's bytes (a prompt image, shipped to the executors). */
    static byte[] readBytes(String path, Configuration conf) throws IOException {
        try (InputStream in = open(path, conf)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus st;
        try {
            st = fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(path, null, "no such file");
        }
        if (st.isDirectory()) {
            throw new IOException(path + ": a folder, not an image");
        }
        if (st.getLen() > MAX_FILE_BYTES) {
            throw new IOException(String.format(Locale.ROOT, "%s: %,d bytes, more than the %,d an image may have",
                    path, st.getLen(), MAX_FILE_BYTES));
        }
        return fs.open(p);
    }

    /**
     * The heatmap's file name below heatmaps/: the path below the input folder, or for a listed path its
     * host and path ({@code hdfs://nn/a/b.jpg} → {@code nn/a/b.jpg.png}), made safe as the CLI makes it.
     * Distinct paths give distinct names without a global pass.
     */
    static String heatmapName(String root, String path) {
        String rel;
        if (root != null && path.startsWith(root + "/")) {
            rel = path.substring(root.length() + 1);
        } else {
            URI u = new Path(path).toUri();
            rel = (u.getAuthority() == null ? "" : u.getAuthority() + "/") + u.getPath();
        }
        return OutputNames.heatmaps(List.of(rel)).get(0);
    }
}
