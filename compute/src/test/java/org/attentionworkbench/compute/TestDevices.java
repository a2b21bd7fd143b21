package org.attentionworkbench.compute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Assumptions;

/**
 * The devices model tests run on: the Java backend always, and the first OpenCL device. A test runs once
 * per backend ({@code @MethodSource("org.attentionworkbench.compute.TestDevices#kinds")} and
 * {@link #device}); without an OpenCL driver the OpenCL run is reported as skipped with the reason,
 * never dropped silently. {@code -Dorg.lwjgl.opencl.libname=/nonexistent} (through
 * {@code -Dsurefire.extra=...}) hides the driver to see that.
 */
public final class TestDevices {
    public static final String JAVA = "java";
    public static final String OPENCL = "opencl";

    private static Device java;
    private static Device openCl;
    private static String openClProblem;
    private static boolean probed;

    private TestDevices() {}

    /** Both backends, always: the OpenCL run skips itself where there is no driver. */
    public static Stream<String> kinds() {
        return Stream.of(JAVA, OPENCL);
    }

    /** The device of a kind; an OpenCL one without a driver aborts the test (skipped, with the reason). */
    public static synchronized Device device(String kind) {
        return switch (kind) {
            case JAVA -> java();
            case OPENCL -> {
                probe();
                Assumptions.assumeTrue(openCl != null, () -> "no OpenCL device, the OpenCL run is skipped: "
                        + openClProblem);
                yield openCl;
            }
            default -> throw new IllegalArgumentException("device kind " + kind + " is not " + JAVA + " or " + OPENCL);
        };
    }

    /** The Java backend, for tests that need one device and test no backend. */
    public static synchronized Device java() {
        if (java == null) {
            java = new JavaDevice();
        }
        return java;
    }

    /** Why there is no OpenCL device, or null when there is one. */
    public static synchronized String openClProblem() {
        probe();
        return openClProblem;
    }

    private static void probe() {
        if (probed) {
            return;
        }
        probed = true;
        OpenClRuntime.Discovery d = OpenClRuntime.discover();
        if (d.devices().isEmpty()) {
            openClProblem = d.problem();
        } else {
            openCl = OpenClRuntime.open(d.devices().get(0));
        }
    }

    /** ../shared beside the repository root (system property workbench.shared), or null when absent. */
    public static Path shared() {
        String s = System.getProperty("workbench.shared");
        Path p = s == null ? Path.of("..", "shared") : Path.of(s);
        return Files.isDirectory(p) ? p : null;
    }

    public static String sharedHint() {
        return "shared data folder missing (" + System.getProperty("workbench.shared", "../shared")
                + "): tests on real models and data are skipped";
    }
}
