/**
 * Probes on a loaded ViT (issue 18): token fusion ({@link org.attentionworkbench.compute.labs.probes.FusionLab}),
 * redundancy reduction, information pathways, shift equivariance and position encodings, each a
 * {@code compute.labs.Lab} running on any checkpoint the explorer opens (the bundled vit4mnist by default).
 * They share {@link org.attentionworkbench.compute.labs.probes.ProbeViT}, the ViT forward written out on the
 * host with hooks where a probe drops, masks or merges tokens.
 */
package org.attentionworkbench.compute.labs.probes;
