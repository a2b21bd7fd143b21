package org.attentionworkbench.compute.device.java;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Where a heap {@code float[]} should hold the data its kernels stream with full-width vectors, so
 * that no 64-byte load straddles two cache lines.
 *
 * <p>A heap array starts wherever the allocator put it (8-byte steps by default), and a GEMM
 * reading misaligned weight panels measured 8-20% slower on AVX-512 (the same ViT-S forward
 * took 40 or 48 ms from one JVM start to the next). Started with {@code
 * -XX:ObjectAlignmentInBytes=64} (our launchers do), every object begins on a cache line, so
 * element {@link #SKIP} of every float array does, for the array's whole life, however the
 * collector moves it. Without that flag SKIP is 0 and alignment is left to chance.
 */
final class CacheLines {
    static final int BYTES = 64;

    /** Leading floats to skip so that the next one starts a cache line (0 when that cannot be known). */
    static final int SKIP = skip();

    private CacheLines() {}

    /** A float array of {@code n} usable elements from index {@link #SKIP}. */
    static float[] floats(int n) {
        return new float[Math.addExact(SKIP, n)];
    }

    static int objectAlignment() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(vm.getVMOption("ObjectAlignmentInBytes").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 0; // not HotSpot, or no management module: alignment unknown
        }
    }

    /** Byte offset of element 0 in a float[] (the array header), read from the JDK's own constant. */
    static int floatArrayBase() {
        try {
            // by reflection: the constant is all we need, and reading it calls no memory-access method
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static int skip() {
        int align = objectAlignment(), base = floatArrayBase();
        if (align <= 0 || align % BYTES != 0 || base < 0 || base % Float.BYTES != 0) {
            return 0;
        }
        return (BYTES - base % BYTES) % BYTES / Float.BYTES;
    }
}
