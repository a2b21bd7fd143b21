package org.attentionworkbench.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.colorize.ColorizationMethod;
import org.attentionworkbench.compute.colorize.ColorizationMethods;
import org.attentionworkbench.compute.colorize.HintFiles;
import org.attentionworkbench.compute.colorize.LabImage;
import org.attentionworkbench.compute.colorize.ProgressListener;
import org.attentionworkbench.compute.colorize.Settings;
import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.AtomicFiles;

/**
 * {@code workbench colorize --image IMG --hints HINTS.json --method attention|levin --out FILE.png
 * [--working-size PX]}: the image's L at full resolution recombined with the propagated hint colours.
 */
public final class ColorizeCommand implements Subcommand {

    @Override
    public String name() {
        return "colorize";
    }

    @Override
    public String help() {
        return "--image IMG --hints HINTS.json --method attention|levin --out FILE.png: colorize from hints";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        Args a = Args.parse(args, Set.of("--image", "--hints", "--method", "--out", "--working-size"), Set.of());
        Path image = Path.of(a.required("--image"));
        Path hints = Path.of(a.required("--hints"));
        Path out = Path.of(a.required("--out"));
        String methodName = a.optional("--method", "attention");
        if (!ColorizationMethods.NAMES.contains(methodName)) {
            throw new UsageException("--method must be one of " + ColorizationMethods.NAMES + ", not '" + methodName + "'");
        }
        Settings settings = Settings.defaults().withWorkingSize(intArg(a, "--working-size", 256));
        RgbImage rgb = ImageFiles.read(image);
        HintFiles.Loaded loaded = HintFiles.load(hints, rgb.width(), rgb.height());
        LabImage grey = LabImage.fromRgb(rgb).grey();
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device();
                ColorizationMethod method = ColorizationMethods.create(methodName, device)) {
            context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
            ColorizationMethod.Result r = method.colorize(grey, loaded.hints(), settings, ProgressListener.NONE);
            writePng(out, r.toRgb(grey));
            context.err().println(String.format(Locale.ROOT, "%s: %d hints, %d×%d, %.0f ms; wrote %s", methodName,
                    loaded.hints().size(), rgb.width(), rgb.height(), r.stats().get("totalMs").doubleValue(), out));
        }
        return 0;
    }

    static int intArg(Args a, String name, int fallback) throws UsageException {
        String v = a.optional(name, null);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs an integer, not '" + v + "'");
        }
    }

    /** Atomic PNG write (temporary file, then a move). */
    static void writePng(Path out, RgbImage img) throws IOException {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, img.width(), img.height(), img.rgb(), 0, img.width());
        AtomicFiles.write(out, stream -> {
            if (!ImageIO.write(bi, "png", stream)) {
                throw new IOException(out + ": no PNG writer");
            }
        });
    }
}
