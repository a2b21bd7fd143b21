package org.attentionworkbench.compute.device.java;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Random inputs and tolerance checks shared by the Java backend tests. */
final class Check {
    private Check() {}

    static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian());
        }
        return x;
    }

    /** |got - want| ≤ rel · max(|want|, floor) elementwise. */
    static void close(String what, double[] want, float[] got, double rel, double floor) {
        if (want.length != got.length) {
            fail(what + ": length " + got.length + " != " + want.length);
        }
        for (int i = 0; i < want.length; i++) {
            double tol = rel * Math.max(Math.abs(want[i]), floor);
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                fail(what + ": element " + i + " is " + got[i] + ", expected " + want[i] + " ± " + tol);
            }
        }
    }

    /** |got - want| ≤ rel · mag elementwise, mag being a per-element magnitude (Σ|terms|). */
    static void closeTo(String what, double[] want, float[] got, double[] mag, double rel) {
        for (int i = 0; i < want.length; i++) {
            double tol = rel * mag[i] + 1e-30;
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                fail(what + ": element " + i + " is " + got[i] + ", expected " + want[i] + " ± " + tol);
            }
        }
    }
}
