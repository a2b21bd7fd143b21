package org.attentionworkbench.compute.tensor;

/** What kind of hardware a device runs on. */
public enum DeviceType {
    GPU, CPU, ACCELERATOR, OTHER
}
