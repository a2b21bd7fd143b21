package org.attentionworkbench.compute.device;

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

    /** Short label for a status bar: "OpenCL · pthread-skylake (CPU)". */
    public String label() {
        String engine = backend == Backend.JAVA ? "Java" : "OpenCL";
        return engine + " · " + name + " (" + type + ")";
    }
}
