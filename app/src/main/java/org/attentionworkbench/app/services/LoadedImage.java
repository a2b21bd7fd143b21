package org.attentionworkbench.app.services;

import javafx.scene.image.Image;
import org.attentionworkbench.compute.image.DecodedImage;

/**
 * An image ready to show: where it came from, the decoded pixels (what the engine gets, the same as
 * the CLI's) and the FX image made from them for display.
 */
public record LoadedImage(ImageSource source, Image image, DecodedImage pixels) {

    public int width() {
        return pixels.width();
    }

    public int height() {
        return pixels.height();
    }

    /** The format it was read from ("PNG", "JPEG", ...). */
    public String format() {
        return pixels.format();
    }

    /** 0xAARRGGBB at (x, y), straight alpha, as decoded. */
    public int argb(int x, int y) {
        return pixels.argb()[y * pixels.width() + x];
    }
}
