package org.attentionworkbench.app.cli;

import java.nio.file.Path;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench attention --model PATH --image PATH --out DIR [--native]}: one forward pass with
 * every layer's attention captured, written as attention.npy, tokens.json and logits.npy.
 */
@Command(name = "attention", description = {"Attention maps of an image ViT.", "Writes attention.npy "
        + "[layers, heads, tokens, tokens], tokens.json and logits.npy (with a classifier head) into --out; prints "
        + "the top-1 class."})
public final class AttentionCommand extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "CKPT|CARD|NAME", description = "A checkpoint file "
            + "(config.json beside it for HF), a model card (.json), or a model name (installed, or in "
            + "samples/models).")
    private String modelName;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The image.")
    private Path image;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the output files.")
    private Path out;

    @Option(names = "--native", description = "Run on the image's own grid (sides rounded to the patch, at most "
            + "64 patches a side) instead of the model's input size.")
    private boolean nativeSize;

    @Override
    protected int run(CliContext context) throws Exception {
        Path model = ModelLocator.resolve(modelName);
        RgbImage img = ImageFiles.read(image);
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device(); VisionModel vm = VisionModel.open(model, device)) {
            context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
            long t0 = System.nanoTime();
            ViT.Output o = vm.run(img, nativeSize, CaptureRequest.allAttention(vm.network().config().depth()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            AttentionExport.writeImage(out, vm, o, image.getFileName().toString());
            context.err().println("model: " + vm.card().name + ", " + vm.network().config().depth() + " layers × "
                    + vm.network().config().heads() + " heads, grid " + o.gridH() + "×" + o.gridW() + ", " + ms
                    + " ms; wrote " + out.resolve("attention.npy") + ", tokens.json"
                    + (o.logits() != null ? ", logits.npy" : ""));
            if (o.logits() != null) {
                var top = AttentionExport.top(o.logits().data(), vm.labels(), 1).get(0);
                context.out().println("top-1: " + top.get("label") + " (" + String.format("%.3f", top.get("probability"))
                        + ")");
            }
        }
        return 0;
    }
}
