package org.attentionworkbench.compute.anomaly.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A benchmark root that holds one dataset per product type (MVTec AD's {@code bottle/}, {@code cable/} …,
 * BTAD's {@code 01/}, {@code 02/} …): each subfolder is a category in a layout {@link AnomalyDatasets}
 * reads. A category gets its own prompts and its own normaliser; nothing is shared between them.
 *
 * <p>Detection is strict so that one dataset folder is never mistaken for a root: the root itself must
 * not be a dataset (no {@code train/good}, {@code test/good}, {@code train/ok}, {@code test/ko} or VisA
 * split file) and at least one subfolder must be an MVTec AD or BTAD category. Subfolders that are no
 * dataset (a {@code docs/} folder, say) are listed in {@link Root#skipped}, not read.
 */
public final class CategoryFolders {

    /** One category: its folder's name and the dataset read from it. */
    public record Category(String name, AnomalyDataset dataset) {}

    /** The categories found under {@code root}, in name order, and the subfolders that were not datasets. */
    public record Root(Path root, List<Category> categories, List<String> skipped) {
        public Root {
            categories = List.copyOf(categories);
            skipped = List.copyOf(skipped);
        }
    }

    private CategoryFolders() {}

    /** Whether {@code root} is a folder of category datasets rather than a dataset itself. */
    public static boolean isCategoryRoot(Path root) throws IOException {
        if (!Files.isDirectory(root) || isDataset(root) || Files.isRegularFile(root.resolve("split_csv/1cls.csv"))) {
            return false;
        }
        for (Path d : subfolders(root)) {
            if (isDataset(d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads every category of {@code root}; {@code only} (empty: all) picks categories by folder name.
     *
     * @throws DatasetException when {@code root} is no category root, a chosen category is missing, or a
     *                          category folder cannot be read (the message names it)
     */
    public static Root open(Path root, Set<String> only) throws IOException {
        if (!isCategoryRoot(root)) {
            throw new DatasetException(root + ": not a folder of categories (each subfolder an MVTec AD or BTAD"
                    + " dataset with train/good or train/ok)");
        }
        List<Category> categories = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path d : subfolders(root)) {
            String name = d.getFileName().toString();
            if (!isDataset(d)) {
                skipped.add(name);
            } else if (only.isEmpty() || only.contains(name)) {
                categories.add(new Category(name, AnomalyDatasets.open(d)));
            }
        }
        List<String> missing = only.stream().filter(n -> categories.stream().noneMatch(c -> c.name().equals(n)))
                .sorted().toList();
        if (!missing.isEmpty()) {
            throw new DatasetException(root + ": no category " + String.join(", ", missing) + " (it has "
                    + String.join(", ", subfolders(root).stream().filter(CategoryFolders::isDataset)
                            .map(p -> p.getFileName().toString()).toList()) + ")");
        }
        return new Root(root, categories, skipped);
    }

    private static boolean isDataset(Path d) {
        return Files.isDirectory(d.resolve("train/good")) || Files.isDirectory(d.resolve("test/good"))
                || Files.isDirectory(d.resolve("train/ok")) || Files.isDirectory(d.resolve("test/ko"));
    }


    private static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }
}
