package org.attentionworkbench.app.colorize.view;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** ARGB arrays onto JavaFX images, reusing the image when the size is unchanged. */
final class FxPixels {
    private FxPixels() {}

    static WritableImage write(WritableImage reuse, int[] argb, int w, int h) {
        WritableImage img = reuse != null && reuse.getWidth() == w && reuse.getHeight() == h ? reuse
                : new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }

    static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }
}
