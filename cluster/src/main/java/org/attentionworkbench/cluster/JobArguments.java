package org.attentionworkbench.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.Normalizer;
import org.attentionworkbench.compute.anomaly.PromptAugmentation;

/**
 * The job's command line, with the {@code workbench anomaly} flags' names and defaults where they mean
 * the same (--size, --scorer, --k, --temperature, --coreset, --topk, --taps, --aggregate, --augment, --relu6,
 * --contamination,
 * --calibrate, --no-heatmaps). Kept by hand: the job's jar carries nothing but compute.
 *
 * @param master a Spark master URL (e.g. local[2]) when not started by spark-submit, else null
 */
record JobArguments(InspectionJob.Request request, String master) {

    static final String USAGE = String.join("\n",
            "usage: spark-submit --class org.attentionworkbench.cluster.InspectionJob cluster.jar",
            "         --backbone CKPT --prompt IMG [--prompt IMG ...]",
            "         (--input DIR|IMG | --input-list FILE) [...] --out DIR",
            "         [--calibrate DIR|IMG ...] [--contamination SHARE] [--size PX] [--scorer auto|recon|bank|knn|fod]",
            "         [--k N] [--temperature T] [--coreset R] [--topk K] [--taps I,J,..] [--aggregate P] [--relu6]",
            "         [--augment none|flips|rotations]",
            "         [--no-heatmaps] [--partitions N] [--master URL]",
            "Paths may be local, hdfs:// or s3a:// (as Hadoop reads them). --input-list: one image path a line.",
            "OUT (absent or empty): scores.parquet/, scores.csv/, heatmaps/, summary.json.");

    /** The parsed arguments, or null for --help; an IllegalArgumentException says what is wrong. */
    static JobArguments parse(String[] args) {
        String backbone = null;
        String out = null;
        String master = null;
        List<String> prompts = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        List<String> calibrate = new ArrayList<>();
        JobSettings d = JobSettings.defaults();
        int size = d.inputSize();
        String scorer = "auto";
        int k = d.neighbours();
        float temperature = d.temperature();
        double coreset = d.coreset();
        int topK = d.topK();
        int[] taps = d.taps();
        int aggregate = d.aggregate();
        PromptAugmentation augmentation = d.augmentation();
        boolean relu6 = false;
        double contamination = Normalizer.DEFAULT_CONTAMINATION;
        boolean heatmaps = true;
        int partitions = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--relu6" -> relu6 = true;
                case "--no-heatmaps" -> heatmaps = false;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value"
                                : "unexpected argument '" + a + "'");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--backbone" -> backbone = v;
                        case "--prompt" -> prompts.add(v);
                        case "--input" -> inputs.add(v);
                        case "--input-list" -> lists.add(v);
                        case "--calibrate" -> calibrate.add(v);
                        case "--out" -> out = v;
                        case "--master" -> master = v;
                        case "--size" -> size = integer(a, v);
                        case "--scorer", "--method" -> scorer = v;
                        case "--k" -> k = integer(a, v);
                        case "--temperature" -> temperature = (float) number(a, v);
                        case "--coreset" -> coreset = number(a, v);
                        case "--topk" -> topK = integer(a, v);
                        case "--taps" -> taps = Arrays.stream(v.split(",")).mapToInt(t -> integer(a, t.trim()))
                                .toArray();
                        case "--contamination" -> contamination = number(a, v);
                        case "--aggregate" -> aggregate = integer(a, v);
                        case "--augment" -> augmentation = augmentation(v);
                        case "--partitions" -> partitions = integer(a, v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        if (backbone == null || out == null) {
            throw new IllegalArgumentException("--backbone and --out are required");
        }
        JobSettings s = new JobSettings(size, taps, relu6, method(scorer), temperature, coreset, k, topK,
                contamination, aggregate, augmentation, heatmaps);
        return new JobArguments(new InspectionJob.Request(backbone, prompts, inputs, lists, calibrate, out, s,
                partitions), master);
    }

    private static PromptAugmentation augmentation(String v) {
        try {
            return PromptAugmentation.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--augment: " + e.getMessage());
        }
    }

    /** The CLI's scorer words. */
    static AnomalyInspector.Method method(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "auto" -> AnomalyInspector.Method.AUTO;
            case "recon", "reconstruction", "softmax" -> AnomalyInspector.Method.RECONSTRUCTION;
            case "bank", "memory-bank" -> AnomalyInspector.Method.MEMORY_BANK;
            case "knn" -> AnomalyInspector.Method.NEAREST_NEIGHBOURS;
            case "fod", "correlation" -> AnomalyInspector.Method.CORRELATION;
            default -> throw new IllegalArgumentException("--scorer must be auto, recon (softmax), bank, knn or fod, not '"
                    + s + "'");
        };
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + v + "'");
        }
    }

    private static double number(String option, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + v + "'");
        }
    }
}
