package org.attentionworkbench.compute.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ImageNet recipe against torchvision-on-PIL goldens (tools/goldens/make_image_preprocess_goldens.py). */
class PreprocessTest {

    private static Path goldens() throws URISyntaxException {
        return Path.of(PreprocessTest.class.getResource("/goldens/preprocess/manifest.json").toURI()).getParent()
                .getParent();
    }

    @Test
    void resizeAndCropMatchTorchvisionWithinOneGreyLevel() throws Exception {
        Path root = goldens();
        Path shared = TestDevices.shared();
        assumeTrue(shared != null, TestDevices.sharedHint());
        JsonObject m = JsonParser.parseString(Files.readString(root.resolve("preprocess/manifest.json"))).getAsJsonObject();
        for (JsonElement ce : m.getAsJsonArray("cases")) {
            JsonObject c = ce.getAsJsonObject();
            RgbImage img = asPilReadsIt(shared.resolve(c.get("photo").getAsString().substring(7)));
            // resize + crop in uint8, as PIL does
            int[] resized = {c.getAsJsonArray("resized_size_wh").get(0).getAsInt(),
                    c.getAsJsonArray("resized_size_wh").get(1).getAsInt()};
            int[] size = new int[2];
            float[] x = Preprocess.apply(img, Preprocess.Recipe.imagenet(224), size);
            assertEquals(224, size[0]);
            assertEquals(224, size[1]);
            RgbImage r = Preprocess.resize(img, resized[0], resized[1]);
            RgbImage crop = Preprocess.centerCrop(r, 224, 224);
            long[] want = Npy.read(root.resolve(c.getAsJsonObject("files").get("resized_cropped_u8").getAsString()))
                    .toLongs(); // [224, 224, 3]
            int worst = 0;
            for (int i = 0; i < 224 * 224; i++) {
                int p = crop.rgb()[i];
                int[] got = {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
                for (int ch = 0; ch < 3; ch++) {
                    worst = Math.max(worst, Math.abs(got[ch] - (int) want[i * 3 + ch]));
                }
            }
            assertEquals(true, worst <= 1, c.get("photo") + ": max grey-level difference " + worst);
            // normalised tensor: channel means within the 1-grey-level budget
            for (int ch = 0; ch < 3; ch++) {
                double mean = 0;
                for (int i = 0; i < 224 * 224; i++) {
                    mean += x[ch * 224 * 224 + i];
                }
                mean /= 224 * 224;
                assertEquals(c.getAsJsonArray("channel_mean").get(ch).getAsDouble(), mean, 0.02,
                        c.get("photo") + " channel " + ch);
            }
        }
    }

    /**
     * The pixels PIL gave torchvision: PIL ignores a JPEG's ICC profile, which our decoder applies (as
     * photo viewers do; rocket.jpg's Adobe RGB profile moves it up to 27 levels), so the profile's
     * APP2 segments are cut out before decoding. Other files are read as they are.
     */
    static RgbImage asPilReadsIt(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return ImageFiles.read(file);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(b, 0, 2);
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) != 0xDA) { // markers up to SOS
            int len = 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
            boolean icc = (b[i + 1] & 0xFF) == 0xE2 && new String(b, i + 4, Math.min(11, b.length - i - 4),
                    java.nio.charset.StandardCharsets.US_ASCII).equals("ICC_PROFILE");
            if (!icc) {
                out.write(b, i, len);
            }
            i += len;
        }
        out.write(b, i, b.length - i);
        return ImageFiles.decode(new java.io.ByteArrayInputStream(out.toByteArray()), file.toString(),
                ImageFiles.Workload.VIEW, ImageFiles.Progress.NONE).rgb();
    }

    @Test
    void centerCropRoundsHalfToEvenLikePython() {
        // (5 - 2) / 2 = 1.5 → 2 ; (7 - 2) / 2 = 2.5 → 2 (banker's rounding)
        int[] px = new int[7 * 1];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        RgbImage row = new RgbImage(7, 1, px);
        assertEquals(2, Preprocess.centerCrop(row, 2, 1).rgb()[0]);
        RgbImage row5 = new RgbImage(5, 1, new int[] {0, 1, 2, 3, 4});
        assertEquals(2, Preprocess.centerCrop(row5, 2, 1).rgb()[0]);
    }

    @Test
    void nativeModeKeepsAspectOnThePatchGrid() {
        RgbImage img = new RgbImage(100, 50, new int[5000]);
        int[] size = new int[2];
        float[] x = Preprocess.nativeGrid(img, Preprocess.Recipe.imagenet(224), 16, 1024, size);
        assertEquals(48, size[0]);
        assertEquals(96, size[1]);
        assertEquals(3 * 48 * 96, x.length);
    }

    /** A large image on a small patch stays within the grid cap (its maps would overflow an array otherwise). */
    @Test
    void nativeModeCapsTheGridNotJustThePixels() {
        RgbImage img = new RgbImage(2000, 1000, new int[2000 * 1000]);
        int[] size = new int[2];
        Preprocess.nativeGrid(img, Preprocess.Recipe.imagenet(224), 7, size);
        assertEquals(Preprocess.NATIVE_MAX_GRID * 7, size[1]);
        assertEquals(Preprocess.NATIVE_MAX_GRID / 2 * 7, size[0]);
        Preprocess.nativeGrid(img, Preprocess.Recipe.imagenet(224), 16, size);
        assertEquals(1024, size[1]);
        assertEquals(512, size[0]);
    }

    @Test
    void unreadableFilesNameTheFile(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(text));
        assertEquals(true, e.getMessage().contains("notes.png"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> ImageFiles.read(dir.resolve("nope.jpg")));
        assertEquals(true, missing.getMessage().contains("nope.jpg"));
    }
}
