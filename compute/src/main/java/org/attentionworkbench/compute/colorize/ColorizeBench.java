package org.attentionworkbench.compute.colorize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Interactive latency: one hint moved → new full-resolution result (ab planes and the 8-bit RGB the
 * GUI shows), at 512², for each method/backend, 10 hints placed first. Prints the median and best ms.
 *
 * <p>Run: {@code java -cp compute/target/classes:... org.attentionworkbench.compute.colorize.ColorizeBench
 * [IMAGE] [ROUNDS] [DEVICE]} (IMAGE resized to 512²; default ../shared astronaut; DEVICE a selector).
 */
public final class ColorizeBench {
    /** Untimed rounds first: the JIT compiles the hot loops. */
    private static final int WARMUP = 25;

    private ColorizeBench() {}

    public static void main(String[] args) throws Exception {
        Path img = Path.of(args.length > 0 ? args[0] : "../shared/data/photos/skimage/astronaut.png");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String sel = args.length > 2 ? args[2] : "opencl";
        RgbImage rgb = Files.isRegularFile(img) ? Preprocess.resize(ImageFiles.read(img), 512, 512) : synthetic();
        LabImage truth = LabImage.fromRgb(rgb);
        LabImage grey = truth.grey();
        Settings s = Settings.defaults();
        List<Hint> start = HintSampler.sample(truth, 10, 1234, "bench");
        System.out.printf(Locale.ROOT, "512x512, 10 hints, working size %d, %d threads; one hint moved per round%n",
                s.workingSize(), org.attentionworkbench.compute.parallel.Parallel.threads());
        run("attention/incremental (host)", new AttentionPropagation(), grey, start, s, rounds);
        try (Device java = new org.attentionworkbench.compute.device.java.JavaDevice()) {
            run("attention/device " + java.info().label(), new AttentionPropagation(java), grey, start, s, rounds);
        }
        Devices.Selection d = Devices.open(sel);
        try (Device dev = d.device()) {
            if (dev.info().backend() != org.attentionworkbench.compute.tensor.Backend.JAVA) {
                run("attention/device " + dev.info().label(), new AttentionPropagation(dev), grey, start, s, rounds);
            }
        }
        // again, now that every shared loop (upsampling, Lab→RGB) is compiled: the first run pays the JIT
        run("attention/incremental (host), second run", new AttentionPropagation(), grey, start, s, rounds);
        int levinRounds = Math.min(rounds, 10);
        run("levin (warm start, host)", new LevinColorization(), grey, start, s, levinRounds);
        try (Device java = new org.attentionworkbench.compute.device.java.JavaDevice()) {
            run("levin (warm start, device " + java.info().label() + ")", new LevinColorization(java), grey, start, s,
                    levinRounds);
        }
        try (Device dev = Devices.open(sel).device()) {
            if (dev.info().backend() != org.attentionworkbench.compute.tensor.Backend.JAVA) {
                run("levin (warm start, device " + dev.info().label() + ")", new LevinColorization(dev), grey, start,
                        s, levinRounds);
            }
        }
    }

    private static void run(String label, ColorizationMethod m, LabImage grey, List<Hint> start, Settings s,
            int rounds) {
        HintSet hs = HintSet.of(start);
        m.colorize(grey, hs.snapshot(), s, ProgressListener.NONE); // cold: features, first solve
        int id = start.get(0).id();
        List<Double> ms = new ArrayList<>(), prop = new ArrayList<>(), up = new ArrayList<>(), rgbMs = new ArrayList<>();
        for (int r = 0; r < rounds + WARMUP; r++) {
            Hint h = hs.get(id);
            hs.move(id, (h.x() + 37) % 512, (h.y() + 23) % 512);
            long t0 = System.nanoTime();
            ColorizationMethod.Result res = m.colorize(grey, hs.snapshot(), s, ProgressListener.NONE);
            long t1 = System.nanoTime();
            RgbImage shown = res.toRgb(grey);
            long t2 = System.nanoTime();
            double t = (t2 - t0) / 1e6;
            if (shown.width() != 512) {
                throw new IllegalStateException();
            }
            if (r >= WARMUP) {
                ms.add(t); // the first rounds warm the JIT up
                prop.add(res.stats().getOrDefault("attentionMs", res.stats().getOrDefault("solveMs", 0)).doubleValue());
                up.add(res.stats().get("upsampleMs").doubleValue());
                rgbMs.add((t2 - t1) / 1e6);
            }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-58s median %7.1f ms  best %7.1f ms  (%d rounds; median propagate %.1f,"
                + " upsample %.1f, to RGB %.1f)%n", label, sorted[sorted.length / 2], sorted[0], sorted.length,
                median(prop), median(up), median(rgbMs));
        m.close();
    }

    private static RgbImage synthetic() {
        int[] px = new int[512 * 512];
        for (int i = 0; i < px.length; i++) {
            int x = i % 512, y = i / 512;
            px[i] = (x / 2) << 16 | (y / 2) << 8 | ((x ^ y) & 0xFF);
        }
        return new RgbImage(512, 512, px);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }
}
