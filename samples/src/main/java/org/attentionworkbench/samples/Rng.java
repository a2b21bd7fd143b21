package org.attentionworkbench.samples;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a generator fixed forever, so a seed gives the same textures,
 * defects and rooms on every JVM (java.util generators may change their algorithm).
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) from the top 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public double range(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    public int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** A seed for a sub-stream (one image, one defect) that does not overlap this one's next values. */
    public static long mix(long seed, long... parts) {
        long h = seed;
        for (long p : parts) {
            h = new Rng(h ^ (p * 0xD1B54A32D192ED03L)).nextLong();
        }
        return h;
    }
}
