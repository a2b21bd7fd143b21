/**
 * The two backends behind {@link org.attentionworkbench.compute.tensor.Device} (pure Java in
 * {@code device.java}, OpenCL in {@code device.opencl}) and
 * {@link org.attentionworkbench.compute.device.Devices}, which discovers them, chooses one for a
 * selector ({@code auto} by default) and falls back to Java when OpenCL fails.
 */
package org.attentionworkbench.compute.device;
