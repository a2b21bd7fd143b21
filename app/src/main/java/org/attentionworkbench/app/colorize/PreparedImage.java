package org.attentionworkbench.app.colorize;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.colorize.Hint;
import org.attentionworkbench.compute.colorize.LabImage;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * One opened image made ready for colorizing, once, off the FX thread: the grey L at full resolution
 * (the methods' input), the original colours as ground truth when the file had colour, the grey
 * shown on screen, and — for large images — a smaller grey for the live preview.
 *
 * @param identity cache identity of the source (file, size, date)
 * @param grey full-resolution L (a, b null); kept as one object so the methods' per-image caches hit
 * @param truth the original colours, or null when the input was grey
 * @param greyArgb the grey input as opaque ARGB, for display
 * @param previewGrey the L at {@link #PREVIEW_SIDE} on the long side, or null when the image is small
 */
public record PreparedImage(String identity, String name, LabImage grey, RgbImage truth, int[] greyArgb,
        LabImage previewGrey) {
    /** Images with more pixels than this get a live preview first and full resolution in the background. */
    public static final long PREVIEW_ABOVE_PIXELS = 1024L * 1024L;
    /** Long side of the preview grid. */
    public static final int PREVIEW_SIDE = 640;
    /** Mean chroma (Lab units) above which the input counts as a colour photo with a ground truth. */
    static final double COLOUR_CHROMA = 1.0;

    /** Converts to Lab, strips the colour (kept as ground truth when there was any). */
    public static PreparedImage of(RgbImage rgb, String identity, String name) {
        LabImage lab = LabImage.fromRgb(rgb);
        LabImage grey = lab.grey();
        RgbImage truth = lab.meanChroma() > COLOUR_CHROMA ? rgb : null;
        int[] shown = opaque(grey.toRgb(null, null).rgb());
        LabImage preview = null;
        if ((long) rgb.width() * rgb.height() > PREVIEW_ABOVE_PIXELS) {
            double s = (double) PREVIEW_SIDE / Math.max(rgb.width(), rgb.height());
            int pw = Math.max(1, (int) Math.round(rgb.width() * s));
            int ph = Math.max(1, (int) Math.round(rgb.height() * s));
            preview = LabImage.fromRgb(Preprocess.resize(rgb, pw, ph)).grey();
        }
        return new PreparedImage(identity, name, grey, truth, shown, preview);
    }

    public int width() {
        return grey.width();
    }

    public int height() {
        return grey.height();
    }

    public boolean hasTruth() {
        return truth != null;
    }

    public boolean large() {
        return previewGrey != null;
    }

    /** L at a full-resolution pixel (clamped into the image). */
    public float lightness(int x, int y) {
        int cx = Math.max(0, Math.min(width() - 1, x));
        int cy = Math.max(0, Math.min(height() - 1, y));
        return grey.l()[cy * width() + cx];
    }

    /** The hints on the preview grid: positions scaled, sizes scaled and kept in the allowed range. */
    public List<Hint> toPreview(List<Hint> hints) {
        if (previewGrey == null) {
            return hints;
        }
        double sx = (double) previewGrey.width() / width(), sy = (double) previewGrey.height() / height();
        List<Hint> out = new ArrayList<>(hints.size());
        for (Hint h : hints) {
            int x = Math.min(previewGrey.width() - 1, (int) Math.floor(h.x() * sx));
            int y = Math.min(previewGrey.height() - 1, (int) Math.floor(h.y() * sy));
            int size = Math.max(Hint.MIN_SIZE, Math.min(Hint.MAX_SIZE, (int) Math.round(h.size() * sx)));
            out.add(new Hint(h.id(), x, y, h.a(), h.b(), size));
        }
        return out;
    }

    /** Sets the alpha byte of packed 0xRRGGBB pixels, in place. */
    static int[] opaque(int[] rgb) {
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] |= 0xFF000000;
        }
        return rgb;
    }
}
