package org.attentionworkbench.compute.models.vit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.checkpoint.Checkpoint;
import org.attentionworkbench.compute.checkpoint.Checkpoints;
import org.attentionworkbench.compute.checkpoint.HfConfig;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.HostTensor;
import org.attentionworkbench.compute.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case of tools/goldens (PyTorch re-implementations of timm, DINO, DINOv2, HF and
 * vit-pytorch, plus the real vit4mnist) on every backend and every checkpoint file format:
 * logits, final tokens and every layer's attention within 1e-4 max abs.
 */
class ViTGoldenTest {
    private static final double TOL = 1e-4;
    private static final Path ROOT = goldens();

    private static Path goldens() {
        try {
            return Path.of(ViTGoldenTest.class.getResource("/goldens/manifest.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        JsonObject m = JsonParser.parseString(Files.readString(ROOT.resolve("manifest.json"))).getAsJsonObject();
        List<Arguments> out = new ArrayList<>();
        for (JsonElement ce : m.getAsJsonArray("cases")) {
            JsonObject c = ce.getAsJsonObject();
            JsonObject model = null;
            for (JsonElement me : m.getAsJsonArray("models")) {
                if (me.getAsJsonObject().get("id").getAsString().equals(c.get("model").getAsString())) {
                    model = me.getAsJsonObject();
                }
            }
            for (JsonElement ck : model.getAsJsonArray("checkpoints")) {
                String file = ck.getAsJsonObject().get("file").getAsString();
                for (String kind : TestDevices.kinds().toList()) {
                    out.add(Arguments.of(c.get("name").getAsString() + " " + file + " " + kind, c, model, file, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name, JsonObject c, JsonObject model, String file, String kind) throws IOException {
        Path ckptPath = resolve(file);
        Device device = TestDevices.device(kind);
        JsonObject cfg = model.getAsJsonObject("config");
        ViTOptions opt = ViTOptions.defaults().withHeads(cfg.get("heads").getAsInt());
        Path configJson = ckptPath.resolveSibling("config.json");
        if (Files.isRegularFile(configJson)) {
            opt = opt.withEps((float) HfConfig.read(configJson).getDouble("layer_norm_eps"));
        }
        ViTLoader.Loaded loaded;
        try (Checkpoint ckpt = Checkpoints.open(ckptPath)) {
            loaded = ViTLoader.load(ckpt, opt);
        }
        ViTConfig vc = loaded.config();
        assertEquals(cfg.get("dim").getAsInt(), vc.dim());
        assertEquals(cfg.get("depth").getAsInt(), vc.depth());
        assertEquals(cfg.get("reg_tokens").getAsInt(), vc.registers());
        assertEquals(cfg.get("ln_eps").getAsDouble(), vc.eps(), 1e-9);
        assertEquals(cfg.get("attn_scale").getAsDouble(), vc.attnScale(), 1e-6);

        JsonObject files = c.getAsJsonObject("files");
        float[] input = Npy.read(ROOT.resolve(files.get("input").getAsString())).toFloats();
        int[] shape = Npy.read(ROOT.resolve(files.get("input").getAsString())).shape();
        try (ViT vit = new ViT(device, loaded); Tensor x = device.upload(input, shape)) {
            ViT.Output out = vit.forward(x, CaptureRequest.allAttention(vc.depth()));
            compare(name + " tokens", ROOT.resolve(files.get("tokens").getAsString()), out.tokens());
            if (files.has("logits")) {
                assertNotNull(out.logits(), "model should have a head");
                compare(name + " logits", ROOT.resolve(files.get("logits").getAsString()), out.logits());
            }
            float[] attn = Npy.read(ROOT.resolve(files.get("attn").getAsString())).toFloats();
            int per = attn.length / vc.depth();
            for (int l = 0; l < vc.depth(); l++) {
                HostTensor a = out.layers().get(l).attention();
                assertEquals(per, a.data().length, "attention size of layer " + l);
                maxAbs(name + " attention layer " + l, java.util.Arrays.copyOfRange(attn, l * per, (l + 1) * per),
                        a.data());
            }
        }
    }

    private static Path resolve(String file) {
        if (file.startsWith("shared:")) {
            Path shared = TestDevices.shared();
            assumeTrue(shared != null, TestDevices.sharedHint());
            return shared.resolve(file.substring(7));
        }
        return ROOT.resolve(file);
    }

    private static void compare(String what, Path golden, HostTensor got) throws IOException {
        var want = Npy.read(golden);
        assertArrayEquals(want.shape(), got.shape(), what + " shape");
        maxAbs(what, want.toFloats(), got.data());
    }

    private static void maxAbs(String what, float[] want, float[] got) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            double e = Math.abs(want[i] - got[i]);
            if (!(e <= worst)) {
                worst = e;
                at = i;
            }
        }
        if (!(worst <= TOL)) {
            throw new AssertionError(what + ": max abs error " + worst + " at " + at + " (want " + want[at] + ", got "
                    + got[at] + ")");
        }
    }

}
