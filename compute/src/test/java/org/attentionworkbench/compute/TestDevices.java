package org.attentionworkbench.compute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.tensor.Device;

/** The devices model tests run on: Java always, the first OpenCL device when one exists. */
public final class TestDevices {
    private static List<Device> devices;

    private TestDevices() {}

    public static synchronized List<Device> all() {
        if (devices == null) {
            devices = new ArrayList<>();
            devices.add(new JavaDevice());
            OpenClRuntime.Discovery d = OpenClRuntime.discover();
            if (!d.devices().isEmpty()) {
                devices.add(OpenClRuntime.open(d.devices().get(0)));
            } else {
                System.err.println("OpenCL tests skipped: " + d.problem());
            }
        }
        return devices;
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
