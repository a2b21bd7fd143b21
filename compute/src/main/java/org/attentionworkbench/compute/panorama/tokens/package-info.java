/**
 * A ViT's token grid on a tangent patch of a panorama and the way back onto the sphere: which patch a
 * direction falls in, which token sees it, and a per-token map reprojected onto an ERP map
 * ({@link org.attentionworkbench.compute.panorama.tokens.PatchTokens}).
 */
package org.attentionworkbench.compute.panorama.tokens;
