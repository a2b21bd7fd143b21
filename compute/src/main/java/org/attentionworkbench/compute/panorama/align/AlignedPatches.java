package org.attentionworkbench.compute.panorama.align;

import java.util.List;

/**
 * What {@link PatchAligner} found.
 *
 * @param inverseDepth per patch, h×w aligned planar inverse depth (1/z up to one global scale for a
 *     relative model); NaN where the input was not finite
 * @param affines per patch, the AFFINE stage's scale and offset in input units (identity for NONE;
 *     for GRID the stage before the grid)
 * @param correspondences overlap correspondences used
 * @param iterations CG iterations of the last solve
 * @param rmsMismatchBefore RMS difference of radial inverse depth between corresponding pixels before
 *     alignment, relative to the RMS value (the raw per-patch disagreement)
 * @param rmsMismatchAfter the same after alignment: a quality measure that needs no ground truth
 */
public record AlignedPatches(List<float[]> inverseDepth, List<PatchAffine> affines, int correspondences,
        int iterations, double rmsMismatchBefore, double rmsMismatchAfter) {}
