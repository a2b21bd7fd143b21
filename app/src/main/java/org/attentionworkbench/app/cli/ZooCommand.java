package org.attentionworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attentionworkbench.app.figures.FigurePng;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.figure.FigureFiles;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.bert.Bert;
import org.attentionworkbench.compute.models.bert.MiniLM;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.zoo.Comparison;
import org.attentionworkbench.compute.zoo.Mixer;
import org.attentionworkbench.compute.zoo.ModelLayer;
import org.attentionworkbench.compute.zoo.Probes;
import org.attentionworkbench.compute.zoo.ZooInput;
import org.attentionworkbench.compute.zoo.ZooInputs;
import org.attentionworkbench.compute.zoo.ZooRun;
import org.attentionworkbench.compute.zoo.mechanisms.Mechanisms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench zoo --mechanism NAME[,NAME...]|all (--model M --image IMG | --text "..." |
 * --synthetic N) --layer L --head H --out DIR}: the attention zoo's mechanisms on one head's tokens.
 */
@Command(name = "zoo", description = {"The attention zoo: token-mixing mechanisms on the same tokens.",
        "Takes one head of a real layer (a ViT on --image, MiniLM on --text) or made-up tokens (--synthetic), "
        + "runs each mechanism, compares it with softmax on the same Q, K, V, and writes DIR/NAME/matrix.npy "
        + "(float32 [N, N]) per mechanism, DIR/metrics.json, and DIR/figures/ (figures.json, CSVs, PNGs)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every mechanism ran", "1:failure (bad model or image file, nothing ran, ...)",
                "2:usage error", "3:some mechanisms failed (listed on stderr and in metrics.json)"})
public final class ZooCommand extends CliCommand {
    @Option(names = "--mechanism", required = true, split = ",", paramLabel = "NAME",
            description = "Mechanism ids, comma-separated, or 'all'.")
    private List<String> mechanisms;

    @Option(names = "--model", paramLabel = "CKPT|CARD|NAME", description = "A ViT for --image (as in 'attention'); "
            + "with --text only 'minilm' (the default).")
    private String model;

    @Option(names = "--image", paramLabel = "IMG", description = "The image (patch tokens; the class token is dropped).")
    private Path image;

    @Option(names = "--text", paramLabel = "TEXT", description = "A sentence (MiniLM; every word piece a token).")
    private String text;

    @Option(names = "--synthetic", paramLabel = "N|RxC", description = "Made-up tokens: N (a square grid when N "
            + "is a square, else a sequence) or RxC.")
    private String synthetic;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "32", description = "Head dimension of --synthetic.")
    private int dim;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of --synthetic.")
    private long seed;

    @Option(names = "--layer", paramLabel = "L", defaultValue = "0", description = "Layer (0-based).")
    private int layer;

    @Option(names = "--head", paramLabel = "H", defaultValue = "0", description = "Head (0-based).")
    private int head;

    @Option(names = "--native", description = "ViT on the image's own grid instead of the model's input size.")
    private boolean nativeSize;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the output files.")
    private Path out;

    @Option(names = "--live-gate", description = "Gated mixers (cas-vit, extractor-she): the Jacobian map with "
            + "q = k = v = x tied and the gate differentiated too (small N: N·d ≤ 4096), instead of ∂y/∂v.")
    private boolean liveGate;

    @Option(names = "--no-png", description = "Skip the PNG figures (figures.json and CSVs are still written).")
    private boolean noPng;

    @Override
    protected int run(CliContext context) throws Exception {
        List<Mixer> mixers;
        try {
            mixers = Mechanisms.byIds(mechanisms);
            if (liveGate) {
                mixers = Mechanisms.withLiveGate(mixers);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mechanism: " + e.getMessage());
        }
        int sources = (image != null ? 1 : 0) + (text != null ? 1 : 0) + (synthetic != null ? 1 : 0);
        if (sources != 1) {
            throw new UsageException("give exactly one of --image, --text and --synthetic");
        }
        ZooInput in = input(context);
        Files.createDirectories(out);
        context.err().println("input: " + in.source() + ", N = " + in.n() + ", d = " + in.d() + ", grid "
                + in.rows() + "×" + in.cols());
        ZooRun.Result r = ZooRun.run(in, Mechanisms.softmax(), mixers, LabProgress.NONE);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ZooRun.Entry e : r.entries()) {
            rows.add(metrics(e));
            if (e.ok()) {
                Path dir = out.resolve(e.mixer().id());
                Files.createDirectories(dir);
                Npy.writeFloat32(dir.resolve("matrix.npy"), e.matrix().m(), in.n(), in.n());
                if (e.matrix().channel() != null) {
                    int c = e.matrix().channels();
                    Npy.writeFloat32(dir.resolve("channel.npy"), e.matrix().channel(), c, c);
                }
                context.out().println(String.format(Locale.ROOT, "%-24s rel‖ΔM‖ %-10s rel‖Δout‖ %-10s %8.1f ms",
                        e.mixer().id(), fmt(e.comparison().relMatrixError()), fmt(e.comparison().relOutputError()),
                        e.millis()));
            } else {
                failed.add(e.mixer().id());
                context.err().println(e.mixer().id() + ": " + e.error());
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("input", inputJson(in));
        meta.put("reference", "softmax(QKᵀ/√d) on the same Q, K; outputs compared on the same values (V for "
                + "V-probe mechanisms, the tokens x for the others)");
        meta.put("mechanisms", rows);
        AttentionExport.writeJson(out.resolve("metrics.json"), meta);
        FigureSet figures = r.figures();
        Path figDir = out.resolve("figures");
        FigureFiles.write(figures, figDir);
        if (!noPng) {
            FigurePng.write(figures, figDir);
        }
        context.err().println("wrote " + (r.entries().size() - failed.size()) + " matrices, " + out.resolve("metrics.json")
                + " and " + figDir);
        if (failed.size() == r.entries().size()) {
            context.err().println("zoo: every mechanism failed");
            return 1;
        }
        return failed.isEmpty() ? 0 : 3;
    }

    private ZooInput input(CliContext context) throws Exception {
        if (synthetic != null) {
            if (model != null) {
                throw new UsageException("--model is for --image or --text, not --synthetic");
            }
            int[] grid = grid(synthetic);
            if (dim < 1 || dim > 4096) {
                throw new UsageException("--dim " + dim + ": must be 1 … 4096");
            }
            return ZooInputs.synthetic(grid[0], grid[1], dim, seed);
        }
        if (image != null && model == null) {
            throw new UsageException("--image needs --model (a ViT checkpoint, card or name)");
        }
        if (text != null && model != null && !model.equalsIgnoreCase("minilm")) {
            throw new UsageException("--model " + model + ": text runs on MiniLM only (leave --model out, or 'minilm')");
        }
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device()) {
            context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
            ModelLayer ml;
            if (image != null) {
                Path card = ModelLocator.resolve(model);
                var img = ImageFiles.read(image);
                try (VisionModel vm = VisionModel.open(card, device)) {
                    checkRange(vm.network().config().depth(), vm.network().config().heads());
                    ml = ModelLayer.fromVit(vm, name(card), img, nativeSize, layer);
                }
            } else {
                if (text.isBlank()) {
                    throw new UsageException("--text is empty");
                }
                try (Bert bert = MiniLM.model(device)) {
                    checkRange(bert.config().layers(), bert.config().heads());
                    ml = ModelLayer.fromBert(bert, MiniLM.tokenizer(), "MiniLM", text, layer);
                }
            }
            if (ml.n() > Probes.MAX_MATRIX_TOKENS) {
                throw new UsageException(ml.n() + " tokens: the matrices are drawn up to " + Probes.MAX_MATRIX_TOKENS);
            }
            return ml.head(head);
        }
    }

    private void checkRange(int layers, int heads) throws UsageException {
        if (layer < 0 || layer >= layers) {
            throw new UsageException("--layer " + layer + ": the model has layers 0 … " + (layers - 1));
        }
        if (head < 0 || head >= heads) {
            throw new UsageException("--head " + head + ": the model has heads 0 … " + (heads - 1));
        }
    }

    private static String name(Path card) {
        String f = card.getFileName().toString();
        return f.endsWith(".json") && !f.equals("card.json") ? f.substring(0, f.length() - 5)
                : card.getParent() == null ? f : card.getParent().getFileName().toString();
    }

    /** "N" (square grid when N is a square) or "RxC". */
    static int[] grid(String spec) throws UsageException {
        try {
            String[] p = spec.toLowerCase(Locale.ROOT).split("[x×]");
            int rows;
            int cols;
            if (p.length == 2) {
                rows = Integer.parseInt(p[0].trim());
                cols = Integer.parseInt(p[1].trim());
            } else if (p.length == 1) {
                int n = Integer.parseInt(p[0].trim());
                int s = (int) Math.round(Math.sqrt(n));
                rows = s * s == n ? s : 1;
                cols = s * s == n ? s : n;
            } else {
                throw new NumberFormatException();
            }
            if (rows < 1 || cols < 1 || (long) rows * cols > Probes.MAX_MATRIX_TOKENS) {
                throw new UsageException("--synthetic " + spec + ": 1 … " + Probes.MAX_MATRIX_TOKENS + " tokens");
            }
            return new int[] {rows, cols};
        } catch (NumberFormatException e) {
            throw new UsageException("--synthetic " + spec + ": expected N or RxC (e.g. 64 or 8x8)");
        }
    }

    private static Map<String, Object> inputJson(ZooInput in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", in.source());
        m.put("tokens", in.n());
        m.put("channels", in.c());
        m.put("head_dim", in.d());
        m.put("grid", List.of(in.rows(), in.cols()));
        m.put("from_model", in.fromModel());
        m.put("labels", in.labels());
        return m;
    }

    private static Map<String, Object> metrics(ZooRun.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        Mixer x = e.mixer();
        m.put("id", x.id());
        m.put("title", x.title());
        m.put("reference", x.reference());
        m.put("learned_parts", e.learnedParts());
        m.put("ok", e.ok());
        m.put("flops", num(e.flops()));
        if (!e.ok()) {
            m.put("error", e.error());
            return m;
        }
        Comparison c = e.comparison();
        m.put("matrix", e.matrix().kind().name().toLowerCase(Locale.ROOT));
        m.put("matrix_how", e.matrix().kind().description() + (e.matrix().note().isEmpty() ? "" : "; " + e.matrix().note()));
        m.put("millis", num(e.millis()));
        m.put("rel_matrix_error", num(c.relMatrixError()));
        m.put("rel_output_error", num(c.relOutputError()));
        m.put("row_sum_min", num(c.rowSumMin()));
        m.put("row_sum_mean", num(c.rowSumMean()));
        m.put("row_sum_max", num(c.rowSumMax()));
        m.put("stochastic", c.stochastic());
        m.put("mean_total_variation", num(c.meanTotalVariation()));
        m.put("mean_kl", num(c.meanKl()));
        m.put("effective_rank", num(c.effectiveRank()));
        m.put("density", num(c.density()));
        m.put("mass_by_distance", Arrays.stream(c.massByDistance()).boxed().toList());
        return m;
    }

    /** JSON has no NaN: null instead. */
    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }
}
