package org.attentionworkbench.compute.panorama;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Photo Sphere metadata (GPano XMP in a JPEG's APP1 segment): where a cropped panorama sits
 * inside the full sphere and where to start looking. Pixel values are the full panorama's;
 * angles are degrees. Absent values are NaN. Reading never throws on bad metadata: it gives
 * {@link Optional#empty()} with a note saying why.
 */
public record GPano(double fullWidth, double fullHeight, double croppedWidth, double croppedHeight,
        double croppedLeft, double croppedTop, double poseHeading, double initialHeading, double initialPitch,
        double initialHfov) {

    private static final byte[] XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    /** XMP larger than this is not read (the standard XMP packet is at most 64 KiB). */
    private static final int MAX_SEGMENT = 65535;

    /** The outcome of looking for GPano: the values when usable, and notes on what was ignored. */
    public record Reading(Optional<GPano> gpano, List<String> notes) {
        public Reading {
            notes = List.copyOf(notes);
        }
    }

    /** True when the crop values are all there and consistent, so the crop can be placed on the sphere. */
    public boolean hasCrop() {
        return fullWidth > 0 && fullHeight > 0 && croppedWidth > 0 && croppedHeight > 0 && croppedLeft >= 0
                && croppedTop >= 0 && croppedLeft + croppedWidth <= fullWidth + 0.5
                && croppedTop + croppedHeight <= fullHeight + 0.5;
    }

    /**
     * The initial view's yaw in degrees relative to the full panorama's centre: InitialViewHeading
     * minus PoseHeading (both compass headings; PoseHeading is the centre's), or NaN when absent.
     */
    public double initialYaw() {
        if (Double.isNaN(initialHeading)) {
            return Double.NaN;
        }
        double y = initialHeading - (Double.isNaN(poseHeading) ? 0 : poseHeading);
        return ((y + 180) % 360 + 360) % 360 - 180;
    }

    /** Reads GPano from a JPEG file's header segments (stops at the image data). */
    public static Reading read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.getFileName().toString());
        } catch (IOException e) {
            return new Reading(Optional.empty(), List.of(file.getFileName() + ": cannot read XMP: " + e.getMessage()));
        }
    }

    /** Reads GPano from JPEG bytes ({@code name} labels the notes). */
    public static Reading read(byte[] jpeg, String name) {
        try {
            return read(new java.io.ByteArrayInputStream(jpeg), name);
        } catch (IOException e) {
            return new Reading(Optional.empty(), List.of(name + ": cannot read XMP: " + e.getMessage()));
        }
    }

    private static Reading read(InputStream raw, String name) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        List<String> notes = new ArrayList<>();
        if (in.read() != 0xFF || in.read() != 0xD8) {
            return new Reading(Optional.empty(), List.of()); // not a JPEG: nothing to say, GPano lives in JPEGs
        }
        try {
            while (true) {
                int b = in.read();
                while (b == 0xFF) {
                    b = in.read();
                }
                if (b < 0) {
                    break;
                }
                int marker = b;
                if (marker == 0xD9 || marker == 0xDA) {
                    break; // end of image / start of scan: no metadata after this
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue; // markers without a length
                }
                int len = in.readUnsignedShort() - 2;
                if (len < 0) {
                    notes.add(name + ": bad JPEG segment length; XMP ignored");
                    break;
                }
                if (marker == 0xE1 && len > XMP_HEADER.length && len <= MAX_SEGMENT) {
                    byte[] seg = in.readNBytes(len);
                    if (seg.length < len) {
                        throw new EOFException();
                    }
                    if (startsWith(seg, XMP_HEADER)) {
                        String xmp = new String(seg, XMP_HEADER.length, seg.length - XMP_HEADER.length,
                                StandardCharsets.UTF_8);
                        return parseXmp(xmp, name, notes);
                    }
                } else {
                    in.skipNBytes(len);
                }
            }
        } catch (EOFException e) {
            notes.add(name + ": JPEG ends inside a header segment; XMP ignored");
        }
        return new Reading(Optional.empty(), notes);
    }

    /** GPano values from an XMP packet (attributes or elements); notes for values that are not numbers. */
    public static Reading parseXmp(String xmp, String name, List<String> notesSoFar) {
        List<String> notes = new ArrayList<>(notesSoFar);
        if (!xmp.contains("GPano")) {
            return new Reading(Optional.empty(), notes); // ordinary photo metadata, not a note
        }
        String projection = text(xmp, "ProjectionType");
        if (projection != null && !projection.trim().equalsIgnoreCase("equirectangular")) {
            notes.add(name + ": GPano projection \"" + projection.trim() + "\" is not equirectangular; ignored");
            return new Reading(Optional.empty(), notes);
        }
        double[] v = new double[10];
        String[] keys = {"FullPanoWidthPixels", "FullPanoHeightPixels", "CroppedAreaImageWidthPixels",
            "CroppedAreaImageHeightPixels", "CroppedAreaLeftPixels", "CroppedAreaTopPixels", "PoseHeadingDegrees",
            "InitialViewHeadingDegrees", "InitialViewPitchDegrees", "InitialHorizontalFOVDegrees"};
        boolean any = false;
        for (int i = 0; i < keys.length; i++) {
            v[i] = number(xmp, keys[i], name, notes);
            any |= !Double.isNaN(v[i]);
        }
        if (!any) {
            notes.add(name + ": GPano has no usable values");
            return new Reading(Optional.empty(), notes);
        }
        GPano g = new GPano(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
        if (!Double.isNaN(g.croppedWidth()) && !g.hasCrop()) {
            notes.add(name + ": GPano crop does not fit its full panorama; the image is taken as the whole sphere");
        }
        return new Reading(Optional.of(g), notes);
    }

    private static double number(String xmp, String key, String name, List<String> notes) {
        String s = text(xmp, key);
        if (s == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // noted below
        }
        notes.add(name + ": GPano:" + key + " \"" + s.trim() + "\" is not a number; ignored");
        return Double.NaN;
    }

    // GPano:Key="v" (attribute) or <GPano:Key>v</GPano:Key> (element)
    private static String text(String xmp, String key) {
        Matcher m = Pattern.compile("GPano:" + key + "\\s*=\\s*[\"']([^\"']*)[\"']").matcher(xmp);
        if (m.find()) {
            return m.group(1);
        }
        m = Pattern.compile("<GPano:" + key + ">([^<]*)</GPano:" + key + ">").matcher(xmp);
        return m.find() ? m.group(1) : null;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
