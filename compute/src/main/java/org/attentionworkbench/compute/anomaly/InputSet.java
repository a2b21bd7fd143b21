package org.attentionworkbench.compute.anomaly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images of a batch run with what labels their layout gives (a small reader for the CLI; the
 * dataset readers of the data package cover MVTec/BTAD/VisA in full).
 *
 * <p>Labels: an image in a folder named good/normal/ok is normal, in any other sub-folder of the input
 * folder anomalous (MVTec test/&lt;defect&gt;/, dobot_cubes abnormal/); images given one by one, or lying
 * directly in the input folder, are unlabelled. Masks: {@code stem_mask.png|jpg} beside the image, or
 * MVTec's {@code ../../ground_truth/<defect>/<stem>_mask.png}. Mask files and ground_truth folders are
 * never inputs.
 */
public final class InputSet {
    private static final Set<String> EXT = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final Set<String> NORMAL = Set.of("good", "normal", "ok");

    /** One image: its label (null = unknown) and its mask file (null = none). */
    public record Item(Path file, String name, Boolean anomalous, Path mask) {}

    private InputSet() {}

    /** Collects images from folders (recursively) and files, sorted by path, without the excluded files. */
    public static List<Item> collect(List<Path> inputs, Set<Path> exclude) throws IOException {
        List<Item> out = new ArrayList<>();
        Set<Path> skip = new java.util.HashSet<>();
        for (Path e : exclude) {
            skip.add(e.toAbsolutePath().normalize());
        }
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(in)) {
                    files = s.filter(Files::isRegularFile).filter(InputSet::isImage)
                            .filter(p -> !isMask(p) && !underGroundTruth(in, p)).sorted(Comparator.naturalOrder())
                            .toList();
                }
                for (Path f : files) {
                    if (!skip.contains(f.toAbsolutePath().normalize())) {
                        out.add(new Item(f, in.relativize(f).toString(), label(in, f), mask(f)));
                    }
                }
            } else if (Files.isRegularFile(in)) {
                if (!skip.contains(in.toAbsolutePath().normalize())) {
                    out.add(new Item(in, in.getFileName().toString(), null, mask(in)));
                }
            } else {
                throw new IOException(in + ": no such file or folder");
            }
        }
        return out;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXT.contains(n.substring(dot + 1)) && !n.startsWith(".");
    }

    private static boolean isMask(Path p) {
        return stem(p).toLowerCase(Locale.ROOT).endsWith("_mask");
    }

    private static boolean underGroundTruth(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().equals("ground_truth")) {
                return true;
            }
        }
        return false;
    }

    private static Boolean label(Path root, Path f) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() < 2) {
            return null;
        }
        String folder = rel.getName(rel.getNameCount() - 2).toString().toLowerCase(Locale.ROOT);
        return !NORMAL.contains(folder);
    }

    private static Path mask(Path f) {
        String stem = stem(f);
        Path dir = f.toAbsolutePath().getParent();
        for (String ext : List.of(".png", ".jpg", ".jpeg", ".bmp")) {
            Path beside = dir.resolve(stem + "_mask" + ext);
            if (Files.isRegularFile(beside)) {
                return beside;
            }
        }
        Path defect = dir.getFileName();
        Path split = dir.getParent();
        if (defect != null && split != null && split.getParent() != null) {
            Path gt = split.getParent().resolve("ground_truth").resolve(defect.toString()).resolve(stem + "_mask.png");
            if (Files.isRegularFile(gt)) {
                return gt;
            }
        }
        return null;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
