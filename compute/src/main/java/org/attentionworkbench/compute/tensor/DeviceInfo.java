package org.attentionworkbench.compute.tensor;

/**
 * What a device is, as discovery found it.
 *
 * @param id stable selector: {@code "java"} or {@code "opencl:<platform>:<device>"}
 * @param index position in the discovery list (also a selector)
 */
public record DeviceInfo(
        String id,
        int index,
        Backend backend,
        DeviceType type,
        String name,
        String vendor,
        String version,
        String platform,
        int computeUnits,
        long globalMemBytes,
        long localMemBytes,
        long maxWorkGroupSize) {

    /** Short label for a status bar: "OpenCL · pthread-skylake (CPU)" or "Java backend · 2 threads". */
    public String label() {
        if (backend == Backend.JAVA) {
            return "Java backend · " + computeUnits + " threads";
        }
        return "OpenCL · " + name + " (" + type + ")";
    }
}
