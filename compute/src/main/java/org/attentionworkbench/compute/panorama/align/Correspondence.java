package org.attentionworkbench.compute.panorama.align;

/**
 * One ray seen by two patches: pixel (ua, va) of patch a and (ub, vb) of patch b (fractional), their
 * normalised inverse depths there and g = 1/√(1 + x² + y²) of each, which turns planar inverse depth
 * into radial inverse depth.
 */
record Correspondence(int a, double ua, double va, double da, double ga, int b, double ub, double vb, double db,
        double gb) {}
