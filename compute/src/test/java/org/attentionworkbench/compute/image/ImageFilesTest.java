package org.attentionworkbench.compute.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one decoder on the test images of tools/make-test-images.py: a 4 × 2 grid of 16-pixel colour
 * patches in every format, colour handling and orientation, compared with the colours the script
 * wrote; damaged and oversized files refused with their names.
 */
class ImageFilesTest {
    /** The script's PATCHES (sRGB), row by row. */
    static final int[][] PATCHES = {
        {200, 60, 60}, {60, 170, 80}, {50, 80, 190}, {230, 210, 60},
        {128, 128, 128}, {20, 20, 20}, {240, 240, 240}, {150, 90, 160},
    };
    /** The script's GREYS and ALPHAS. */
    static final int[] GREYS = {0, 36, 73, 109, 146, 182, 219, 255};
    static final int[] ALPHAS = {255, 200, 128, 64, 0, 255, 32, 255};

    static Path images() throws URISyntaxException {
        return Path.of(ImageFilesTest.class.getResource("/images/patches.png").toURI()).getParent();
    }

    private static DecodedImage decode(String name) throws Exception {
        return ImageFiles.decode(images().resolve(name), ImageFiles.Workload.VIEW, ImageFiles.Progress.NONE);
    }

    /** Each patch's centre against the expected colours, within {@code tol} grey levels per channel. */
    private static void assertPatches(DecodedImage img, int[][] want, int tol, String what) {
        assertEquals(64, img.width(), what + " width");
        assertEquals(32, img.height(), what + " height");
        for (int p = 0; p < 8; p++) {
            int x = (p % 4) * 16 + 8, y = (p / 4) * 16 + 8;
            int px = img.argb()[y * 64 + x];
            int[] got = {(px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF};
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(got[c] - want[p][c]) <= tol, what + " patch " + p + ": got " + Arrays.toString(got)
                        + ", want " + Arrays.toString(want[p]) + " ± " + tol);
            }
        }
    }

    private static int[][] greys() {
        int[][] g = new int[8][];
        for (int i = 0; i < 8; i++) {
            g[i] = new int[] {GREYS[i], GREYS[i], GREYS[i]};
        }
        return g;
    }

    @ParameterizedTest
    @CsvSource({
        "patches.png, PNG, 0", "patches-16.png, PNG, 0", "patches-palette.png, PNG, 0", "patches.bmp, BMP, 0",
        "patches.gif, GIF, 0", "patches.jpg, JPEG, 3",
        // CMYK JPEG (Adobe, inverted, no profile): the JDK's reader gave colours far too light
        "patches-cmyk.jpg, JPEG, 4",
        // stored in Adobe RGB with its profile: the stored values are up to 47 levels from these sRGB
        // colours (green 60,170,80 is stored as 107,168,87), so a decoder ignoring the profile fails here
        "patches-adobergb.jpg, JPEG, 4",
    })
    void colourFilesGiveThePatchColours(String file, String format, int tol) throws Exception {
        DecodedImage img = decode(file);
        assertEquals(format, img.format());
        assertFalse(img.alpha(), file + " has no transparency");
        assertPatches(img, PATCHES, tol, file);
    }

    @ParameterizedTest
    @CsvSource({"patches-grey.png, 0", "patches-grey16.png, 0", "patches-grey.jpg, 3"})
    void greyFilesKeepTheirStoredLevels(String file, int tol) throws Exception {
        // Java treats grey as linear light and would brighten 73 to about 146 when converting to sRGB
        assertPatches(decode(file), greys(), tol, file);
    }

    @Test
    void alphaIsKeptForTheViewAndDroppedForTheEngine() throws Exception {
        DecodedImage img = decode("patches-alpha.png");
        assertTrue(img.alpha());
        RgbImage rgb = img.rgb();
        for (int p = 0; p < 8; p++) {
            int i = ((p / 4) * 16 + 8) * 64 + (p % 4) * 16 + 8;
            assertEquals(ALPHAS[p], img.argb()[i] >>> 24, "alpha of patch " + p);
            if (ALPHAS[p] > 0) { // a fully transparent pixel's colour is whatever the writer kept
                int want = PATCHES[p][0] << 16 | PATCHES[p][1] << 8 | PATCHES[p][2];
                assertEquals(want, img.argb()[i] & 0xFFFFFF, "straight (not premultiplied) colour of patch " + p);
                assertEquals(want, rgb.rgb()[i], "engine colour of patch " + p);
            }
        }
    }

    /** Orientation N stores the grid turned so that the EXIF tag's transform shows it upright. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsAppliedAsPhotoViewersDo(int orientation) throws Exception {
        assertPatches(decode("orient-" + orientation + ".jpg"), PATCHES, 3, "orientation " + orientation);
    }

    @Test
    void theEngineReadsTheSamePixelsAsTheViewer() throws Exception {
        for (String f : new String[] {"patches-adobergb.jpg", "patches-cmyk.jpg", "orient-6.jpg", "patches-alpha.png",
            "patches-grey16.png"}) {
            DecodedImage view = decode(f);
            RgbImage engine = ImageFiles.read(images().resolve(f));
            assertEquals(view.width(), engine.width());
            int[] masked = Arrays.stream(view.argb()).map(v -> v & 0xFFFFFF).toArray();
            assertTrue(Arrays.equals(masked, engine.rgb()), f);
        }
    }

    // ---- damaged files ------------------------------------------------------------------------

    /** A photo-like JPEG large enough that a cut leaves whole rows missing. */
    private static Path noiseJpeg(Path dir) throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(256, 256,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Path f = dir.resolve("noise.jpg");
        assertTrue(javax.imageio.ImageIO.write(img, "jpeg", f.toFile()));
        return f;
    }

    @Test
    void truncatedJpegIsRefusedNotPaddedWithGrey(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(noiseJpeg(dir));
        Path cut = dir.resolve("photo.jpg");
        int end = bytes.length * 6 / 10;
        Files.write(cut, Arrays.copyOf(bytes, end));
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(cut));
        assertEquals(ImageFileException.Kind.DAMAGED, e.kind());
        assertEquals(cut.toString() + ": truncated JPEG (the data ends at byte " + end + ")", e.getMessage());
        // cut inside the header: no image at all
        Files.write(cut, Arrays.copyOf(bytes, 200));
        ImageFileException header = assertThrows(ImageFileException.class, () -> ImageFiles.read(cut));
        assertEquals(ImageFileException.Kind.DAMAGED, header.kind(), header.getMessage());
        assertTrue(header.getMessage().startsWith(cut + ": "), header.getMessage());
    }

    @Test
    void truncatedPngIsRefused(@TempDir Path dir) throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(200, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(4);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Path good = dir.resolve("good.png");
        assertTrue(javax.imageio.ImageIO.write(img, "png", good.toFile()));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("scan.png");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(cut));
        assertEquals(ImageFileException.Kind.DAMAGED, e.kind());
        assertTrue(e.getMessage().startsWith(cut + ": truncated PNG (the data ends at byte " + bytes.length / 2),
                e.getMessage());
    }

    @Test
    void notAnImageMissingEmptyAndFolderAreNamed(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(text));
        assertEquals(ImageFileException.Kind.NOT_AN_IMAGE, e.kind());
        assertTrue(e.getMessage().startsWith(text + ": not an image"), e.getMessage());
        Path missing = dir.resolve("nope.jpg");
        assertEquals(missing + ": no such file", assertThrows(ImageFileException.class,
                () -> ImageFiles.read(missing)).getMessage());
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertEquals(empty + ": the file is empty", assertThrows(ImageFileException.class,
                () -> ImageFiles.read(empty)).getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        assertEquals(ImageFileException.Kind.NOT_READABLE, assertThrows(ImageFileException.class,
                () -> ImageFiles.read(folder)).kind());
    }

    // ---- size limits ---------------------------------------------------------------------------

    @Test
    void aForgedHeaderIsRefusedBeforeAnyPixelIsAllocated() throws Exception {
        Path huge = images().resolve("huge-header.png"); // 74 bytes claiming 100000 × 100000
        assertTrue(Files.size(huge) < 1000);
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(huge));
        assertEquals(ImageFileException.Kind.TOO_LARGE, e.kind());
        assertEquals(huge + ": 100000×100000 pixels is too large: the longest side accepted is 32768 pixels",
                e.getMessage());
    }

    @Test
    void pixelLimitIsCheckedBesideTheSideLimit() {
        ImageFileException e = assertThrows(ImageFileException.class,
                () -> ImageFiles.checkSize("wide.png", 30_000, 30_000, ImageFiles.Workload.VIEW));
        assertEquals("wide.png: 30000×30000 pixels (900 Mpx) is too large: at most 268435456 pixels (268 Mpx)"
                + " are accepted", e.getMessage());
    }

    /**
     * A real black PNG, small because it is all zeros: IHDR, one IDAT of deflated zero rows, IEND;
     * 8-bit RGB, or 1-bit grey (24 times less to deflate) when only the header matters.
     */
    static Path blankPng(Path file, int w, int h, boolean oneBitGrey) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.DEFAULT_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + (oneBitGrey ? (w + 7) / 8 : 3 * w)]; // filter byte 0, then zeros
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) (oneBitGrey ? 1 : 8)).put((byte) (oneBitGrey ? 0 : 2))
                    .put((byte) 0).put((byte) 0).put((byte) 0).array());
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(OutputStream out, String type, byte[] body) throws IOException {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.write(ByteBuffer.allocate(4).putInt(body.length).array());
        out.write(t);
        out.write(body);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * The 14000 × 14000 PNG that crashed colorize with an OutOfMemoryError: colorize needs about
     * 40 B per pixel (7.8 GB), so under the tests' 4 GB heap it is refused from the header, with the
     * numbers, before any pixel is decoded.
     */
    @Test
    void colorizeRefusesAnImageItCannotFinishUpFront(@TempDir Path dir) throws Exception {
        long need = 14_000L * 14_000L * ImageFiles.Workload.COLORIZE.bytesPerPixel();
        assumeTrue(Runtime.getRuntime().maxMemory() < need, "this JVM's heap would fit colorize at 14000²");
        Path big = blankPng(dir.resolve("big.png"), 14_000, 14_000, true);
        assertTrue(Files.size(big) < 100_000, "the test PNG stays small: " + Files.size(big));
        long t0 = System.nanoTime();
        ImageFileException e = assertThrows(ImageFileException.class,
                () -> ImageFiles.read(big, ImageFiles.Workload.COLORIZE));
        assertEquals(ImageFileException.Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().startsWith(big + ": 14000×14000 pixels (196 Mpx) need about 7.8 GB for colorize,"
                + " but this Java runtime may use "), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "refused from the header, not after decoding");
    }

    /** A 9000 × 7000 PNG (what the attention CLI was probed with) still decodes for model input. */
    @Test
    void aLargePhotoStillDecodesForModelInput(@TempDir Path dir) throws Exception {
        Path big = blankPng(dir.resolve("wide.png"), 9000, 7000, false);
        RgbImage img = ImageFiles.read(big);
        assertEquals(9000, img.width());
        assertEquals(7000, img.height());
        assertEquals(0, img.rgb()[7000 * 9000 - 1]);
    }
}
