package org.attentionworkbench.app.depth360;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.Equirect;
import org.attentionworkbench.viewers.panorama.ErpConvention;
import org.attentionworkbench.viewers.panorama.PanoramaImage;
import org.attentionworkbench.viewers.panorama.PanoramaRenderer;
import org.attentionworkbench.viewers.panorama.SphereArea;
import org.attentionworkbench.viewers.panorama.ViewState;

/**
 * A panorama ready to show: its tiles, where it sits on the sphere (GPano crops), the pixel
 * convention of the file, the view to start from, notes about its metadata, and, for the
 * synthetic room, the exact radial depth ({@code knownDepth}, W×H metres in the same pixels; null
 * for files).
 *
 * @param file the file it came from; null for the sample room
 */
public record LoadedPanorama(String displayName, Path file, PanoramaImage image, SphereArea area,
        ErpConvention convention, ViewState initialView, List<String> notes, float[] knownDepth) {
    public LoadedPanorama {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(convention, "convention");
        Objects.requireNonNull(initialView, "initialView");
        notes = List.copyOf(notes);
    }

    /** What the viewer draws (background outside a cropped panorama). */
    public PanoramaRenderer.Source source() {
        return new PanoramaRenderer.Source(image, area, convention, 0xff202020);
    }

    /**
     * The full sphere resampled to {@code width × height} in the engine's {@link Equirect} pixel
     * convention (what the depth models read); areas a crop does not cover are the background.
     */
    public RgbImage toEquirect(int width, int height) {
        Equirect erp = new Equirect(width, height);
        PanoramaRenderer.Source src = source();
        int[] rgb = new int[width * height];
        for (int r = 0; r < height; r++) {
            double lat = -erp.latitude(r); // Equirect's latitude grows downwards; the viewer's upwards
            for (int c = 0; c < width; c++) {
                rgb[r * width + c] = src.colourAt(erp.longitude(c), lat) & 0xffffff;
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
