package org.attentionworkbench.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.attentionworkbench.compute.colorize.ColorizationMethod;
import org.attentionworkbench.compute.colorize.ColorizationMethods;
import org.attentionworkbench.compute.colorize.HintFiles;
import org.attentionworkbench.compute.colorize.LabImage;
import org.attentionworkbench.compute.colorize.ProgressListener;
import org.attentionworkbench.compute.colorize.Settings;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench colorize --image IMG --hints HINTS.json --method attention|levin --out FILE.png
 * [--working-size PX]}: the image's L at full resolution recombined with the propagated hint colours.
 */
@Command(name = "colorize", description = {"Colorize an image from colour hints.",
        "The image's lightness at full resolution with the propagated hint colours, written as a PNG."})
public final class ColorizeCommand extends CliCommand {
    @Option(names = "--image", required = true, paramLabel = "IMG",
            description = "The image (its colours are dropped).")
    private Path image;

    @Option(names = "--hints", required = true, paramLabel = "HINTS.json", description = "Hint points and colours, "
            + "as the Colorize workspace saves them.")
    private Path hints;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "attention", completionCandidates = Methods.class,
            description = "How hints spread: ${COMPLETION-CANDIDATES}.")
    private String methodName;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The colorized PNG.")
    private Path out;

    @Option(names = "--working-size", paramLabel = "PX", defaultValue = "256", description = "Longer side of the "
            + "grid the colours are propagated on, then upsampled; 0: full resolution.")
    private int workingSize;

    /** The method names, for completion and the help text. */
    static final class Methods extends ArrayList<String> {
        Methods() {
            super(ColorizationMethods.NAMES);
        }
    }

    @Override
    protected int run(CliContext context) throws Exception {
        if (!ColorizationMethods.NAMES.contains(methodName)) {
            throw new UsageException("--method must be one of " + ColorizationMethods.NAMES + ", not '" + methodName + "'");
        }
        Settings settings = Settings.defaults().withWorkingSize(workingSize);
        RgbImage rgb = ImageFiles.read(image, ImageFiles.Workload.COLORIZE);
        HintFiles.Loaded loaded = HintFiles.load(hints, rgb.width(), rgb.height());
        if (loaded.clamped() > 0) {
            context.err().printf(Locale.ROOT, "%s: %d of %d hints had a colour outside sRGB and were moved onto its"
                    + " outline%n", hints, loaded.clamped(), loaded.hints().size());
        }
        LabImage grey = LabImage.fromRgb(rgb).grey();
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device();
                ColorizationMethod method = ColorizationMethods.create(methodName, device)) {
            context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
            ColorizationMethod.Result r = method.colorize(grey, loaded.hints(), settings, ProgressListener.NONE);
            PngWriter.write(r.toRgb(grey), out);
            context.err().println(String.format(Locale.ROOT, "%s: %d hints, %d×%d, %.0f ms; wrote %s", methodName,
                    loaded.hints().size(), rgb.width(), rgb.height(), r.stats().get("totalMs").doubleValue(), out));
        }
        return 0;
    }
}
