package org.attentionworkbench.compute.anomaly.refiner;

import java.util.List;
import java.util.Random;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * Synthetic anomalies on normal images (the refiner's only supervision), after DRAEM and CutPaste: a
 * Perlin-noise mask filled with a foreign texture blended in, or a patch cut from a normal image and pasted
 * elsewhere (a rectangle or a thin scar). Every sample is first jittered (shift, brightness, contrast) so
 * that normal variation is seen too; some samples stay normal (empty mask).
 */
public final class AnomalySynthesis {
    /** Share of samples left without an anomaly. */
    public static final double NORMAL_SHARE = 0.3;

    /** An image and its anomaly mask in [0, 1] (row-major, the image's size). */
    public record Sample(RgbImage image, float[] mask) {}

    private AnomalySynthesis() {}

    /**
     * @param normals normal images, all size×size (the model input)
     * @param index   the image the sample starts from
     */
    public static Sample sample(List<RgbImage> normals, int index, Random r) {
        RgbImage base = jitter(normals.get(index), r);
        int s = base.width();
        float[] mask = new float[s * s];
        if (r.nextDouble() < NORMAL_SHARE) {
            return new Sample(base, mask);
        }
        RgbImage source = jitter(normals.get(r.nextInt(normals.size())), r);
        return r.nextBoolean() ? perlinTexture(base, source, r) : cutPaste(base, source, r);
    }

    /** DRAEM's anomaly: a thresholded Perlin mask, filled with a texture at opacity 1 − β. */
    static Sample perlinTexture(RgbImage base, RgbImage source, Random r) {
        int s = base.width();
        float[] mask = new float[s * s];
        int covered = 0;
        for (int attempt = 0; attempt < 20 && covered < s * s / 200; attempt++) {
            int res = 1 << (1 + r.nextInt(4)); // 2 … 16 lattice cells
            float[] noise = PerlinNoise.of(s, s, res, 1 << (1 + r.nextInt(4)), r);
            covered = 0;
            for (int i = 0; i < mask.length; i++) {
                mask[i] = noise[i] > 0.5f ? 1 : 0;
                covered += (int) mask[i];
            }
        }
        int[] texture = texture(source, r);
        double beta = 0.1 + 0.6 * r.nextDouble();
        int[] out = base.rgb().clone();
        for (int i = 0; i < out.length; i++) {
            if (mask[i] > 0) {
                out[i] = blend(texture[i], out[i], beta);
            }
        }
        return new Sample(new RgbImage(s, s, out), mask);
    }

    /** The fill of a texture anomaly: another normal image rotated and colour-shifted, or coloured noise. */
    private static int[] texture(RgbImage source, Random r) {
        int s = source.width();
        int[] t = new int[s * s];
        if (r.nextBoolean()) {
            int rot = 1 + r.nextInt(3);
            int[] shift = {r.nextInt(160) - 80, r.nextInt(160) - 80, r.nextInt(160) - 80};
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int sx = rot == 1 ? y : rot == 2 ? s - 1 - x : s - 1 - y;
                    int sy = rot == 1 ? s - 1 - x : rot == 2 ? s - 1 - y : x;
                    int p = source.rgb()[sy * s + sx];
                    t[y * s + x] = rgb(((p >> 16) & 255) + shift[0], ((p >> 8) & 255) + shift[1], (p & 255) + shift[2]);
                }
            }
        } else {
            int[] c = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
            int amp = 10 + r.nextInt(60);
            for (int i = 0; i < t.length; i++) {
                int n = (int) (r.nextGaussian() * amp);
                t[i] = rgb(c[0] + n, c[1] + n, c[2] + n);
            }
        }
        return t;
    }

    /** CutPaste: a rectangle or a thin scar from a random place of a normal image, pasted elsewhere. */
    static Sample cutPaste(RgbImage base, RgbImage source, Random r) {
        int s = base.width();
        boolean scar = r.nextDouble() < 0.4;
        int w = scar ? 2 + r.nextInt(Math.max(1, s / 64)) : s / 16 + r.nextInt(s / 6);
        int h = scar ? s / 10 + r.nextInt(s / 5) : s / 16 + r.nextInt(s / 6);
        if (r.nextBoolean()) {
            int t = w;
            w = h;
            h = t;
        }
        int sx = r.nextInt(s - w);
        int sy = r.nextInt(s - h);
        int dx = r.nextInt(s - w);
        int dy = r.nextInt(s - h);
        int[] out = base.rgb().clone();
        float[] mask = new float[s * s];
        int shift = r.nextInt(80) - 40;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = source.rgb()[(sy + y) * s + sx + x];
                out[(dy + y) * s + dx + x] = rgb(((p >> 16) & 255) + shift, ((p >> 8) & 255) + shift, (p & 255) + shift);
                mask[(dy + y) * s + dx + x] = 1;
            }
        }
        return new Sample(new RgbImage(s, s, out), mask);
    }

    /** A shift of up to s/32 pixels (edges replicated), brightness ±8 %, contrast ±8 %. */
    static RgbImage jitter(RgbImage img, Random r) {
        int s = img.width();
        int h = img.height();
        int m = Math.max(1, s / 32);
        int ox = r.nextInt(2 * m + 1) - m;
        int oy = r.nextInt(2 * m + 1) - m;
        double gain = 1 + 0.16 * (r.nextDouble() - 0.5);
        double bias = 255 * 0.16 * (r.nextDouble() - 0.5);
        int[] out = new int[s * h];
        for (int y = 0; y < h; y++) {
            int yy = Math.clamp(y + oy, 0, h - 1);
            for (int x = 0; x < s; x++) {
                int p = img.rgb()[yy * s + Math.clamp(x + ox, 0, s - 1)];
                out[y * s + x] = rgb((int) (((p >> 16) & 255) * gain + bias), (int) (((p >> 8) & 255) * gain + bias),
                        (int) ((p & 255) * gain + bias));
            }
        }
        return new RgbImage(s, h, out);
    }

    /** The mask averaged over each grid cell (a soft target at the feature grid). */
    public static float[] toGrid(float[] mask, int size, int gridH, int gridW) {
        float[] g = new float[gridH * gridW];
        int[] count = new int[g.length];
        for (int y = 0; y < size; y++) {
            int gy = y * gridH / size;
            for (int x = 0; x < size; x++) {
                int gx = x * gridW / size;
                g[gy * gridW + gx] += mask[y * size + x];
                count[gy * gridW + gx]++;
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= Math.max(1, count[i]);
        }
        return g;
    }

    private static int blend(int a, int b, double beta) {
        int rr = (int) Math.round((1 - beta) * ((a >> 16) & 255) + beta * ((b >> 16) & 255));
        int gg = (int) Math.round((1 - beta) * ((a >> 8) & 255) + beta * ((b >> 8) & 255));
        int bb = (int) Math.round((1 - beta) * (a & 255) + beta * (b & 255));
        return rgb(rr, gg, bb);
    }

    private static int rgb(int r, int g, int b) {
        return Math.clamp(r, 0, 255) << 16 | Math.clamp(g, 0, 255) << 8 | Math.clamp(b, 0, 255);
    }
}
