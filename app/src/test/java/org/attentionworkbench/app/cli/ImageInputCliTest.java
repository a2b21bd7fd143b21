package org.attentionworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.attentionworkbench.app.Main;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.HintFiles;
import org.attentionworkbench.compute.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images the commands cannot use are refused up front with one line naming the file and the numbers. */
class ImageInputCliTest {
    private static final Path IMAGES = Path.of("..", "compute", "src", "test", "resources", "images");

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    private static Path hints(Path dir) throws IOException {
        Path f = dir.resolve("hints.json");
        HintFiles.save(f, 100, 100, List.of(new Hint(1, 10, 10, 40f, 30f, 3)));
        return f;
    }

    /** A real 14000 × 14000 PNG, 1-bit black so it is a few KB and quick to write. */
    private static Path blank14k(Path file) throws IOException {
        int w = 14_000, h = 14_000;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(idat)) {
            byte[] row = new byte[1 + (w + 7) / 8];
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 1).put((byte) 0)
                    .put((byte) 0).put((byte) 0).put((byte) 0).array());
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(OutputStream out, String type, byte[] body) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.write(ByteBuffer.allocate(4).putInt(body.length).array());
        out.write(t);
        out.write(body);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The 14000² PNG that crashed colorize with an OutOfMemoryError. */
    @Test
    void colorizeRefusesAnImageTooLargeForItsMemory(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 14_000L * 14_000L * ImageFiles.Workload.COLORIZE.bytesPerPixel(),
                "this JVM's heap would fit colorize at 14000²");
        Path big = blank14k(dir.resolve("big.png"));
        Path out = dir.resolve("out.png");
        Run r = run("--device", "java", "colorize", "--image", big.toString(), "--hints", hints(dir).toString(),
                "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("workbench colorize: " + big + ": 14000×14000 pixels (196 Mpx) need about 7.8 GB for"
                + " colorize, but this Java runtime may use "), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aForgedHeaderAndATruncatedJpegAreRefusedWithTheirNames(@TempDir Path dir) throws Exception {
        Path huge = IMAGES.resolve("huge-header.png");
        Run r = run("--device", "java", "colorize", "--image", huge.toString(), "--hints", hints(dir).toString(),
                "--out", dir.resolve("o.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(huge + ": 100000×100000 pixels is too large: the longest side accepted is 32768"),
                r.err());
        java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(200, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 200 * 200; i++) {
            noise.setRGB(i % 200, i / 200, random.nextInt(1 << 24));
        }
        Path whole = dir.resolve("whole.jpg");
        assertTrue(javax.imageio.ImageIO.write(noise, "jpeg", whole.toFile()));
        byte[] jpeg = Files.readAllBytes(whole);
        Path cut = dir.resolve("photo.jpg");
        Files.write(cut, Arrays.copyOf(jpeg, jpeg.length - 200));
        Run t = run("--device", "java", "colorize", "--image", cut.toString(), "--hints", hints(dir).toString(),
                "--out", dir.resolve("o.png").toString());
        assertEquals(1, t.code());
        assertTrue(t.err().contains(cut + ": truncated JPEG (the data ends at byte " + (jpeg.length - 200) + ")"),
                t.err());
    }
}
