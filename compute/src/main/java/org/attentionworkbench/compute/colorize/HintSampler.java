package org.attentionworkbench.compute.colorize;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The iColoriT evaluation protocol's hints (preparation/make_mask.py): N squares of 2×2 pixels at
 * positions drawn uniformly on the 2-pixel grid, x = 2·randint(0, W/2 - 1), y likewise (repeats
 * allowed), each coloured with the mean ab of the ground truth under it. iColoriT draws them on a
 * 224² resize; we draw them on the full-resolution image, which is what we colorize. The draw is
 * fixed by (seed, image name, N).
 */
public final class HintSampler {
    public static final int SIZE = 2;

    private HintSampler() {}

    public static List<Hint> sample(LabImage truth, int count, long seed, String imageName) {
        if (truth.isGrey()) {
            throw new IllegalArgumentException(imageName + ": hints need a colour ground truth");
        }
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L ^ imageName.hashCode() * 31L ^ count);
        int w = truth.width(), h = truth.height();
        List<Hint> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int x = SIZE * rnd.nextInt(Math.max(1, w / SIZE)), y = SIZE * rnd.nextInt(Math.max(1, h / SIZE));
            double a = 0, b = 0;
            int n = 0;
            for (int yy = y; yy < Math.min(h, y + SIZE); yy++) {
                for (int xx = x; xx < Math.min(w, x + SIZE); xx++) {
                    a += truth.a()[yy * w + xx];
                    b += truth.b()[yy * w + xx];
                    n++;
                }
            }
            out.add(new Hint(i + 1, x, y, (float) (a / n), (float) (b / n), SIZE));
        }
        return out;
    }
}
