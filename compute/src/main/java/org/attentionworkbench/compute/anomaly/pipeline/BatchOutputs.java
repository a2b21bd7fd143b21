package org.attentionworkbench.compute.anomaly.pipeline;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.Heatmaps;
import org.attentionworkbench.compute.anomaly.NormalImages;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.data.AnomalyDataset;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.metrics.Aupro;
import org.attentionworkbench.compute.anomaly.metrics.F1Max;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * A finished run's files, written into a {@link RunFolder} and swapped in as one unit:
 * {@code scores.csv} (one row per target, scored or failed, naming its heatmap), {@code heatmaps/}
 * (the normalised map over each image at its own size, names from {@link OutputNames}),
 * {@code metrics.json} (threshold, counts, failures, metrics from the labels) and the manifest.
 */
public final class BatchOutputs {
    public static final String SCORES = "scores.csv";
    public static final String METRICS = "metrics.json";
    public static final String HEATMAPS = "heatmaps";
    public static final String CSV_HEADER = "file,label,class,score,normalised,flagged,heatmap,error";

    /** What the run was given, for metrics.json. */
    public record Provenance(List<AnomalyDataset> datasets, NormalImages normals) {}

    private BatchOutputs() {}

    /** Writes every file into {@code folder}'s staging area and commits it. Not for a cancelled run. */
    public static void write(RunFolder folder, RunResult run, Provenance provenance, Device device,
            boolean heatmaps) throws IOException {
        if (run.cancelled()) {
            throw new IllegalArgumentException("a cancelled run is not written");
        }
        List<InspectionTarget> targets = run.request().targets();
        List<String> names = OutputNames.heatmaps(targets.stream().map(InspectionTarget::name).toList());
        String[] heatmap = heatmaps ? heatmaps(folder, run, names, device) : new String[targets.size()];
        Files.writeString(folder.file(SCORES), csv(run, heatmap), StandardCharsets.UTF_8);
        Files.writeString(folder.file(METRICS), new GsonBuilder().setPrettyPrinting()
                .serializeSpecialFloatingPointValues().create().toJson(metrics(run, provenance)),
                StandardCharsets.UTF_8);
        JsonObject summary = new JsonObject();
        summary.addProperty("finished", Instant.now().toString());
        summary.addProperty("images", targets.size());
        summary.addProperty("scored", run.scoredCount());
        summary.addProperty("failed", run.targetFailures().size());
        folder.commit(summary);
    }

    /** Each scored target's normalised map over its image, as {@code heatmaps/<name>}; the paths written. */
    static String[] heatmaps(RunFolder folder, RunResult run, List<String> names, Device device) throws IOException {
        List<InspectionTarget> targets = run.request().targets();
        Normalizer norm = run.normalizer();
        String[] heatmap = new String[targets.size()];
        for (int i = 0; norm != null && i < targets.size(); i++) {
            ImageResult r = run.results().get(i);
            if (r == null) {
                continue;
            }
            RgbImage img = ImageFiles.read(targets.get(i).item().image());
            AnomalyMap m = norm.apply(AnomalyMap.resize(device, r.map(), img.height(), img.width()));
            heatmap[i] = HEATMAPS + "/" + names.get(i);
            PngWriter.write(Heatmaps.overlay(img, m), folder.file(heatmap[i]));
        }
        return heatmap;
    }

    static String csv(RunResult run, String[] heatmap) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        Normalizer norm = run.normalizer();
        Map<Integer, ImageFailure> failed = new java.util.HashMap<>();
        run.targetFailures().forEach(f -> failed.put(f.index(), f));
        List<InspectionTarget> targets = run.request().targets();
        for (int i = 0; i < targets.size(); i++) {
            AnomalyItem it = targets.get(i).item();
            ImageResult r = run.results().get(i);
            sb.append(quote(targets.get(i).name())).append(',').append(it.label().name().toLowerCase(Locale.ROOT))
                    .append(',').append(it.defectClass() == null ? "" : quote(it.defectClass())).append(',');
            if (r != null) {
                sb.append(String.format(Locale.ROOT, "%.6f,%.4f,%b", r.score(), norm.image(r.score()),
                        norm.flagged(r.score())));
            } else {
                sb.append(",,");
            }
            sb.append(',').append(heatmap[i] == null ? "" : quote(heatmap[i])).append(',');
            ImageFailure f = failed.get(i);
            sb.append(f == null ? "" : quote(f.reason())).append('\n');
        }
        return sb.toString();
    }

    static JsonObject metrics(RunResult run, Provenance provenance) {
        Normalizer norm = run.normalizer();
        JsonObject m = new JsonObject();
        JsonArray datasets = new JsonArray();
        for (AnomalyDataset d : provenance.datasets()) {
            JsonObject dj = new JsonObject();
            dj.addProperty("path", d.root().toString());
            dj.addProperty("layout", d.layout().name());
            datasets.add(dj);
        }
        m.add("datasets", datasets);
        m.addProperty("images", run.request().targets().size());
        m.addProperty("scored", run.scoredCount());
        m.addProperty("failed", run.targetFailures().size());
        m.addProperty("flagged", run.flaggedCount());
        if (norm != null) {
            m.addProperty("threshold", norm.threshold());
            m.addProperty("threshold_calibrated", norm.calibrated());
            m.addProperty("threshold_source", norm.source());
        }
        m.addProperty("normal_images", provenance.normals().note());
        JsonArray pj = new JsonArray();
        run.request().prompts().forEach(p -> pj.add(p.toString()));
        m.add("prompts", pj);
        m.addProperty("calibration_images", run.request().calibration().size()
                - (int) run.failures().stream().filter(f -> f.role() == ImageFailure.Role.CALIBRATION).count());
        JsonArray fj = new JsonArray();
        for (ImageFailure f : run.failures()) {
            JsonObject o = new JsonObject();
            o.addProperty("file", f.name());
            o.addProperty("path", f.file().toString());
            o.addProperty("role", f.role().name().toLowerCase(Locale.ROOT));
            o.addProperty("reason", f.reason());
            fj.add(o);
        }
        m.add("failures", fj);
        AnomalyEvaluation.Report report = run.report();
        if (report != null) {
            add(m, report.overall());
            if (!report.perClass().isEmpty()) {
                JsonObject pc = new JsonObject();
                for (Map.Entry<String, AnomalyEvaluation.Metrics> e : report.perClass().entrySet()) {
                    JsonObject c = new JsonObject();
                    add(c, e.getValue());
                    pc.add(e.getKey(), c);
                }
                m.add("per_class", pc);
            }
        }
        m.addProperty("backbone", run.backbone());
        m.addProperty("scorer", run.scorer());
        m.addProperty("ms_per_image", run.msPerImage());
        return m;
    }

    /** One set's metrics as JSON properties; undefined ones are left out. */
    static void add(JsonObject j, AnomalyEvaluation.Metrics m) {
        j.addProperty("images_good", m.good());
        j.addProperty("images_defect", m.defect());
        j.addProperty("images_defect_with_mask", m.withMask());
        put(j, "image_auroc", m.imageAuroc());
        f1(j, "image_f1max", m.imageF1());
        j.addProperty("flagged_true_positive", m.flags().truePositive());
        j.addProperty("flagged_false_positive", m.flags().falsePositive());
        j.addProperty("flagged_false_negative", m.flags().falseNegative());
        j.addProperty("flagged_true_negative", m.flags().trueNegative());
        put(j, "precision_at_threshold", m.flags().precision());
        put(j, "recall_at_threshold", m.flags().recall());
        put(j, "pixel_auroc", m.pixelAuroc());
        if (m.aupro() != null) {
            j.addProperty("aupro", m.aupro());
            j.addProperty("aupro_fpr_limit", Aupro.DEFAULT_FPR_LIMIT);
        }
        f1(j, "pixel_f1max", m.pixelF1());
    }

    private static void f1(JsonObject j, String key, F1Max f) {
        if (f != null) {
            j.addProperty(key, f.f1());
            j.addProperty(key + "_threshold", f.threshold());
            j.addProperty(key + "_precision", f.precision());
            j.addProperty(key + "_recall", f.recall());
        }
    }

    private static void put(JsonObject j, String key, Double v) {
        if (v != null && !v.isNaN()) {
            j.addProperty(key, v);
        }
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted. */
    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
