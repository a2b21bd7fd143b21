package org.attentionworkbench.compute.anomaly.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read dataset: the normal images a prompt can be drawn from ({@code train}; empty where the layout has
 * no training split, then take prompts from the good test items) and the test items.
 */
public record AnomalyDataset(Path root, DatasetLayout layout, List<Path> train, List<AnomalyItem> items) {
    public AnomalyDataset {
        train = List.copyOf(train);
        items = List.copyOf(items);
    }

    public long count(AnomalyLabel label) {
        return items.stream().filter(i -> i.label() == label).count();
    }

    public long withMasks() {
        return items.stream().filter(i -> i.mask() != null).count();
    }

    /** Items per defect class ("good" included), sorted by name; items of unknown class are left out. */
    public Map<String, Long> classCounts() {
        Map<String, Long> m = new TreeMap<>();
        for (AnomalyItem i : items) {
            if (i.defectClass() != null) {
                m.merge(i.defectClass(), 1L, Long::sum);
            }
        }
        return m;
    }

    public List<AnomalyItem> good() {
        return items.stream().filter(i -> i.label() == AnomalyLabel.GOOD).toList();
    }
}
