package org.attentionworkbench.compute.anomaly.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.attentionworkbench.compute.anomaly.AnomalyEvaluation;
import org.attentionworkbench.compute.anomaly.AnomalyMap;
import org.attentionworkbench.compute.anomaly.Heatmaps;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.anomaly.data.AnomalyItem;
import org.attentionworkbench.compute.anomaly.data.AnomalyLabel;
import org.attentionworkbench.compute.anomaly.metrics.BinaryMetrics;
import org.attentionworkbench.compute.anomaly.metrics.RocCurve;
import org.attentionworkbench.compute.anomaly.pipeline.CategoryInspection;
import org.attentionworkbench.compute.anomaly.pipeline.ImageResult;
import org.attentionworkbench.compute.anomaly.pipeline.InspectionTarget;
import org.attentionworkbench.compute.anomaly.pipeline.PromptSet;
import org.attentionworkbench.compute.anomaly.pipeline.RunResult;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;

/**
 * {@code report.html}: one self-contained page a QA lead opens in any browser, without the workbench —
 * images as base64 PNG, the ROC as inline SVG, the style inline, no script and no external file. It
 * holds the summary (counts, thresholds, image AUROC / pixel AUROC / AUPRO where labels exist, per
 * category and their mean), the ROC curve(s), the N worst images (highest scores; across categories on
 * {@link CategoryInspection#commonScale}) each with its heatmap overlay and its prompt match, and the
 * false negatives (defects the threshold let through) when labels exist.
 *
 * <p>The prompt match: the target's most anomalous patch (boxed on the heatmap) and the prompt patch
 * most similar to it by cosine (boxed on the prompt). For the reconstruction scorer that is also the
 * peak of the patch's attention row (softmax is monotone), for k-NN and the memory bank its nearest
 * neighbour: where the scorer found the closest normal look-alike, and how far it still was.
 *
 * <p>The page is well-formed XML (XHTML syntax), every file name and text escaped.
 */
public final class BatchReport {
    public static final String FILE = "report.html";
    public static final int DEFAULT_WORST = 12;
    /** Thumbnails' longer side: enough to see a defect, small enough for a page of dozens. */
    static final int THUMB = 256;
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

    /**
     * One run to report on.
     *
     * @param category the category's name, or null for a run over one dataset
     * @param prompts  the run's prompts with their features (for the prompt match); null leaves it out
     */
    public record Section(String category, RunResult run, PromptSet prompts) {}

    private record Entry(Section section, int index, ImageResult result, double common) {}

    private final Device device;
    private final Map<Path, RgbImage> promptImages = new HashMap<>();

    private BatchReport(Device device) {
        this.device = device;
    }

    /** Writes the page to {@code file}. */
    public static void write(Path file, String title, List<Section> sections, int worst, Device device)
            throws IOException {
        Files.writeString(file, html(title, sections, worst, device), StandardCharsets.UTF_8);
    }

    /** The page. */
    public static String html(String title, List<Section> sections, int worst, Device device) throws IOException {
        if (worst < 0) {
            throw new IllegalArgumentException("worst " + worst + " < 0");
        }
        return new BatchReport(device).page(title, sections, worst);
    }

    private String page(String title, List<Section> sections, int worst) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(esc(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(esc(Instant.now().toString().substring(0, 19).replace('T', ' '))).append(" UTC · ");
        if (!sections.isEmpty()) {
            h.append(esc(sections.get(0).run().description()));
        }
        h.append("</p>\n");
        summary(h, sections);
        roc(h, sections);

        List<Entry> all = new ArrayList<>();
        for (Section s : sections) {
            Normalizer n = s.run().normalizer();
            for (int i = 0; n != null && i < s.run().results().size(); i++) {
                ImageResult r = s.run().results().get(i);
                if (r != null) {
                    all.add(new Entry(s, i, r, CategoryInspection.commonScale(n, r.score())));
                }
            }
        }
        List<Entry> top = all.stream().sorted(Comparator.comparingDouble(Entry::common).reversed()).limit(worst)
                .toList();
        h.append("<h2>The ").append(top.size()).append(" highest-scoring images</h2>\n<p class=\"hint\">")
                .append("Left: the heatmap (dark = like the normal prompt, bright = unlike it); the box is the most ")
                .append("anomalous patch. Right: the normal prompt, boxed where that patch found its closest ")
                .append("look-alike.</p>\n<div class=\"cards\" id=\"worst\">\n");
        for (Entry e : top) {
            card(h, e, "worst");
        }
        h.append("</div>\n");

        boolean labelled = all.stream().anyMatch(e -> item(e).label() != AnomalyLabel.UNKNOWN);
        if (labelled) {
            List<Entry> missed = all.stream().filter(e -> item(e).label() == AnomalyLabel.DEFECT
                    && !e.section().run().normalizer().flagged(e.result().score()))
                    .sorted(Comparator.comparingDouble(Entry::common)).toList();
            h.append("<h2>False negatives: ").append(missed.size()).append(" defect(s) below the threshold</h2>\n");
            if (missed.isEmpty()) {
                h.append("<p>None: the threshold flags every labelled defect.</p>\n");
            } else {
                if (missed.size() > worst) {
                    h.append("<p class=\"hint\">The ").append(worst).append(" missed by the widest margin.</p>\n");
                }
                h.append("<div class=\"cards\" id=\"missed\">\n");
                for (Entry e : missed.subList(0, Math.min(worst, missed.size()))) {
                    card(h, e, "missed");
                }
                h.append("</div>\n");
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static AnomalyItem item(Entry e) {
        return e.section().run().request().targets().get(e.index()).item();
    }

    // ---- summary ------------------------------------------------------------------------------------

    private static void summary(StringBuilder h, List<Section> sections) {
        boolean categories = sections.stream().anyMatch(s -> s.category() != null);
        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n<tr>");
        if (categories) {
            h.append("<th>category</th>");
        }
        for (String c : List.of("images", "scored", "failed", "flagged", "threshold", "image AUROC", "pixel AUROC",
                "AUPRO@30%", "precision", "recall")) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (Section s : sections) {
            RunResult r = s.run();
            Normalizer n = r.normalizer();
            AnomalyEvaluation.Metrics m = r.report() == null ? null : r.report().overall();
            h.append("<tr>");
            if (categories) {
                h.append("<td>").append(esc(s.category() == null ? "" : s.category())).append("</td>");
            }
            h.append(td(r.request().targets().size())).append(td(r.scoredCount())).append(td(r.targetFailures().size()))
                    .append(td(r.flaggedCount()));
            h.append("<td title=\"").append(esc(n == null ? "" : n.source())).append("\">")
                    .append(n == null ? "-" : fmt(n.threshold()) + (n.calibrated() ? "" : " (UNCALIBRATED)"))
                    .append("</td>");
            h.append(td(m == null ? null : m.imageAuroc())).append(td(m == null ? null : m.pixelAuroc()))
                    .append(td(m == null ? null : m.aupro()))
                    .append(td(m == null ? null : m.flags().precision())).append(td(m == null ? null : m.flags().recall()));
            h.append("</tr>\n");
        }
        if (categories && sections.size() > 1) {
            h.append("<tr class=\"mean\"><td>mean</td>");
            int images = 0, scored = 0, failed = 0;
            long flagged = 0;
            for (Section s : sections) {
                images += s.run().request().targets().size();
                scored += s.run().scoredCount();
                failed += s.run().targetFailures().size();
                flagged += s.run().flaggedCount();
            }
            h.append(td(images)).append(td(scored)).append(td(failed)).append(td(flagged)).append("<td>per category</td>");
            h.append(td(mean(sections, AnomalyEvaluation.Metrics::imageAuroc)))
                    .append(td(mean(sections, AnomalyEvaluation.Metrics::pixelAuroc)))
                    .append(td(mean(sections, AnomalyEvaluation.Metrics::aupro)))
                    .append(td(mean(sections, x -> x.flags().precision())))
                    .append(td(mean(sections, x -> x.flags().recall()))).append("</tr>\n");
        }
        h.append("</table>\n");
        if (sections.stream().anyMatch(s -> s.run().normalizer() != null && !s.run().normalizer().calibrated())) {
            h.append("<p class=\"warn\">An UNCALIBRATED threshold flags a fixed share of its batch (no held-out normal"
                    + " images): a ranking for review, not a pass/fail decision.</p>\n");
        }
    }

    /** The mean over the sections that define the metric (the "mean" row of MVTec tables). */
    private static Double mean(List<Section> sections, Function<AnomalyEvaluation.Metrics, Double> metric) {
        double sum = 0;
        int n = 0;
        for (Section s : sections) {
            Double v = s.run().report() == null ? null : metric.apply(s.run().report().overall());
            if (v != null && !v.isNaN()) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    // ---- ROC ----------------------------------------------------------------------------------------

    private static void roc(StringBuilder h, List<Section> sections) {
        int size = 320, pad = 40;
        double plot = size - 2 * pad;
        StringBuilder curves = new StringBuilder();
        StringBuilder legend = new StringBuilder();
        int drawn = 0;
        for (Section s : sections) {
            List<Double> scores = new ArrayList<>();
            List<Boolean> defect = new ArrayList<>();
            for (int i = 0; i < s.run().results().size(); i++) {
                ImageResult r = s.run().results().get(i);
                AnomalyLabel l = s.run().request().targets().get(i).item().label();
                if (r != null && l != AnomalyLabel.UNKNOWN) {
                    scores.add((double) r.score());
                    defect.add(l == AnomalyLabel.DEFECT);
                }
            }
            if (!defect.contains(true) || !defect.contains(false)) {
                continue; // ROC needs both classes
            }
            double[] sc = scores.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] df = new boolean[sc.length];
            for (int i = 0; i < df.length; i++) {
                df[i] = defect.get(i);
            }
            RocCurve c = BinaryMetrics.rocCurve(sc, df);
            double auroc = BinaryMetrics.auroc(sc, df);
            String colour = COLOURS[drawn % COLOURS.length];
            curves.append("<polyline class=\"curve\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\" points=\"");
            for (int i = 0; i < c.size(); i++) {
                curves.append(String.format(Locale.ROOT, "%.1f,%.1f ", pad + c.fpr()[i] * plot,
                        size - pad - c.tpr()[i] * plot));
            }
            curves.append("\"/>\n");
            legend.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s AUROC %.3f</text>\n",
                    pad + 8 + (int) (plot * 0.35), size - pad - 10 - 16 * drawn, colour,
                    esc(s.category() == null ? "image" : s.category()), auroc));
            drawn++;
        }
        h.append("<h2>ROC (image level)</h2>\n");
        if (drawn == 0) {
            h.append("<p>No ROC: it needs labelled good and defect images.</p>\n");
            return;
        }
        h.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"roc\" id=\"roc\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-size=\"12\" font-family=\"sans-serif\">\n",
                size, size, size, size));
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\" "
                + "stroke=\"#444\"/>\n", pad, pad, plot, plot));
        h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" "
                + "stroke-dasharray=\"4 4\"/>\n", pad, size - pad, size - pad, pad));
        for (int t = 0; t <= 4; t++) {
            double v = t / 4.0;
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>\n",
                    pad + v * plot, size - pad + 16, v));
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n",
                    pad - 4, size - pad - v * plot + 4, v));
        }
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">false positive rate"
                + "</text>\n<text x=\"12\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">"
                + "true positive rate</text>\n", size / 2, size - 6, size / 2, size / 2));
        h.append(curves).append(legend).append("</svg>\n");
    }

    // ---- image cards --------------------------------------------------------------------------------

    private void card(StringBuilder h, Entry e, String kind) throws IOException {
        RunResult run = e.section().run();
        InspectionTarget t = run.request().targets().get(e.index());
        Normalizer n = run.normalizer();
        ImageResult r = e.result();
        AnomalyItem it = t.item();
        h.append("<figure class=\"card ").append(kind).append("\">\n<div class=\"pair\">");
        int worstPatch = argmax(r.patches());
        try {
            RgbImage img = ImageFiles.read(it.image());
            AnomalyMap m = n.apply(AnomalyMap.resize(device, r.map(), img.height(), img.width()));
            RgbImage overlay = Heatmaps.overlay(img, m);
            RgbImage thumb = scaled(overlay, THUMB);
            box(thumb, worstPatch, r.gridW(), r.gridH(), 0x00E5FF);
            h.append(imgTag(thumb, "heatmap of " + t.name()));
        } catch (IOException | RuntimeException ex) {
            h.append("<p class=\"warn\">").append(esc("cannot show " + t.name() + ": " + ex.getMessage())).append("</p>");
        }
        String match = "";
        PromptSet ps = e.section().prompts();
        if (ps != null && r.features() != null && !ps.features().isEmpty()) {
            int[] best = bestMatch(r.features(), worstPatch, ps.features());
            PatchFeatures pf = ps.features().get(best[0]);
            Path promptFile = ps.files().get(best[0]);
            try {
                RgbImage p = promptImages.computeIfAbsent(promptFile, f -> {
                    try {
                        return scaled(ImageFiles.read(f), THUMB);
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
                RgbImage boxed = new RgbImage(p.width(), p.height(), p.rgb().clone());
                box(boxed, best[1], pf.gridW(), pf.gridH(), 0x00E5FF);
                h.append(imgTag(boxed, "prompt " + promptFile.getFileName()));
            } catch (java.io.UncheckedIOException ex) {
                h.append("<p class=\"warn\">").append(esc("cannot show prompt " + promptFile + ": "
                        + ex.getCause().getMessage())).append("</p>");
            }
            match = String.format(Locale.ROOT, "closest normal patch: prompt %s, cosine %.3f",
                    promptFile.getFileName(), Float.intBitsToFloat(best[2]));
        }
        h.append("</div>\n<figcaption><b>").append(esc(t.name())).append("</b><br/>");
        if (e.section().category() != null) {
            h.append("category ").append(esc(e.section().category())).append(" · ");
        }
        h.append(String.format(Locale.ROOT, "score %.4f (normalised %.3f, threshold %.4f)%s", r.score(),
                n.image(r.score()), n.threshold(), n.flagged(r.score()) ? " · <span class=\"flag\">flagged</span>" : ""));
        h.append("<br/>label ").append(esc(it.label().name().toLowerCase(Locale.ROOT)))
                .append(it.defectClass() == null ? "" : " (" + esc(it.defectClass()) + ")");
        if (!match.isEmpty()) {
            h.append("<br/>").append(esc(match));
        }
        h.append("</figcaption>\n</figure>\n");
    }

    /** {prompt, patch, cosine as float bits} of the prompt patch most similar to {@code patch} (rows are unit length). */
    static int[] bestMatch(PatchFeatures target, int patch, List<PatchFeatures> prompts) {
        int dim = target.dim();
        float[] t = target.data();
        int bp = 0, bj = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < prompts.size(); k++) {
            PatchFeatures pf = prompts.get(k);
            if (pf.dim() != dim) {
                continue;
            }
            float[] d = pf.data();
            for (int j = 0; j < pf.patches(); j++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += t[patch * dim + i] * d[j * dim + i];
                }
                if (dot > best) {
                    best = dot;
                    bp = k;
                    bj = j;
                }
            }
        }
        return new int[] {bp, bj, Float.floatToIntBits((float) best)};
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A 2-pixel frame around grid cell {@code patch} of a {@code gw}×{@code gh} grid laid over the image (≥ 14 px). */
    static void box(RgbImage img, int patch, int gw, int gh, int rgb) {
        int gx = patch % gw, gy = patch / gw;
        int x0 = gx * img.width() / gw, x1 = (gx + 1) * img.width() / gw - 1;
        int y0 = gy * img.height() / gh, y1 = (gy + 1) * img.height() / gh - 1;
        // a cell of a fine grid is a few pixels on a thumbnail: at least 14 px around its centre, in the image
        int min = 14;
        if (x1 - x0 < min) {
            x0 = Math.max(0, Math.min(img.width() - min - 1, (x0 + x1) / 2 - min / 2));
            x1 = x0 + min;
        }
        if (y1 - y0 < min) {
            y0 = Math.max(0, Math.min(img.height() - min - 1, (y0 + y1) / 2 - min / 2));
            y1 = y0 + min;
        }
        for (int y = y0; y <= y1 && y < img.height(); y++) {
            for (int x = x0; x <= x1 && x < img.width(); x++) {
                if (x - x0 < 2 || x1 - x < 2 || y - y0 < 2 || y1 - y < 2) {
                    img.rgb()[y * img.width() + x] = rgb;
                }
            }
        }
    }

    /** Area-averaged down to {@code max} on the longer side (never up). */
    static RgbImage scaled(RgbImage img, int max) {
        double f = Math.min(1.0, (double) max / Math.max(img.width(), img.height()));
        if (f >= 1) {
            return img;
        }
        int w = Math.max(1, (int) Math.round(img.width() * f)), h = Math.max(1, (int) Math.round(img.height() * f));
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int sy0 = y * img.height() / h, sy1 = Math.max(sy0 + 1, (y + 1) * img.height() / h);
            for (int x = 0; x < w; x++) {
                int sx0 = x * img.width() / w, sx1 = Math.max(sx0 + 1, (x + 1) * img.width() / w);
                long r = 0, g = 0, b = 0;
                int n = 0;
                for (int sy = sy0; sy < sy1; sy++) {
                    for (int sx = sx0; sx < sx1; sx++) {
                        int p = img.rgb()[sy * img.width() + sx];
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                        n++;
                    }
                }
                out[y * w + x] = (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static String imgTag(RgbImage img, String alt) throws IOException {
        return "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PngWriter.encode(img))
                + "\" width=\"" + img.width() + "\" height=\"" + img.height() + "\" alt=\"" + esc(alt) + "\"/>";
    }

    // ---- text ---------------------------------------------------------------------------------------

    /** Text and attribute values: the five XML specials; control characters (not allowed in XML) as U+FFFD. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    private static String td(Number v) {
        if (v == null || (v instanceof Double d && d.isNaN())) {
            return "<td>-</td>";
        }
        return "<td>" + (v instanceof Double d ? fmt(d) : v.toString()) + "</td>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222;background:#fafafa}"
            + "h1{font-size:22px}h2{font-size:18px;margin-top:28px}.meta,.hint{color:#666;font-size:13px}"
            + ".warn{color:#b00}table.summary{border-collapse:collapse;font-size:13px}"
            + "table.summary td,table.summary th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
            + "table.summary td:first-child,table.summary th:first-child{text-align:left}"
            + "tr.mean{font-weight:bold;background:#eee}svg.roc{background:#fff;border:1px solid #ddd}"
            + ".cards{display:flex;flex-wrap:wrap;gap:14px}.card{margin:0;background:#fff;border:1px solid #ddd;"
            + "padding:8px;max-width:540px}.pair{display:flex;gap:6px;align-items:flex-start}"
            + "figcaption{font-size:12px;margin-top:6px;word-break:break-all}.flag{color:#c00;font-weight:bold}"
            + ".missed{border-color:#e9a}";
}
