package org.attentionworkbench.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import com.google.gson.JsonObject;
import org.attentionworkbench.compute.colorize.ColorizationMethods;
import org.attentionworkbench.compute.colorize.ColorizeEval;
import org.attentionworkbench.compute.colorize.Settings;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.device.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench colorize-eval --images DIR --hints 1,2,5,10 --seed S --method attention|levin|all
 * --out metrics.json [--working-size PX] [--attention-backend incremental|device]}: the iColoriT
 * protocol (see {@link ColorizeEval}); progress on stderr, a table of means on stdout.
 */
@Command(name = "colorize-eval", description = {"Colorization metrics (PSNR, SSIM) on a folder of photos.",
        "The iColoriT protocol: hints sampled from each photo's own colours, PSNR and SSIM per method and hint count.",
        "Progress on stderr, a table of means on stdout, every figure in --out."})
public final class ColorizeEvalCommand extends CliCommand {
    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of colour photos.")
    private Path dir;

    @Option(names = "--hints", paramLabel = "N", split = ",", defaultValue = "1,2,5,10,20,50,100",
            description = "Hint counts to evaluate.")
    private int[] counts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1234", description = "Seed of the hint sampling.")
    private long seed;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "all", completionCandidates = MethodsOrAll.class,
            description = "Method to evaluate: ${COMPLETION-CANDIDATES}.")
    private String m;

    @Option(names = "--out", required = true, paramLabel = "metrics.json", description = "The metrics file.")
    private Path out;

    @Option(names = "--working-size", paramLabel = "PX", defaultValue = "256", description = "Longer side of the "
            + "grid the colours are propagated on; 0: full resolution.")
    private int workingSize;

    @Option(names = "--attention-backend", paramLabel = "incremental|device", defaultValue = "incremental",
            description = "The attention method on the incremental CPU path or on the --device.")
    private String backend;

    /** The method names and {@code all}, for completion and the help text. */
    static final class MethodsOrAll extends java.util.ArrayList<String> {
        MethodsOrAll() {
            super(ColorizationMethods.NAMES);
            add("all");
        }
    }

    @Override
    protected int run(CliContext context) throws Exception {
        if (Arrays.stream(counts).anyMatch(c -> c < 0)) {
            throw new UsageException("--hints must not be negative");
        }
        List<String> methods = m.equals("all") ? ColorizationMethods.NAMES : List.of(m);
        if (!ColorizationMethods.NAMES.containsAll(methods)) {
            throw new UsageException("--method must be attention, levin or all, not '" + m + "'");
        }
        if (!backend.equals("incremental") && !backend.equals("device")) {
            throw new UsageException("--attention-backend must be incremental or device");
        }
        Settings settings = Settings.defaults().withWorkingSize(workingSize);
        Devices.Selection sel = backend.equals("device") ? Devices.open(context.deviceSelector()) : null;
        try (Device device = sel == null ? null : sel.device()) {
            if (sel != null) {
                context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
            }
            JsonObject doc = ColorizeEval.run(ColorizeEval.images(dir), dir, counts, seed, methods, settings, device,
                    context.err());
            ColorizeEval.write(out, doc);
            context.out().println("method     N   images  mean PSNR  mean SSIM");
            for (String name : methods) {
                JsonObject perN = doc.getAsJsonObject("methods").getAsJsonObject(name);
                for (int c : counts) {
                    JsonObject o = perN.getAsJsonObject(Integer.toString(c));
                    context.out().println(String.format(Locale.ROOT, "%-9s %3d  %6d  %9.3f  %9.4f", name, c,
                            o.get("images").getAsInt(), o.get("meanPsnr").getAsDouble(),
                            o.get("meanSsim").getAsDouble()));
                }
            }
            context.err().println("wrote " + out);
        }
        return 0;
    }
}
