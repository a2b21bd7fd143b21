package org.attentionworkbench.compute.models.depth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.junit.jupiter.api.Test;

/** Resize rules and resized pixels against HF's processor (PIL) and the original repo (cv2 cubic, as mirrored). */
class DepthPreprocessTest {

    @Test
    void resizeSizesMatchBothCodebases() throws Exception {
        for (JsonElement e : DepthAnythingGoldenTest.manifest().getAsJsonArray("sizes")) {
            JsonObject s = e.getAsJsonObject();
            int h = s.get("h").getAsInt();
            int w = s.get("w").getAsInt();
            int[] hf = {s.getAsJsonArray("hf").get(0).getAsInt(), s.getAsJsonArray("hf").get(1).getAsInt()};
            int[] lb = {s.getAsJsonArray("lower_bound").get(0).getAsInt(),
                s.getAsJsonArray("lower_bound").get(1).getAsInt()};
            assertArrayEquals(hf, DepthPreprocess.resizedSize(h, w,
                    DepthPreprocess.Recipe.of(DepthPreprocess.Codebase.HF, 518)), "HF " + w + "x" + h);
            assertArrayEquals(lb, DepthPreprocess.resizedSize(h, w,
                    DepthPreprocess.Recipe.of(DepthPreprocess.Codebase.ORIGINAL, 518)), "original " + w + "x" + h);
        }
        // the processor's documented example: 640×480 → 686×518
        assertArrayEquals(new int[] {518, 686}, DepthPreprocess.resizedSize(480, 640,
                DepthPreprocess.Recipe.of(DepthPreprocess.Codebase.HF, 518)));
        // where the rules part: HF scales as little as possible (shrinks 33×45 less), lower_bound keeps both ≥ 42
        assertArrayEquals(new int[] {28, 42}, DepthPreprocess.resizedSize(33, 45,
                DepthPreprocess.Recipe.of(DepthPreprocess.Codebase.HF, 42)));
        assertArrayEquals(new int[] {42, 56}, DepthPreprocess.resizedSize(33, 45,
                DepthPreprocess.Recipe.of(DepthPreprocess.Codebase.ORIGINAL, 42)));
    }

    @Test
    void hfPixelsEqualPilBicubicThenNormalise() throws Exception {
        check(DepthPreprocess.Codebase.HF, "pipeline_hf_pixels.npy");
    }

    @Test
    void originalPixelsEqualCv2CubicThenNormalise() throws Exception {
        check(DepthPreprocess.Codebase.ORIGINAL, "pipeline_orig_pixels.npy");
    }

    private static void check(DepthPreprocess.Codebase codebase, String file) throws Exception {
        RgbImage img = ImageFiles.read(DepthAnythingGoldenTest.ROOT.resolve("image_45x33.png"));
        NpyArray want = Npy.read(DepthAnythingGoldenTest.ROOT.resolve(file));
        int[] hw = new int[2];
        float[] got = DepthPreprocess.apply(img, DepthPreprocess.Recipe.of(codebase, 42), hw);
        assertArrayEquals(new int[] {want.shape()[1], want.shape()[2]}, hw);
        // PIL's 8-bit fixed point reproduced exactly: float rounding only (a grey level would be 0.017)
        DepthAnythingGoldenTest.assertClose(codebase + " pixels", want.toFloats(), got, 1e-5);
    }
}
