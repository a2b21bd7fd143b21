package org.attentionworkbench.app.attention;

import org.attentionworkbench.compute.tensor.Device;

/** The monitor that keeps one forward pass at a time on a device (a device is used from one thread at a time). */
final class DeviceLock {
    private DeviceLock() {}

    static Object of(Device device) {
        return device;
    }
}
