package org.attentionworkbench.samples.rooms;

import java.io.IOException;
import java.nio.file.Path;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;

/**
 * One rendered view of a {@link SyntheticRoom}: the colours and the exact depth in metres per pixel.
 *
 * @param image the RGB picture
 * @param depth row-major {@code height × width}: radial distance for an equirectangular render,
 *     planar (along the optical axis) for a perspective one; owned by the record, not copied
 */
public record RoomRender(RgbImage image, float[] depth) {
    public RoomRender {
        if (depth.length != image.rgb().length) {
            throw new IllegalArgumentException("depth has " + depth.length + " values for a "
                    + image.width() + "×" + image.height() + " image");
        }
    }

    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }

    public float depthAt(int x, int y) {
        return depth[y * image.width() + x];
    }

    /** Writes the picture as PNG and the depth as a float32 NPY of shape [height, width]. */
    public void save(Path png, Path npy) throws IOException {
        PngWriter.write(image, png);
        Npy.writeFloat32(npy, depth, image.height(), image.width());
    }
}
