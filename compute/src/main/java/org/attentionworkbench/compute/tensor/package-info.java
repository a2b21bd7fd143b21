/**
 * The engine's API: a {@link org.attentionworkbench.compute.tensor.Tensor} lives on a
 * {@link org.attentionworkbench.compute.tensor.Device}, and a device runs the
 * {@link org.attentionworkbench.compute.tensor.Ops} on its tensors.
 *
 * <p>Tensor and Device refer to each other, so they share this package; the backends
 * ({@code device.java}, {@code device.opencl}) implement it and discovery ({@code device.Devices})
 * chooses one, so this package depends on neither.
 */
package org.attentionworkbench.compute.tensor;
