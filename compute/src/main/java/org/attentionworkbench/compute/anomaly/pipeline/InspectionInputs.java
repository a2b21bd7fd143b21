package org.attentionworkbench.compute.anomaly.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyDatasets;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;

/**
 * What a run inspects: datasets (MVTec AD, BTAD, VisA or plain folders, see {@link AnomalyDatasets}) and
 * loose images, as targets named by their path below the dataset's root, plus the datasets' normal
 * training images (where prompts and held-out calibration images come from).
 */
public record InspectionInputs(List<InspectionTarget> targets, List<Path> train, List<AnomalyDataset> datasets) {

    public InspectionInputs {
        targets = List.copyOf(targets);
        train = List.copyOf(train);
        datasets = List.copyOf(datasets);
    }

    /**
     * Opens each input: an image file is one unlabelled target, anything else a dataset (a folder, or a
     * VisA split CSV). A {@link org.attentionworkbench.compute.anomaly.data.DatasetException} names a
     * folder that is no dataset.
     */
    public static InspectionInputs open(List<Path> inputs) throws IOException {
        List<InspectionTarget> targets = new ArrayList<>();
        List<Path> train = new ArrayList<>();
        List<AnomalyDataset> datasets = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isRegularFile(p) && !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                targets.add(new InspectionTarget(new AnomalyItem(p, AnomalyLabel.UNKNOWN, null, null),
                        p.getFileName().toString()));
                continue;
            }
            AnomalyDataset d = AnomalyDatasets.open(p);
            datasets.add(d);
            train.addAll(d.train());
            Path root = d.root().toAbsolutePath().normalize();
            for (AnomalyItem it : d.items()) {
                String name = root.relativize(it.image().toAbsolutePath().normalize()).toString().replace('\\', '/');
                targets.add(new InspectionTarget(it, name));
            }
        }
        return new InspectionInputs(targets, train, datasets);
    }

    /** The targets that are neither a prompt nor a calibration image (those never score themselves). */
    public List<InspectionTarget> testTargets(NormalImages normals) {
        Set<Path> exclude = normals.all();
        return targets.stream().filter(t -> !exclude.contains(NormalImages.key(t.item().image()))).toList();
    }

    /** Image files of a folder (recursively; masks and ground-truth folders left out) or one file. */
    public static List<Path> images(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such file or folder");
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                int dot = n.lastIndexOf('.');
                return dot > 0 && !n.startsWith(".") && AnomalyDatasets.IMAGE_EXTENSIONS.contains(n.substring(dot + 1))
                        && !n.substring(0, dot).endsWith("_mask")
                        && !p.relativize(f).toString().replace('\\', '/').contains("ground_truth/");
            }).sorted().toList();
        }
    }
}
