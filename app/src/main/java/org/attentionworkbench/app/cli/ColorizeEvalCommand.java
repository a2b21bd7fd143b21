package org.attentionworkbench.app.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.attentionworkbench.compute.colorize.ColorizationMethods;
import org.attentionworkbench.compute.colorize.ColorizeEval;
import org.attentionworkbench.compute.colorize.Settings;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.tensor.Device;

/**
 * {@code workbench colorize-eval --images DIR --hints 1,2,5,10 --seed S --method attention|levin|all
 * --out metrics.json [--working-size PX] [--attention-backend incremental|device]}: the iColoriT
 * protocol (see {@link ColorizeEval}); progress on stderr, a table of means on stdout.
 */
public final class ColorizeEvalCommand implements Subcommand {

    @Override
    public String name() {
        return "colorize-eval";
    }

    @Override
    public String help() {
        return "--images DIR --hints N[,N...] --seed S --method attention|levin|all --out metrics.json";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        Args a = Args.parse(args, Set.of("--images", "--hints", "--seed", "--method", "--out", "--working-size",
                "--attention-backend"), Set.of());
        Path dir = Path.of(a.required("--images"));
        Path out = Path.of(a.required("--out"));
        int[] counts;
        try {
            counts = Arrays.stream(a.optional("--hints", "1,2,5,10,20,50,100").split(","))
                    .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--hints needs integers separated by commas");
        }
        if (Arrays.stream(counts).anyMatch(c -> c < 0)) {
            throw new UsageException("--hints must not be negative");
        }
        long seed;
        try {
            seed = Long.parseLong(a.optional("--seed", "1234"));
        } catch (NumberFormatException e) {
            throw new UsageException("--seed needs an integer");
        }
        String m = a.optional("--method", "all");
        List<String> methods = m.equals("all") ? ColorizationMethods.NAMES : List.of(m);
        if (!ColorizationMethods.NAMES.containsAll(methods)) {
            throw new UsageException("--method must be attention, levin or all, not '" + m + "'");
        }
        String backend = a.optional("--attention-backend", "incremental");
        if (!backend.equals("incremental") && !backend.equals("device")) {
            throw new UsageException("--attention-backend must be incremental or device");
        }
        Settings settings = Settings.defaults().withWorkingSize(ColorizeCommand.intArg(a, "--working-size", 256));
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
