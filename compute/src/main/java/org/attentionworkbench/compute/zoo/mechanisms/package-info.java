/**
 * The zoo's mechanisms, one class each, computed directly from their formulas in plain Java (double
 * accumulation): these are the references the mixing matrices are checked against. The fused kernels
 * on both backends live in the engine (Ops) and in {@code zoo.kernels}.
 */
package org.attentionworkbench.compute.zoo.mechanisms;
