package org.attentionworkbench.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.attentionworkbench.compute.device.Devices;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.models.AttentionExport;
import org.attentionworkbench.compute.models.VisionModel;
import org.attentionworkbench.compute.models.vit.ViT;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;

/**
 * {@code workbench attention --model PATH --image PATH --out DIR [--native]}: one forward pass with
 * every layer's attention captured, written as attention.npy, tokens.json and logits.npy.
 */
public final class AttentionCommand implements Subcommand {

    @Override
    public String name() {
        return "attention";
    }

    @Override
    public String help() {
        return "--model CKPT|CARD|NAME --image IMG --out DIR [--native]: attention maps of an image ViT";
    }

    @Override
    public int run(List<String> args, CliContext context) throws Exception {
        Args a = Args.parse(args, Set.of("--model", "--image", "--out"), Set.of("--native"));
        Path model = ModelLocator.resolve(a.required("--model"));
        Path image = Path.of(a.required("--image"));
        Path out = Path.of(a.required("--out"));
        RgbImage img = ImageFiles.read(image);
        Devices.Selection sel = Devices.open(context.deviceSelector());
        try (Device device = sel.device(); VisionModel vm = VisionModel.open(model, device)) {
            context.err().println("device: " + device.info().label() + " (" + sel.note() + ")");
            long t0 = System.nanoTime();
            ViT.Output o = vm.run(img, a.flag("--native"), CaptureRequest.allAttention(vm.network().config().depth()));
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
