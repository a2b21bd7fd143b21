package org.attentionworkbench.compute.device.opencl;

import java.util.List;
import org.attentionworkbench.compute.device.Device;
import org.attentionworkbench.compute.device.DeviceInfo;

/** Entry point of the OpenCL backend: discovery and opening. (Skeleton: to be implemented.) */
public final class OpenClRuntime {
    private OpenClRuntime() {}

    /** Devices found (ids "opencl:p:d"), or an empty list and the reason. Never throws. */
    public record Discovery(List<DeviceInfo> devices, String problem) {}

    public static Discovery discover() {
        return new Discovery(List.of(), "OpenCL backend not implemented yet");
    }

    public static Device open(DeviceInfo info) {
        throw new UnsupportedOperationException("OpenCL backend not implemented yet");
    }
}
