package org.attentionworkbench.compute.models.omnifusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.attentionworkbench.compute.models.depth.DepthPreprocess;
import org.junit.jupiter.api.Test;

/**
 * The Java ports of OpenCV's resizes against real {@code cv2.resize} (python3-opencv 4.6), as each
 * codebase feeds it: INTER_CUBIC on Depth Anything's float64 [0, 1] image, INTER_AREA on OmniFusion's
 * 8-bit image. Both must be bit exact. References: {@code tools/depth/make_cv2_resize_goldens.py}.
 */
class Cv2ResizeTest {
    static final Path ROOT = Path.of("src/test/resources/goldens/cv2resize");

    private static JsonObject cases() throws Exception {
        return JsonParser.parseString(Files.readString(ROOT.resolve("cases.json"))).getAsJsonObject();
    }

    private static RgbImage image(NpyArray a) {
        int h = a.shape()[0], w = a.shape()[1];
        int[] v = a.toInts();
        int[] rgb = new int[h * w];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = v[3 * i] << 16 | v[3 * i + 1] << 8 | v[3 * i + 2];
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void cubicOnFloat64MatchesCv2BitForBit() throws Exception {
        int n = 0;
        for (JsonElement e : cases().getAsJsonArray("cubic")) {
            JsonObject c = e.getAsJsonObject();
            NpyArray src = Npy.read(ROOT.resolve(c.get("src").getAsString()));
            int h = src.shape()[0], w = src.shape()[1];
            int nh = c.getAsJsonArray("size").get(0).getAsInt(), nw = c.getAsJsonArray("size").get(1).getAsInt();
            int[] v = src.toInts();
            double[] planes = new double[3 * h * w];
            for (int i = 0; i < h * w; i++) {
                for (int ch = 0; ch < 3; ch++) {
                    planes[ch * h * w + i] = v[3 * i + ch] / 255.0;
                }
            }
            double[] got = DepthPreprocess.cv2Cubic(planes, 3, h, w, nh, nw);
            double[] want = Npy.read(ROOT.resolve(c.get("out").getAsString())).toDoubles();
            for (int i = 0; i < nh * nw; i++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(want[3 * i + ch], got[ch * nh * nw + i], 0.0, c.get("out").getAsString() + " at " + i);
                }
            }
            n++;
        }
        assertEquals(6, n);
    }

    @Test
    void areaOnUint8MatchesCv2BitForBit() throws Exception {
        int n = 0;
        for (JsonElement e : cases().getAsJsonArray("area")) {
            JsonObject c = e.getAsJsonObject();
            RgbImage src = image(Npy.read(ROOT.resolve(c.get("src").getAsString())));
            int nh = c.getAsJsonArray("size").get(0).getAsInt(), nw = c.getAsJsonArray("size").get(1).getAsInt();
            RgbImage want = image(Npy.read(ROOT.resolve(c.get("out").getAsString())));
            RgbImage got = OmniFusionInput.cv2Area(src, nw, nh);
            assertArrayEquals(want.rgb(), got.rgb(), c.get("out").getAsString());
            n++;
        }
        assertEquals(9, n);
    }

    @Test
    void omniFusionInputIsTheAreaResizeInBgr() throws Exception {
        RgbImage src = image(Npy.read(ROOT.resolve("src_33x45.npy")));
        RgbImage small = OmniFusionInput.cv2Area(src, 13, 10);
        float[] x = OmniFusion.input(src, 13, 10);
        int p = small.rgb()[7];
        assertEquals((p & 0xff) / 255f, x[7], 0f);
        assertEquals(((p >> 16) & 0xff) / 255f, x[2 * 130 + 7], 0f);
    }
}
