package org.attentionworkbench.samples.defects;

/**
 * Seeded value noise and its fractal sum (fBm): a lattice of hashed random values, blended with a smooth
 * step. Only exact IEEE arithmetic and StrictMath, so the pixels match across JVMs and CPUs.
 */
final class Noise {
    private final long seed;

    Noise(long seed) {
        this.seed = seed;
    }

    /** Value noise in [0, 1) at (x, y), in lattice units. */
    double value(double x, double y) {
        double fx = StrictMath.floor(x), fy = StrictMath.floor(y);
        long ix = (long) fx, iy = (long) fy;
        double tx = smooth(x - fx), ty = smooth(y - fy);
        double a = lattice(ix, iy), b = lattice(ix + 1, iy);
        double c = lattice(ix, iy + 1), d = lattice(ix + 1, iy + 1);
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /** Sum of {@code octaves} layers, each twice the frequency and half the weight; in [0, 1). */
    double fbm(double x, double y, int octaves) {
        double sum = 0, weight = 0.5, norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += weight * value(x, y);
            norm += weight;
            x *= 2;
            y *= 2;
            weight *= 0.5;
        }
        return sum / norm;
    }

    /** A per-point random value in [0, 1): speckle. */
    double hash(long ix, long iy) {
        return lattice(ix, iy);
    }

    private double lattice(long ix, long iy) {
        long h = seed ^ (ix * 0x9E3779B97F4A7C15L) ^ (iy * 0xC2B2AE3D27D4EB4FL);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
