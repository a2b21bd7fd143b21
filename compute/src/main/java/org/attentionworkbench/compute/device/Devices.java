package org.attentionworkbench.compute.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.attentionworkbench.compute.device.java.JavaDevice;
import org.attentionworkbench.compute.device.opencl.OpenClRuntime;
import org.attentionworkbench.compute.tensor.Backend;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.DeviceInfo;
import org.attentionworkbench.compute.tensor.DeviceType;

/**
 * Discovery and choice of compute devices.
 *
 * <p>Selectors (setting, {@code --device}, {@code WORKBENCH_DEVICE}): {@code auto} (default),
 * {@code java}, {@code opencl} (first OpenCL device), an index from {@link #discover()}, an id such
 * as {@code opencl:0:0}, or a case-insensitive part of a device name.
 *
 * <p>{@code auto} takes an OpenCL GPU when there is one; on CPUs it takes {@link #CPU_DEFAULT}, the
 * backend measured faster on CPUs (see BENCHMARKS.md). Any OpenCL failure falls back to Java with
 * the reason kept in {@link Selection#note()}, never a crash.
 */
public final class Devices {
    private static final Logger LOG = Logger.getLogger(Devices.class.getName());

    /** Environment variable holding a device selector. */
    public static final String ENV = "WORKBENCH_DEVICE";
    /** System property holding a device selector (wins over the environment). */
    public static final String PROPERTY = "workbench.device";

    /** Which backend {@code auto} uses when the only OpenCL devices are CPUs. */
    public static final Backend CPU_DEFAULT = Backend.JAVA;

    private static volatile boolean reportedProblem;

    private Devices() {}

    /** Everything found, Java first, and why OpenCL found nothing when it did not. */
    public record Discovery(List<DeviceInfo> devices, String openClProblem) {}

    /** An opened device and a note for the user (why this one; what failed on the way). */
    public record Selection(Device device, String note) {}

    public static Discovery discover() {
        List<DeviceInfo> all = new ArrayList<>();
        all.add(JavaDevice.info(0));
        OpenClRuntime.Discovery cl = OpenClRuntime.discover();
        for (DeviceInfo d : cl.devices()) {
            all.add(withIndex(d, all.size()));
        }
        if (cl.problem() != null && !reportedProblem) {
            reportedProblem = true; // discovery is cached; say it once
            LOG.info("OpenCL unavailable: " + cl.problem());
        }
        return new Discovery(List.copyOf(all), cl.problem());
    }

    private static DeviceInfo withIndex(DeviceInfo d, int index) {
        return new DeviceInfo(d.id(), index, d.backend(), d.type(), d.name(), d.vendor(), d.version(),
                d.platform(), d.computeUnits(), d.globalMemBytes(), d.localMemBytes(), d.maxWorkGroupSize());
    }

    /** The selector from the system property, then the environment, else {@code auto}. */
    public static String configuredSelector() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) {
            s = System.getenv(ENV);
        }
        return s == null || s.isBlank() ? "auto" : s.trim();
    }

    /** Opens the device a selector names; falls back to Java (with a note) if it cannot. */
    public static Selection open(String selector) {
        String sel = selector == null || selector.isBlank() ? "auto" : selector.trim().toLowerCase(Locale.ROOT);
        Discovery found = discover();
        List<DeviceInfo> cl = found.devices().stream().filter(d -> d.backend() == Backend.OPENCL).toList();
        DeviceInfo pick;
        String why;
        switch (sel) {
            case "java" -> {
                pick = found.devices().get(0);
                why = "Java backend (selected)";
            }
            case "auto" -> {
                DeviceInfo gpu = cl.stream().filter(d -> d.type() == DeviceType.GPU).findFirst().orElse(null);
                if (gpu != null) {
                    pick = gpu;
                    why = "OpenCL GPU (auto)";
                } else if (!cl.isEmpty() && CPU_DEFAULT == Backend.OPENCL) {
                    pick = cl.get(0);
                    why = "OpenCL CPU driver (auto: faster than Java here)";
                } else {
                    pick = found.devices().get(0);
                    why = cl.isEmpty()
                            ? "Java backend: no OpenCL device (" + found.openClProblem() + ")"
                            : "Java backend (auto: faster than the OpenCL CPU driver)";
                }
            }
            case "opencl" -> {
                pick = cl.isEmpty() ? null : cl.get(0);
                why = "OpenCL (selected)";
            }
            default -> {
                pick = match(found.devices(), sel);
                why = "selected by '" + selector + "'";
            }
        }
        if (pick == null) {
            String reason = sel.equals("opencl") && found.openClProblem() != null ? found.openClProblem()
                    : "no device matches '" + selector + "' (see: workbench devices)";
            return new Selection(new JavaDevice(), "Java backend: " + reason);
        }
        if (pick.backend() == Backend.JAVA) {
            return new Selection(new JavaDevice(), why);
        }
        try {
            return new Selection(OpenClRuntime.open(pick), why);
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("Could not open " + pick.id() + ": " + e.getMessage());
            return new Selection(new JavaDevice(), "Java backend: " + pick.name() + " failed: " + e.getMessage());
        }
    }

    private static DeviceInfo match(List<DeviceInfo> devices, String sel) {
        for (DeviceInfo d : devices) {
            if (d.id().equalsIgnoreCase(sel) || String.valueOf(d.index()).equals(sel)) {
                return d;
            }
        }
        for (DeviceInfo d : devices) {
            if (d.name().toLowerCase(Locale.ROOT).contains(sel)) {
                return d;
            }
        }
        return null;
    }
}
