package org.attentionworkbench.app.services;

import javafx.scene.image.Image;

/** An image ready to show: where it came from, its pixels, and the format it was read from. */
public record LoadedImage(ImageSource source, Image image, String format) {

    public int width() {
        return (int) image.getWidth();
    }

    public int height() {
        return (int) image.getHeight();
    }

    /** 0xAARRGGBB at (x, y). */
    public int argb(int x, int y) {
        return image.getPixelReader().getArgb(x, y);
    }
}
