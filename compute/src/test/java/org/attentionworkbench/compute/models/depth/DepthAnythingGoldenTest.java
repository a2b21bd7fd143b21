package org.attentionworkbench.compute.models.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.nn.CaptureRequest;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Depth Anything V2 against tools/depth/make_depth_anything_goldens.py (PyTorch re-implementations of
 * HF transformers and the original repo, tiny random weights): both layouts, relative and metric heads,
 * on the native 3×3 grid and on 3×5 (position embeddings interpolated, HF by size, the original with
 * scale factor (n + 0.1) / 3), on both backends; within 1e-4 max abs.
 */
class DepthAnythingGoldenTest {
    static final double TOL = 1e-4;
    static final Path ROOT = root();

    @TempDir
    Path tmp;

    static Path root() {
        try {
            return Path.of(DepthAnythingGoldenTest.class.getResource("/goldens/depthanything/manifest.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject manifest() throws IOException {
        return JsonParser.parseString(Files.readString(ROOT.resolve("manifest.json"))).getAsJsonObject();
    }

    /** The golden model of an id, as a user has it: the metric ones under their own config / file name. */
    static DepthModel open(String id, Device device, Path tmp) throws IOException {
        DepthOptions tiny = DepthOptions.defaults().withHeads(2).withOutBlocks(0, 1, 2, 3).withInputSize(42);
        return switch (id) {
            case "hf_relative" -> DepthModels.open(ROOT.resolve("hf"), device);
            case "hf_metric" -> {
                Path d = Files.createDirectories(tmp.resolve("hf_metric"));
                Files.copy(ROOT.resolve("hf/model.safetensors"), d.resolve("model.safetensors"));
                Files.copy(ROOT.resolve("hf/config.metric.json"), d.resolve("config.json"));
                Files.copy(ROOT.resolve("hf/preprocessor_config.json"), d.resolve("preprocessor_config.json"));
                yield DepthModels.open(d, device);
            }
            case "orig_relative" -> DepthModels.open(ROOT.resolve("depth_anything_v2_tiny.pth"), device, tiny);
            case "orig_metric" -> {
                Path f = tmp.resolve("depth_anything_v2_metric_hypersim_tiny.pth"); // the name says metric, 20 m
                Files.copy(ROOT.resolve("depth_anything_v2_tiny.pth"), f);
                yield DepthModels.open(f, device, tiny);
            }
            default -> throw new IllegalArgumentException(id);
        };
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : manifest().getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            for (String kind : TestDevices.kinds().toList()) {
                out.add(Arguments.of(c.get("model").getAsString() + " " + c.get("input").getAsString() + " " + kind,
                        c, kind));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardMatchesPyTorch(String name, JsonObject c, String kind) throws IOException {
        Device device = TestDevices.device(kind);
        NpyArray in = Npy.read(ROOT.resolve(c.get("input").getAsString()));
        NpyArray want = Npy.read(ROOT.resolve(c.get("output").getAsString()));
        String id = c.get("model").getAsString();
        try (DepthModel m = open(id, device, tmp)) {
            assertEquals(id.endsWith("metric") ? DepthKind.METRIC_METRES : DepthKind.RELATIVE_INVERSE, m.kind());
            DepthMap got = m.predictTensor(in.toFloats(), in.shape()[1], in.shape()[2]);
            assertEquals(want.shape()[0], got.height());
            assertEquals(want.shape()[1], got.width());
            assertClose(name, want.toFloats(), got.values(), TOL);
        }
    }

    static Stream<Arguments> pipelines() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : manifest().getAsJsonArray("pipeline")) {
            JsonObject c = e.getAsJsonObject();
            for (String kind : TestDevices.kinds().toList()) {
                out.add(Arguments.of(c.get("model").getAsString() + " " + kind, c, kind));
            }
        }
        return out.stream();
    }

    /** Image → resize (PIL bicubic / cv2 cubic) → forward → back to the image size, as each codebase. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void wholePipelineMatchesPyTorch(String name, JsonObject c, String kind) throws Exception {
        Device device = TestDevices.device(kind);
        RgbImage img = ImageFiles.read(ROOT.resolve(c.get("image").getAsString()));
        NpyArray want = Npy.read(ROOT.resolve(c.get("output").getAsString()));
        try (DepthModel m = open(c.get("model").getAsString(), device, tmp)) {
            DepthModel.Prediction p = m.predict(img, CaptureRequest.allAttention(4));
            assertEquals(img.width(), p.depth().width());
            assertEquals(img.height(), p.depth().height());
            assertClose(name, want.toFloats(), p.depth().values(), TOL);
            int[] size = {c.getAsJsonArray("size").get(0).getAsInt(), c.getAsJsonArray("size").get(1).getAsInt()};
            assertEquals(size[0] / 14, p.gridH());
            assertEquals(size[1] / 14, p.gridW());
            // every block's attention was kept: (1, heads, T, T) with T = 1 + grid
            int t = 1 + p.gridH() * p.gridW();
            for (int i = 0; i < 4; i++) {
                assertEquals(List.of(1, 2, t, t), java.util.Arrays.stream(p.layers().get(i).attention().shape())
                        .boxed().toList());
            }
        }
    }

    static void assertClose(String what, float[] want, float[] got, double tol) {
        assertEquals(want.length, got.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs(want[i] - got[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        if (!(worst <= tol)) {
            throw new AssertionError(what + ": max abs difference " + worst + " at " + at + " (" + got[at] + " vs "
                    + want[at] + "), tolerance " + tol);
        }
    }
}
