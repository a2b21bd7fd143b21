package org.attentionworkbench.compute.figure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run of a lab or zoo comparison shows: plots, heatmaps, tables, named scalars (the
 * checks a test or the closing note quotes) and notes (what was parameter-free, what is unverified).
 */
public record FigureSet(String title, List<LinePlot> plots, List<HeatmapFigure> heatmaps, List<Table> tables,
                        Map<String, Double> scalars, List<String> notes) {
    public FigureSet {
        Objects.requireNonNull(title, "title");
        plots = List.copyOf(plots);
        heatmaps = List.copyOf(heatmaps);
        tables = List.copyOf(tables);
        scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        notes = List.copyOf(notes);
    }

    /** Collects figures in the order they are added. */
    public static final class Builder {
        private final String title;
        private final List<LinePlot> plots = new ArrayList<>();
        private final List<HeatmapFigure> heatmaps = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final Map<String, Double> scalars = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        public Builder(String title) {
            this.title = title;
        }

        public Builder plot(LinePlot p) {
            plots.add(p);
            return this;
        }

        public Builder heatmap(HeatmapFigure h) {
            heatmaps.add(h);
            return this;
        }

        public Builder table(Table t) {
            tables.add(t);
            return this;
        }

        public Builder scalar(String name, double value) {
            scalars.put(name, value);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public FigureSet build() {
            return new FigureSet(title, plots, heatmaps, tables, scalars, notes);
        }
    }
}
