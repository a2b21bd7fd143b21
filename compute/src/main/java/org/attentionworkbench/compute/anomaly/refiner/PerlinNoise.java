package org.attentionworkbench.compute.anomaly.refiner;

import java.util.Random;

/** 2-D gradient (Perlin) noise on a w×h image with resX×resY lattice cells, values in about [−0.7, 0.7]. */
final class PerlinNoise {
    private PerlinNoise() {}

    static float[] of(int w, int h, int resX, int resY, Random r) {
        double[] gx = new double[(resX + 1) * (resY + 1)];
        double[] gy = new double[gx.length];
        for (int i = 0; i < gx.length; i++) {
            double a = 2 * Math.PI * r.nextDouble();
            gx[i] = Math.cos(a);
            gy[i] = Math.sin(a);
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double fy = (double) y * resY / h;
            int cy = (int) fy;
            double ty = fy - cy;
            for (int x = 0; x < w; x++) {
                double fx = (double) x * resX / w;
                int cx = (int) fx;
                double tx = fx - cx;
                double n00 = dot(gx, gy, resX, cx, cy, tx, ty);
                double n10 = dot(gx, gy, resX, cx + 1, cy, tx - 1, ty);
                double n01 = dot(gx, gy, resX, cx, cy + 1, tx, ty - 1);
                double n11 = dot(gx, gy, resX, cx + 1, cy + 1, tx - 1, ty - 1);
                double u = fade(tx);
                double v = fade(ty);
                double top = n00 + u * (n10 - n00);
                double bottom = n01 + u * (n11 - n01);
                out[y * w + x] = (float) (top + v * (bottom - top));
            }
        }
        return out;
    }

    private static double dot(double[] gx, double[] gy, int resX, int cx, int cy, double dx, double dy) {
        int i = cy * (resX + 1) + cx;
        return gx[i] * dx + gy[i] * dy;
    }

    /** 6t⁵ − 15t⁴ + 10t³: zero first and second derivatives at the lattice. */
    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }
}
