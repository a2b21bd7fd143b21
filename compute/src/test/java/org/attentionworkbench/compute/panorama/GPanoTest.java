package org.attentionworkbench.compute.panorama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GPanoTest {

    /** A minimal JPEG header: SOI, an APP0, an APP1 with the XMP packet, then SOS and EOI. */
    static byte[] jpegWithXmp(String xmp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        segment(out, 0xE0, "JFIF\0\1\1\0\0\1\0\1\0\0".getBytes(StandardCharsets.ISO_8859_1));
        byte[] header = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = xmp.getBytes(StandardCharsets.UTF_8);
        byte[] seg = new byte[header.length + body.length];
        System.arraycopy(header, 0, seg, 0, header.length);
        System.arraycopy(body, 0, seg, header.length, body.length);
        segment(out, 0xE1, seg);
        segment(out, 0xDA, new byte[] {1, 1, 0, 0, 63, 0});
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 255);
        out.writeBytes(data);
    }

    private static final String ATTRIBUTES = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/"
              GPano:ProjectionType="equirectangular" GPano:FullPanoWidthPixels="8000" GPano:FullPanoHeightPixels="4000"
              GPano:CroppedAreaImageWidthPixels="6000" GPano:CroppedAreaImageHeightPixels="2000"
              GPano:CroppedAreaLeftPixels="1000" GPano:CroppedAreaTopPixels="900"
              GPano:PoseHeadingDegrees="350.0" GPano:InitialViewHeadingDegrees="20" GPano:InitialViewPitchDegrees="-5.5"
              GPano:InitialHorizontalFOVDegrees="75"/></rdf:RDF></x:xmpmeta>""";

    @Test
    void readsAttributes() {
        GPano.Reading r = GPano.read(jpegWithXmp(ATTRIBUTES), "a.jpg");
        GPano g = r.gpano().orElseThrow();
        assertEquals(8000, g.fullWidth());
        assertEquals(4000, g.fullHeight());
        assertEquals(6000, g.croppedWidth());
        assertEquals(2000, g.croppedHeight());
        assertEquals(1000, g.croppedLeft());
        assertEquals(900, g.croppedTop());
        assertEquals(350, g.poseHeading());
        assertEquals(-5.5, g.initialPitch());
        assertEquals(75, g.initialHfov());
        assertTrue(g.hasCrop());
        assertEquals(30, g.initialYaw(), 1e-9); // 20 − 350 wraps to +30
        assertTrue(r.notes().isEmpty(), r.notes().toString());
    }

    @Test
    void readsElementsAndFromAFile(@TempDir Path dir) throws Exception {
        String xmp = "<x:xmpmeta><rdf:Description xmlns:GPano=\"http://ns.google.com/photos/1.0/panorama/\">"
                + "<GPano:FullPanoWidthPixels>4096</GPano:FullPanoWidthPixels>"
                + "<GPano:InitialViewHeadingDegrees>90</GPano:InitialViewHeadingDegrees>"
                + "</rdf:Description></x:xmpmeta>";
        Path f = dir.resolve("e.jpg");
        Files.write(f, jpegWithXmp(xmp));
        GPano g = GPano.read(f).gpano().orElseThrow();
        assertEquals(4096, g.fullWidth());
        assertTrue(Double.isNaN(g.croppedWidth()));
        assertFalse(g.hasCrop());
        assertEquals(90, g.initialYaw(), 1e-9);
    }

    @Test
    void badValuesAreIgnoredWithANote() {
        String xmp = ATTRIBUTES.replace("\"8000\"", "\"wide\"");
        GPano.Reading r = GPano.read(jpegWithXmp(xmp), "bad.jpg");
        GPano g = r.gpano().orElseThrow();
        assertTrue(Double.isNaN(g.fullWidth()));
        assertFalse(g.hasCrop());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("FullPanoWidthPixels") && n.contains("bad.jpg")),
                r.notes().toString());
    }

    @Test
    void brokenFilesNeverThrow() {
        byte[] good = jpegWithXmp(ATTRIBUTES);
        // truncated inside the XMP segment
        byte[] cut = java.util.Arrays.copyOf(good, 60);
        GPano.Reading r = GPano.read(cut, "cut.jpg");
        assertTrue(r.gpano().isEmpty());
        assertTrue(r.notes().get(0).contains("cut.jpg"), r.notes().toString());
        // not a JPEG at all
        GPano.Reading png = GPano.read("PNG....".getBytes(StandardCharsets.ISO_8859_1), "x.png");
        assertTrue(png.gpano().isEmpty());
        assertTrue(png.notes().isEmpty(), "other formats are not noted");
        // XMP without GPano (not noted), and a non-equirectangular projection
        GPano.Reading plain = GPano.read(jpegWithXmp("<x:xmpmeta/>"), "n.jpg");
        assertTrue(plain.gpano().isEmpty());
        assertTrue(plain.notes().isEmpty());
        assertTrue(GPano.read(jpegWithXmp(ATTRIBUTES.replace("equirectangular", "cylindrical")), "c.jpg")
                .gpano().isEmpty());
        // crop larger than the full panorama: kept, but not placeable, with a note
        GPano.Reading big = GPano.read(jpegWithXmp(ATTRIBUTES.replace("\"6000\"", "\"9000\"")), "big.jpg");
        assertFalse(big.gpano().orElseThrow().hasCrop());
        assertFalse(big.notes().isEmpty());
    }
}
