package org.attentionworkbench.compute.anomaly.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the common anomaly-detection folder layouts into one {@link AnomalyDataset} model and tells
 * them apart ({@link #detect}). Files are listed in name order, so a dataset reads the same everywhere.
 *
 * <ul>
 *   <li>MVTec AD (one category): {@code train/good}, {@code test/<defect|good>},
 *       {@code ground_truth/<defect>/<name>_mask.png}.</li>
 *   <li>BTAD (one product): {@code train/ok}, {@code test/{ok,ko}}, {@code ground_truth/ko/<name>.png|.bmp}.</li>
 *   <li>VisA: {@code split_csv/1cls.csv}, columns object,split,label(normal|anomaly),image,mask, paths
 *       relative to the root (the split the VisA authors publish and anomalib reads).</li>
 *   <li>Plain folders: subfolders named good / normal / ok hold good images, any other subfolder is a
 *       defect class; an optional {@code train/} holds prompt images. Masks are a sibling
 *       {@code <name>_mask.*} or {@code ground_truth/<class>/<name>[_mask].*}. A flat folder of images
 *       works too: X.jpg with an X_mask.jpg beside it is a defect of class X, an image named good* /
 *       normal* / ok* is good, any other is unknown.</li>
 * </ul>
 */
public final class AnomalyDatasets {
    /** Extensions of files taken as images (what ImageIO reads here). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff", "gif");

    private static final Set<String> GOOD_NAMES = Set.of("good", "normal", "ok");
    private static final Set<String> MASK_FOLDERS = Set.of("ground_truth", "groundtruth", "masks", "mask", "gt");
    private static final String VISA_CSV = "split_csv/1cls.csv";

    private AnomalyDatasets() {}

    /** Reads {@code root} in the layout {@link #detect} finds. */
    public static AnomalyDataset open(Path root) throws IOException {
        return switch (detect(root)) {
            case MVTEC -> readMvtec(root);
            case BTAD -> readBtad(root);
            case VISA -> readVisa(Files.isRegularFile(root) ? visaRoot(root) : root, null);
            case FOLDERS -> readFolders(root);
        };
    }

    /** Which layout {@code root} is in; a DatasetException naming the folder when none fits. */
    public static DatasetLayout detect(Path root) throws IOException {
        if (Files.isRegularFile(root) && root.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return DatasetLayout.VISA;
        }
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": no such folder");
        }
        if (Files.isRegularFile(root.resolve(VISA_CSV))) {
            return DatasetLayout.VISA;
        }
        if (Files.isDirectory(root.resolve("train/good")) || Files.isDirectory(root.resolve("test/good"))) {
            return DatasetLayout.MVTEC;
        }
        if (Files.isDirectory(root.resolve("train/ok")) || Files.isDirectory(root.resolve("test/ko"))) {
            return DatasetLayout.BTAD;
        }
        // the root of a benchmark (MVTec AD, BTAD) holds one dataset per category: ask for one
        List<String> nested = new ArrayList<>();
        for (Path d : subfolders(root)) {
            if (Files.isDirectory(d.resolve("train/good")) || Files.isDirectory(d.resolve("train/ok"))) {
                nested.add(d.getFileName().toString());
            }
        }
        if (!nested.isEmpty()) {
            throw new DatasetException(root + ": holds several datasets (" + String.join(", ", nested)
                    + "); open one of them");
        }
        if (hasImagesBelow(root, 2)) {
            return DatasetLayout.FOLDERS;
        }
        throw new DatasetException(root + ": no images found; expected an MVTec AD category (train/good, test/),"
                + " a BTAD product (train/ok, test/ko), a VisA root (" + VISA_CSV + "),"
                + " or folders of images (good/ and defect folders)");
    }

    // ------------------------------------------------------------------------------------------- MVTec AD

    public static AnomalyDataset readMvtec(Path root) throws IOException {
        Path test = root.resolve("test");
        List<Path> train = images(root.resolve("train/good"));
        List<AnomalyItem> items = new ArrayList<>();
        for (Path cls : subfolders(test)) {
            String name = cls.getFileName().toString();
            boolean good = name.equals("good");
            for (Path img : images(cls)) {
                Path mask = good ? null : findMask(root.resolve("ground_truth").resolve(name), stem(img), true);
                items.add(new AnomalyItem(img, good ? AnomalyLabel.GOOD : AnomalyLabel.DEFECT, name, mask));
            }
        }
        return checked(new AnomalyDataset(root, DatasetLayout.MVTEC, train, items));
    }

    // ----------------------------------------------------------------------------------------------- BTAD

    public static AnomalyDataset readBtad(Path root) throws IOException {
        List<Path> train = images(root.resolve("train/ok"));
        List<AnomalyItem> items = new ArrayList<>();
        for (Path img : images(root.resolve("test/ok"))) {
            items.add(new AnomalyItem(img, AnomalyLabel.GOOD, "ok", null));
        }
        for (Path img : images(root.resolve("test/ko"))) {
            Path mask = findMask(root.resolve("ground_truth/ko"), stem(img), true);
            items.add(new AnomalyItem(img, AnomalyLabel.DEFECT, "ko", mask));
        }
        return checked(new AnomalyDataset(root, DatasetLayout.BTAD, train, items));
    }

    // ----------------------------------------------------------------------------------------------- VisA

    /**
     * Reads the VisA 1-class split. {@code object} picks one object ("candle", "pcb1", ...); null takes
     * all rows. The defect class of an anomaly is "anomaly" (the split names no defect types).
     */
    public static AnomalyDataset readVisa(Path root, String object) throws IOException {
        Path csv = root.resolve(VISA_CSV);
        if (!Files.isRegularFile(csv)) {
            throw new DatasetException(root + ": no " + VISA_CSV + " (the VisA split file)");
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DatasetException(csv + ": empty");
        }
        Map<String, Integer> col = new HashMap<>();
        String[] header = lines.get(0).replace("\uFEFF", "").split(",", -1);
        for (int i = 0; i < header.length; i++) {
            col.put(header[i].trim().toLowerCase(Locale.ROOT), i);
        }
        for (String need : List.of("object", "split", "label", "image", "mask")) {
            if (!col.containsKey(need)) {
                throw new DatasetException(csv + ": header has no '" + need + "' column (wants object,split,label,image,mask)");
            }
        }
        List<Path> train = new ArrayList<>();
        List<AnomalyItem> items = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < header.length) {
                throw new DatasetException(csv + ":" + (n + 1) + ": " + f.length + " fields, header has " + header.length);
            }
            if (object != null && !f[col.get("object")].trim().equals(object)) {
                continue;
            }
            Path img = root.resolve(f[col.get("image")].trim());
            if (!Files.isRegularFile(img)) {
                throw new DatasetException(csv + ":" + (n + 1) + ": image " + img + " not found");
            }
            String split = f[col.get("split")].trim().toLowerCase(Locale.ROOT);
            String label = f[col.get("label")].trim().toLowerCase(Locale.ROOT);
            String maskField = f[col.get("mask")].trim();
            if (split.equals("train")) {
                train.add(img);
            } else if (split.equals("test")) {
                boolean good = label.equals("normal");
                if (!good && !label.equals("anomaly")) {
                    throw new DatasetException(csv + ":" + (n + 1) + ": label '" + label + "' is not normal or anomaly");
                }
                Path mask = maskField.isEmpty() ? null : root.resolve(maskField);
                if (mask != null && !Files.isRegularFile(mask)) {
                    throw new DatasetException(csv + ":" + (n + 1) + ": mask " + mask + " not found");
                }
                items.add(new AnomalyItem(img, good ? AnomalyLabel.GOOD : AnomalyLabel.DEFECT,
                        good ? "good" : "anomaly", mask));
            } else {
                throw new DatasetException(csv + ":" + (n + 1) + ": split '" + split + "' is not train or test");
            }
        }
        if (object != null && train.isEmpty() && items.isEmpty()) {
            throw new DatasetException(csv + ": no rows for object '" + object + "'");
        }
        return checked(new AnomalyDataset(root, DatasetLayout.VISA, train, items));
    }

    private static Path visaRoot(Path csv) {
        // <root>/split_csv/1cls.csv
        Path parent = csv.toAbsolutePath().getParent();
        return parent.getParent() == null ? parent : parent.getParent();
    }

    // -------------------------------------------------------------------------------------- plain folders

    public static AnomalyDataset readFolders(Path root) throws IOException {
        List<Path> train = new ArrayList<>();
        List<AnomalyItem> items = new ArrayList<>();
        Path maskRoot = null;
        for (Path d : subfolders(root)) {
            if (MASK_FOLDERS.contains(d.getFileName().toString().toLowerCase(Locale.ROOT))) {
                maskRoot = d;
            }
        }
        for (Path d : subfolders(root)) {
            String name = d.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (d.equals(maskRoot)) {
                continue;
            }
            if (lower.equals("train")) {
                train.addAll(images(Files.isDirectory(d.resolve("good")) ? d.resolve("good") : d));
                continue;
            }
            boolean good = GOOD_NAMES.contains(lower);
            for (Path img : images(d)) {
                if (isMaskName(img)) {
                    continue;
                }
                Path mask = good ? null : findMask(d, stem(img), false);
                if (mask == null && !good && maskRoot != null) {
                    mask = findMask(maskRoot.resolve(name), stem(img), true);
                }
                items.add(new AnomalyItem(img, good ? AnomalyLabel.GOOD : AnomalyLabel.DEFECT, good ? "good" : name, mask));
            }
        }
        // loose images in the root: the flat layout
        for (Path img : images(root)) {
            if (isMaskName(img)) {
                continue;
            }
            String s = stem(img);
            Path mask = findMask(root, s, false);
            String lower = s.toLowerCase(Locale.ROOT);
            if (mask != null) {
                items.add(new AnomalyItem(img, AnomalyLabel.DEFECT, className(s), mask));
            } else if (GOOD_NAMES.stream().anyMatch(lower::startsWith)) {
                items.add(new AnomalyItem(img, AnomalyLabel.GOOD, "good", null));
            } else {
                items.add(new AnomalyItem(img, AnomalyLabel.UNKNOWN, null, null));
            }
        }
        return checked(new AnomalyDataset(root, DatasetLayout.FOLDERS, train, items));
    }

    /** "crack_003" → "crack": a flat folder's defect class is the name without its running number. */
    static String className(String stem) {
        String c = stem.replaceAll("[-_ ]*\\d+$", "");
        return c.isEmpty() ? stem : c;
    }

    // -------------------------------------------------------------------------------------------- helpers

    private static AnomalyDataset checked(AnomalyDataset d) throws DatasetException {
        if (d.items().isEmpty() && d.train().isEmpty()) {
            throw new DatasetException(d.root() + ": read as " + d.layout() + " but holds no images");
        }
        return d;
    }

    /** {@code <stem>_mask.<ext>}, or with {@code plainName} also {@code <stem>.<ext>}, in {@code dir}. */
    private static Path findMask(Path dir, String stem, boolean plainName) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        for (String ext : List.of("png", "bmp", "jpg", "jpeg", "tif", "tiff", "gif", "PNG", "BMP", "JPG", "JPEG")) {
            Path p = dir.resolve(stem + "_mask." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
            if (plainName) {
                p = dir.resolve(stem + "." + ext);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean isMaskName(Path img) {
        return stem(img).toLowerCase(Locale.ROOT).endsWith("_mask");
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return !n.startsWith(".") && dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT))
                && Files.isRegularFile(p);
    }

    /** Image files directly in {@code dir}, by name; none when the folder is missing. */
    static List<Path> images(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(AnomalyDatasets::isImage).sorted().toList();
        }
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static boolean hasImagesBelow(Path dir, int depth) throws IOException {
        try (Stream<Path> s = Files.walk(dir, depth)) {
            return s.anyMatch(AnomalyDatasets::isImage);
        }
    }
}
