package org.attentionworkbench.compute.figure;

import java.util.List;
import java.util.Objects;

/** A small table of text cells (numbers already formatted), with a header row. */
public record Table(String id, String title, List<String> header, List<List<String>> rows) {
    public Table {
        Objects.requireNonNull(id, "id");
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table " + id + ": a row of " + r.size() + " cells under "
                        + header.size() + " columns");
            }
        }
    }
}
