package org.attentionworkbench.compute.anomaly.pipeline;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.tensor.Device;

/**
 * A finished {@link CategoryInspection} run's files, the same set as {@link BatchOutputs} writes for one
 * dataset: {@code scores.csv} with a first column {@code category} (normalised and flagged by that
 * category's own normaliser), {@code heatmaps/<category>/…}, and {@code metrics.json} with each
 * category's block (as a one-dataset run writes it) under {@code categories} and their {@code mean}.
 */
public final class CategoryOutputs {
    public static final String CSV_HEADER = "category," + BatchOutputs.CSV_HEADER;

    private CategoryOutputs() {}

    /** Writes every file into {@code folder}'s staging area and commits it. Not for a cancelled run. */
    public static void write(RunFolder folder, Path root, CategoryInspection.Result result, Device device,
            boolean heatmaps) throws IOException {
        if (result.cancelled()) {
            throw new IllegalArgumentException("a cancelled run is not written");
        }
        List<String> all = new ArrayList<>();
        result.categories().forEach(c -> c.run().request().targets().forEach(t -> all.add(t.name())));
        List<String> names = OutputNames.heatmaps(all);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        int at = 0;
        for (CategoryInspection.CategoryResult c : result.categories()) {
            int n = c.run().request().targets().size();
            String[] heatmap = heatmaps ? BatchOutputs.heatmaps(folder, c.run(), names.subList(at, at + n), device)
                    : new String[n];
            at += n;
            String lines = BatchOutputs.csv(c.run(), heatmap);
            for (String line : lines.substring(lines.indexOf('\n') + 1).split("\n")) {
                if (!line.isEmpty()) {
                    csv.append(BatchOutputs.quote(c.name())).append(',').append(line).append('\n');
                }
            }
        }
        Files.writeString(folder.file(BatchOutputs.SCORES), csv.toString(), StandardCharsets.UTF_8);
        Files.writeString(folder.file(BatchOutputs.METRICS), new GsonBuilder().setPrettyPrinting()
                .serializeSpecialFloatingPointValues().create().toJson(metrics(root, result)), StandardCharsets.UTF_8);
        JsonObject summary = new JsonObject();
        summary.addProperty("finished", Instant.now().toString());
        summary.addProperty("categories", result.categories().size());
        summary.addProperty("images", result.targetCount());
        summary.addProperty("scored", result.scoredCount());
        summary.addProperty("failed", result.targetFailures().size());
        folder.commit(summary);
    }

    static JsonObject metrics(Path root, CategoryInspection.Result result) {
        JsonObject m = new JsonObject();
        m.addProperty("categories_root", root.toString());
        m.addProperty("images", result.targetCount());
        m.addProperty("scored", result.scoredCount());
        m.addProperty("failed", result.targetFailures().size());
        m.addProperty("flagged", result.flaggedCount());
        JsonObject cats = new JsonObject();
        double ms = 0;
        for (CategoryInspection.CategoryResult c : result.categories()) {
            JsonObject cj = BatchOutputs.metrics(c.run(), new BatchOutputs.Provenance(List.of(c.dataset()),
                    c.normals()));
            cats.add(c.name(), cj);
            ms += c.run().msPerImage() * c.run().scoredCount();
        }
        m.add("categories", cats);
        JsonObject mean = new JsonObject();
        mean.addProperty("categories", result.categories().size());
        mean(mean, result, "image_auroc", AnomalyEvaluation.Metrics::imageAuroc);
        mean(mean, result, "image_f1max", x -> x.imageF1() == null ? null : x.imageF1().f1());
        mean(mean, result, "pixel_auroc", AnomalyEvaluation.Metrics::pixelAuroc);
        mean(mean, result, "aupro", AnomalyEvaluation.Metrics::aupro);
        m.add("mean", mean);
        if (!result.categories().isEmpty()) {
            RunResult first = result.categories().get(0).run();
            m.addProperty("backbone", first.backbone());
            m.addProperty("scorer", first.scorer());
        }
        m.addProperty("ms_per_image", result.scoredCount() == 0 ? 0 : ms / result.scoredCount());
        return m;
    }

    /** {@code key}: the mean over the categories that define it, and {@code key_categories}: how many. */
    private static void mean(JsonObject j, CategoryInspection.Result r, String key,
            Function<AnomalyEvaluation.Metrics, Double> metric) {
        Double v = r.mean(metric);
        if (v != null) {
            j.addProperty(key, v);
            j.addProperty(key + "_categories", r.defining(metric));
        }
    }
}
