package org.attentionworkbench.compute.anomaly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.tensor.Activation;
import org.attentionworkbench.compute.tensor.Device;

/**
 * Per-image time of the scoring core with MobileNetV2 on each backend: feature extraction (squash to
 * S², forward to the taps, aggregation) + scoring against one prompt + the smoothed map and image
 * score. The images are decoded once beforehand (decoding is the same on every backend).
 *
 * <p>Usage: {@code AnomalyBench [--shared DIR] [--size 256] [--runs 15] [--devices java,opencl]}; prints
 * median and best ms per image per backend, split into features and scoring.
 */
public final class AnomalyBench {
    private AnomalyBench() {}

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("workbench.home", ".")).resolve("../shared").normalize();
        int size = 256;
        int runs = 15;
        List<String> devices = List.of("java", "opencl");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--shared" -> shared = Path.of(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--devices" -> devices = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path weights = shared.resolve("models/mobilenet_v2_imagenet.safetensors");
        Path data = shared.resolve("data/anomaly/hazelnut_toy");
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException(weights + " not found (--shared DIR)");
        }
        RgbImage prompt = ImageFiles.read(data.resolve("good.jpg"));
        RgbImage target = ImageFiles.read(data.resolve("crack.jpg"));
        System.out.printf(Locale.ROOT, "anomaly bench: MobileNetV2 taps %s at %d², one prompt, %d runs (after 3 warm-up)%n",
                Arrays.toString(MobileNetFeatures.DEFAULT_TAPS), size, runs);
        for (String sel : devices) {
            Devices.Selection s = Devices.open(sel);
            try (Device d = s.device();
                    MobileNetFeatures fx = MobileNetFeatures.open(weights, d, Activation.RELU, size);
                    AnomalyInspector insp = new AnomalyInspector(fx, List.of(prompt),
                            AnomalyInspector.Settings.defaults())) {
                if (!sel.equals("java") && d.info().backend() == org.attentionworkbench.compute.tensor.Backend.JAVA) {
                    System.out.println(sel + ": not available (" + s.note() + ")");
                    continue;
                }
                double[] total = new double[runs];
                double[] feat = new double[runs];
                for (int r = -3; r < runs; r++) {
                    long t0 = System.nanoTime();
                    PatchFeatures f = fx.extract(target);
                    long t1 = System.nanoTime();
                    float[] p = insp.scorer().score(f);
                    AnomalyMap m = AnomalyMap.fromPatches(d, p, f.gridH(), f.gridW(), size, AnomalyMap.SIGMA);
                    m.imageScore(1);
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        feat[r] = (t1 - t0) / 1e6;
                        total[r] = (t2 - t0) / 1e6;
                    }
                }
                double[] score = new double[runs];
                for (int r = 0; r < runs; r++) {
                    score[r] = total[r] - feat[r];
                }
                System.out.printf(Locale.ROOT, "%-40s median %.1f ms/image (best %.1f): features %.1f, scoring+map %.1f%n",
                        d.info().label(), median(total), Arrays.stream(total).min().orElse(0), median(feat),
                        median(score));
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
