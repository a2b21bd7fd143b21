package org.attentionworkbench.compute.anomaly;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * More normal patches from the same few prompts: each prompt image is also used mirrored and rotated, so
 * that a normal part lying at another angle than the prompt still finds its match. Few-shot anomaly
 * detectors enlarge their support set the same way (RegAD's augmented support images; rotation is the
 * nuisance a single prompt cannot cover for round or loose parts). The copies are whole images
 * transformed before the backbone, so the features are the backbone's own, not rotated feature maps.
 *
 * <p>{@link #FLIPS} keeps axis-aligned structure axis-aligned (a brushed texture stays horizontal);
 * {@link #ROTATIONS} is all eight symmetries of the square. A 90° turn of a non-square image swaps its
 * sides, and the backbone then squashes it like any other image.
 */
public enum PromptAugmentation {
    /** The prompts as they are. */
    NONE("none", 1),
    /** Identity, horizontal mirror, vertical mirror, 180° turn. */
    FLIPS("flips", 4),
    /** The four quarter turns, each also mirrored. */
    ROTATIONS("rotations", 8);

    /** The default's command-line word (a constant, so that option annotations can name it). */
    public static final String DEFAULT_WORD = "none";
    /** What {@code workbench anomaly} and the Anomaly page use unless told otherwise. */
    public static final PromptAugmentation DEFAULT = parse(DEFAULT_WORD);

    private final String word;
    private final int copies;

    PromptAugmentation(String word, int copies) {
        this.word = word;
        this.copies = copies;
    }

    /** The command-line word: none, flips or rotations. */
    public String word() {
        return word;
    }

    /** Images per prompt, the prompt itself included. */
    public int copies() {
        return copies;
    }

    public static PromptAugmentation parse(String s) {
        for (PromptAugmentation a : values()) {
            if (a.word.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("prompt augmentation must be none, flips or rotations, not '" + s + "'");
    }

    /**
     * The prompt first, then its transformed copies ({@link #copies()} images). The list makes each copy when
     * asked, so a caller that takes them one at a time holds one copy of a large prompt, not eight.
     */
    public List<RgbImage> apply(RgbImage prompt) {
        return new AbstractList<>() {
            @Override
            public RgbImage get(int i) {
                return copy(prompt, Objects.checkIndex(i, copies));
            }

            @Override
            public int size() {
                return copies;
            }
        };
    }

    /** Copy i: 0 the prompt, 1 its mirror, 2 the vertical mirror, 3 the half turn, 4–7 the same of a quarter turn. */
    private static RgbImage copy(RgbImage prompt, int i) {
        RgbImage base = i < 4 ? prompt : rotate90(prompt);
        return switch (i % 4) {
            case 0 -> base;
            case 1 -> mirror(base);
            case 2 -> rotate180(mirror(base));
            default -> rotate180(base);
        };
    }

    /** Left–right mirror. */
    static RgbImage mirror(RgbImage im) {
        int w = im.width();
        int h = im.height();
        int[] src = im.rgb();
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                dst[y * w + x] = src[y * w + (w - 1 - x)];
            }
        }
        return new RgbImage(w, h, dst);
    }

    static RgbImage rotate180(RgbImage im) {
        int[] src = im.rgb();
        int[] dst = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            dst[i] = src[src.length - 1 - i];
        }
        return new RgbImage(im.width(), im.height(), dst);
    }

    /** A quarter turn clockwise: W×H becomes H×W. */
    static RgbImage rotate90(RgbImage im) {
        int w = im.width();
        int h = im.height();
        int[] src = im.rgb();
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // source (x, y) lands at column h-1-y, row x of the h-wide result
                dst[x * h + (h - 1 - y)] = src[y * w + x];
            }
        }
        return new RgbImage(h, w, dst);
    }
}
