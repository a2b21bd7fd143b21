/**
 * The attention zoo: every token-mixing mechanism of the reading list as a {@link Mixer} over the same
 * input ({@link ZooInput}: tokens and one head's Q, K, V from a real layer or synthetic), its effective
 * token-mixing matrix ({@link MixingMatrix}, through {@link Probes}: the V-probe for mechanisms linear
 * in V, per-channel impulses for convolutions and state-space models, a Jacobian-norm map for gated
 * and channel mixers), and its comparison with softmax on the same Q, K, V ({@link Comparison}).
 * The mechanisms live in {@code zoo.mechanisms}, listed by {@code mechanisms.Mechanisms}.
 * Research notes with formulas and sources: ../shared/research/zoo.md.
 */
package org.attentionworkbench.compute.zoo;
