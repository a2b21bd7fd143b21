package org.attentionworkbench.compute.figure;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * Writes a {@link FigureSet} as data: {@code figures.json} (everything, NaN as null), one CSV per plot
 * ({@code ID.csv}: series,x,y), per heatmap ({@code ID.csv}: the matrix) and per table. The PNGs are
 * drawn by the app from the same set, so the CSV and the picture never disagree.
 */
public final class FigureFiles {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private FigureFiles() {}

    /** Writes the JSON and CSVs into dir (created when missing); returns the files written. */
    public static List<Path> write(FigureSet set, Path dir) throws IOException {
        Files.createDirectories(dir);
        java.util.ArrayList<Path> written = new java.util.ArrayList<>();
        Path json = dir.resolve("figures.json");
        AtomicFiles.writeString(json, GSON.toJson(toJson(set)));
        written.add(json);
        for (LinePlot p : set.plots()) {
            Path f = dir.resolve(p.id() + ".csv");
            AtomicFiles.writeString(f, plotCsv(p));
            written.add(f);
        }
        for (HeatmapFigure h : set.heatmaps()) {
            Path f = dir.resolve(h.id() + ".csv");
            AtomicFiles.writeString(f, heatmapCsv(h));
            written.add(f);
        }
        for (Table t : set.tables()) {
            Path f = dir.resolve(t.id() + ".csv");
            AtomicFiles.writeString(f, tableCsv(t));
            written.add(f);
        }
        return written;
    }

    /** series,x,y — one row per point (long format, what pandas and spreadsheets read). */
    public static String plotCsv(LinePlot p) {
        StringBuilder sb = new StringBuilder("series,x,y\n");
        for (Series s : p.series()) {
            double[] x = s.x();
            double[] y = s.y();
            for (int i = 0; i < x.length; i++) {
                sb.append(csvCell(s.name())).append(',').append(num(x[i])).append(',').append(num(y[i])).append('\n');
            }
        }
        return sb.toString();
    }

    public static String heatmapCsv(HeatmapFigure h) {
        StringBuilder sb = new StringBuilder();
        boolean labels = !h.rowLabels().isEmpty() || !h.colLabels().isEmpty();
        if (labels) {
            sb.append("");
            for (int c = 0; c < h.cols(); c++) {
                sb.append(',').append(csvCell(h.colLabels().isEmpty() ? String.valueOf(c) : h.colLabels().get(c)));
            }
            sb.append('\n');
        }
        for (int r = 0; r < h.rows(); r++) {
            if (labels) {
                sb.append(csvCell(h.rowLabels().isEmpty() ? String.valueOf(r) : h.rowLabels().get(r))).append(',');
            }
            for (int c = 0; c < h.cols(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(num(h.at(r, c)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String tableCsv(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", t.header().stream().map(FigureFiles::csvCell).toList())).append('\n');
        for (List<String> row : t.rows()) {
            sb.append(String.join(",", row.stream().map(FigureFiles::csvCell).toList())).append('\n');
        }
        return sb.toString();
    }

    static JsonObject toJson(FigureSet set) {
        JsonObject o = new JsonObject();
        o.addProperty("title", set.title());
        JsonObject scalars = new JsonObject();
        for (Map.Entry<String, Double> e : set.scalars().entrySet()) {
            scalars.add(e.getKey(), number(e.getValue()));
        }
        o.add("scalars", scalars);
        JsonArray notes = new JsonArray();
        set.notes().forEach(notes::add);
        o.add("notes", notes);
        JsonArray plots = new JsonArray();
        for (LinePlot p : set.plots()) {
            JsonObject po = new JsonObject();
            po.addProperty("id", p.id());
            po.addProperty("title", p.title());
            po.addProperty("xLabel", p.xLabel());
            po.addProperty("yLabel", p.yLabel());
            po.addProperty("logX", p.logX());
            po.addProperty("logY", p.logY());
            po.addProperty("style", p.style().name());
            JsonArray ss = new JsonArray();
            for (Series s : p.series()) {
                JsonObject so = new JsonObject();
                so.addProperty("name", s.name());
                so.add("x", array(s.x()));
                so.add("y", array(s.y()));
                ss.add(so);
            }
            po.add("series", ss);
            plots.add(po);
        }
        o.add("plots", plots);
        JsonArray maps = new JsonArray();
        for (HeatmapFigure h : set.heatmaps()) {
            JsonObject ho = new JsonObject();
            ho.addProperty("id", h.id());
            ho.addProperty("title", h.title());
            ho.addProperty("rows", h.rows());
            ho.addProperty("cols", h.cols());
            ho.addProperty("diverging", h.diverging());
            float[] v = h.values();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            ho.add("values", array(d));
            maps.add(ho);
        }
        o.add("heatmaps", maps);
        JsonArray tables = new JsonArray();
        for (Table t : set.tables()) {
            tables.add(GSON.toJsonTree(t));
        }
        o.add("tables", tables);
        return o;
    }

    private static JsonArray array(double[] v) {
        JsonArray a = new JsonArray(v.length);
        for (double d : v) {
            a.add(number(d));
        }
        return a;
    }

    private static com.google.gson.JsonElement number(Double d) {
        return d == null || !Double.isFinite(d) ? com.google.gson.JsonNull.INSTANCE : new JsonPrimitive(d);
    }

    private static String num(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.9g", d) : "";
    }

    private static String csvCell(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
