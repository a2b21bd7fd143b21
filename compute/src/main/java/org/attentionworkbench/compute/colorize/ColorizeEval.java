package org.attentionworkbench.compute.colorize;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.AtomicFiles;
import org.attentionworkbench.compute.tensor.Device;

/**
 * The iColoriT protocol on a folder of colour photos: strip each to its L, sample N hints from the
 * ground truth ({@link HintSampler}), colorize at full resolution, recombine with the true L and
 * score the RGB result against the original ({@link Metrics}: PSNR with iColoriT's MSE clamp, SSIM).
 * Grey photos (mean chroma below 1) are skipped and listed.
 */
public final class ColorizeEval {
    /** Mean chroma under which a photo counts as grey. */
    public static final double GREY_CHROMA = 1.0;

    private ColorizeEval() {}

    /** Image files (png, jpg, jpeg, bmp) under a folder, recursively, sorted by path. */
    public static List<Path> images(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp)"))
                    .sorted().toList();
        }
    }

    /**
     * Runs every method on every image for every hint count and returns the metrics document.
     *
     * @param device for the attention method's device backend; null: its incremental host backend
     */
    public static JsonObject run(List<Path> files, Path root, int[] counts, long seed, List<String> methods,
            Settings settings, Device device, PrintStream log) throws IOException {
        JsonObject doc = new JsonObject();
        doc.addProperty("protocol", "iColoriT: N random 2x2 hints on the 2-px grid, colour = mean ab of the"
                + " ground truth under each; PSNR = 10 log10(1/MSE) on 8-bit RGB in [0,1] over all channels,"
                + " MSE clamped at 1e-5; SSIM Gaussian sigma 1.5, K1 0.01, K2 0.03, per RGB channel, mean");
        doc.addProperty("seed", seed);
        doc.add("settings", new GsonBuilder().create().toJsonTree(settings));
        doc.addProperty("resolution", "full (each image at its own size)");
        JsonArray skipped = new JsonArray();
        // results[m][n] = per-image objects
        List<List<JsonArray>> results = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            List<JsonArray> perN = new ArrayList<>();
            for (int c = 0; c < counts.length; c++) {
                perN.add(new JsonArray());
            }
            results.add(perN);
        }
        int done = 0;
        for (Path f : files) {
            done++;
            String name = root == null ? f.getFileName().toString() : root.relativize(f).toString();
            RgbImage rgb = ImageFiles.read(f);
            LabImage truth = LabImage.fromRgb(rgb);
            if (truth.meanChroma() < GREY_CHROMA) {
                skipped.add(name);
                log.printf(Locale.ROOT, "[%d/%d] %s: grey, skipped%n", done, files.size(), name);
                continue;
            }
            LabImage grey = truth.grey();
            for (int m = 0; m < methods.size(); m++) {
                for (int c = 0; c < counts.length; c++) {
                    List<Hint> hints = HintSampler.sample(truth, counts[c], seed, name);
                    // a fresh instance per run: no warm start from another hint count
                    try (ColorizationMethod method = ColorizationMethods.create(methods.get(m), device)) {
                        long t0 = System.nanoTime();
                        ColorizationMethod.Result r = method.colorize(grey, hints, settings, ProgressListener.NONE);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        RgbImage out = r.toRgb(grey);
                        JsonObject o = new JsonObject();
                        o.addProperty("image", name);
                        o.addProperty("width", rgb.width());
                        o.addProperty("height", rgb.height());
                        o.addProperty("psnr", Metrics.psnrClamped(out, rgb));
                        o.addProperty("ssim", Metrics.ssim(out, rgb));
                        o.addProperty("ms", ms);
                        results.get(m).get(c).add(o);
                        log.printf(Locale.ROOT, "[%d/%d] %s %s N=%d: PSNR %.2f SSIM %.4f (%.0f ms)%n", done, files.size(),
                                name, methods.get(m), counts[c], o.get("psnr").getAsDouble(),
                                o.get("ssim").getAsDouble(), ms);
                    }
                }
            }
        }
        doc.add("skipped", skipped);
        JsonObject byMethod = new JsonObject();
        for (int m = 0; m < methods.size(); m++) {
            JsonObject perN = new JsonObject();
            for (int c = 0; c < counts.length; c++) {
                JsonArray arr = results.get(m).get(c);
                double p = 0, s = 0;
                for (int i = 0; i < arr.size(); i++) {
                    p += arr.get(i).getAsJsonObject().get("psnr").getAsDouble();
                    s += arr.get(i).getAsJsonObject().get("ssim").getAsDouble();
                }
                JsonObject o = new JsonObject();
                o.addProperty("images", arr.size());
                o.addProperty("meanPsnr", arr.isEmpty() ? Double.NaN : p / arr.size());
                o.addProperty("meanSsim", arr.isEmpty() ? Double.NaN : s / arr.size());
                o.add("perImage", arr);
                perN.add(Integer.toString(counts[c]), o);
            }
            byMethod.add(methods.get(m), perN);
        }
        doc.add("methods", byMethod);
        return doc;
    }

    public static void write(Path out, JsonObject doc) throws IOException {
        AtomicFiles.writeString(out, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(doc) + "\n");
    }
}
