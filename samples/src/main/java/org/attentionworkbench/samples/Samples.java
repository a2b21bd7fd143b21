package org.attentionworkbench.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The photos bundled with the application (public domain or CC0; see {@code samples/ATTRIBUTION.md}).
 * Each is a classpath resource, so the app can open one on first start without any file on disk.
 */
public final class Samples {
    private static final String ROOT = "/org/attentionworkbench/samples/photos/";

    /** A bundled photo: a short name (also the selector), a title for menus and its credit line. */
    public record Sample(String name, String title, String fileName, String credit, String licence) {

        /** The resource URL; never null for the bundled list (checked by the tests). */
        public URL url() {
            return Samples.class.getResource(ROOT + fileName);
        }

        /** A new stream over the file's bytes; the caller closes it. */
        public InputStream open() throws IOException {
            InputStream in = Samples.class.getResourceAsStream(ROOT + fileName);
            if (in == null) {
                throw new IOException("sample resource missing: " + ROOT + fileName);
            }
            return in;
        }
    }

    private static final List<Sample> ALL = List.of(
            new Sample("astronaut", "Astronaut (Eileen Collins)", "astronaut.jpg", "NASA", "Public domain"),
            new Sample("chelsea", "Chelsea the cat", "chelsea.png", "Stéfan van der Walt", "CC0"),
            new Sample("coffee", "Coffee cup", "coffee.jpg", "Rachel Michetti", "CC0"),
            new Sample("hubble_deep_field", "Hubble Deep Field", "hubble_deep_field.jpg", "NASA / ESA", "Public domain"),
            new Sample("retina", "Retina", "retina.jpg", "Mikael Häggström", "CC0"),
            new Sample("rocket", "Rocket launch", "rocket.jpg", "SpaceX", "Public domain"));

    /** The sample the app opens on first start. */
    public static final String FIRST_START = "chelsea";

    private Samples() {}

    /** Every bundled photo, in menu order. */
    public static List<Sample> all() {
        return ALL;
    }

    /** The sample with this name (case-insensitive). */
    public static Optional<Sample> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(s -> s.name().equals(n)).findFirst();
    }

    /** The sample opened on first start. */
    public static Sample firstStart() {
        return byName(FIRST_START).orElseThrow();
    }
}
