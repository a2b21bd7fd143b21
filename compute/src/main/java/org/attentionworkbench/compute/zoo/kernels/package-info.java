/**
 * The kernels the attention zoo's papers are about (issue 17): FlashSigmoid's op lives in the engine
 * ({@code Ops.sigmoidAttention}); here are the byte counter of our tiled attention against
 * FlashAttention's I/O bound ({@link org.attentionworkbench.compute.zoo.kernels.AttentionTraffic}),
 * Lean Attention's stream-K decode ({@link org.attentionworkbench.compute.zoo.kernels.LeanAttention}) and
 * the benchmark of all three ({@link org.attentionworkbench.compute.zoo.kernels.KernelBench}).
 */
package org.attentionworkbench.compute.zoo.kernels;
