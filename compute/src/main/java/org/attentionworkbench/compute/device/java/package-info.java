/**
 * The pure-Java backend: {@link org.attentionworkbench.compute.device.java.JavaDevice}.
 *
 * <p>Tensors are heap {@code float[]} arrays (views share them). Every op is synchronous and splits
 * its work with {@link org.attentionworkbench.compute.parallel.Parallel#forRange}; inner loops use
 * the Vector API on {@code FloatVector.SPECIES_PREFERRED} (16 lanes with AVX-512, 8 with AVX2).
 * GEMM ({@code Sgemm}) follows BLIS: packed panels in per-thread scratch and one register-blocked
 * micro-kernel whose tile (MR rows × two vectors) follows the species. Convolutions lower to that
 * GEMM through im2col, except depthwise ones, which run directly.
 *
 * <p>Benchmarks (tools, not tests) live in the test sources: {@code GemmBenchmark}, {@code OpsBenchmark}.
 */
package org.attentionworkbench.compute.device.java;
