package org.attentionworkbench.compute.device.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.attentionworkbench.compute.tensor.DeviceInfo;

/** The OpenCL devices the tests share (opened once per JVM), and comparison helpers. */
final class ClTestDevice {
    private ClTestDevice() {}

    private static OpenClDevice device;
    private static OpenClDevice tiled;

    /** The first OpenCL device; skips the calling test when there is none. */
    static synchronized OpenClDevice get() {
        DeviceInfo info = OpenClRuntime.firstDevice();
        assumeTrue(info != null, "no OpenCL device: " + OpenClRuntime.discover().problem());
        if (device == null) {
            device = (OpenClDevice) OpenClRuntime.open(info);
        }
        return device;
    }

    /** The same device running the GPU (local-memory tiled) GEMM kernel, whatever its type. */
    static synchronized OpenClDevice tiled() {
        DeviceInfo info = OpenClRuntime.firstDevice();
        assumeTrue(info != null, "no OpenCL device: " + OpenClRuntime.discover().problem());
        if (tiled == null) {
            tiled = OpenClDevice.withGemm(info, GemmConfig.choose(org.attentionworkbench.compute.tensor.DeviceType.GPU, 4, 1024));
        }
        return tiled;
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian());
        }
        return x;
    }

    /** |got - want| ≤ rtol · (|want| + scale) element-wise, reporting the first failure. */
    static void assertClose(String what, double[] want, float[] got, double rtol, double scale) {
        assertTrue(got.length >= want.length, what + ": result too short");
        for (int i = 0; i < want.length; i++) {
            double tol = rtol * (Math.abs(want[i]) + scale);
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + want[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }
}
