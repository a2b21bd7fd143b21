package org.attentionworkbench.compute.image;

/**
 * A decoded image as a viewer shows it: upright (EXIF orientation applied), sRGB, 8 bits per channel,
 * packed 0xAARRGGBB with straight (not premultiplied) alpha, row-major.
 *
 * @param format the file's format in capitals ("JPEG", "PNG", ...)
 * @param alpha  whether the file has transparency (otherwise every alpha byte is 0xFF)
 */
public record DecodedImage(int width, int height, int[] argb, String format, boolean alpha) {
    public DecodedImage {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("image " + width + "×" + height + " with " + argb.length + " pixels");
        }
    }

    /** The engine's view: the same colours with alpha dropped, as PIL's convert("RGB") does. */
    public RgbImage rgb() {
        int[] out = new int[argb.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = argb[i] & 0xFFFFFF;
        }
        return new RgbImage(width, height, out);
    }
}
