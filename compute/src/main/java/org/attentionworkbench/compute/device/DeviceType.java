package org.attentionworkbench.compute.device;

/** What kind of hardware a device runs on. */
public enum DeviceType {
    GPU, CPU, ACCELERATOR, OTHER
}
