package org.attentionworkbench.compute.panorama;

/**
 * A merged equirectangular map: {@code values} is C×H×W, {@code weight} is H×W and holds the summed
 * bilinear weight of all patches that cover each pixel (≈ the number of covering patches). A pixel
 * with weight 0 is covered by no patch; its values are 0, as in OmniFusion.
 */
public record ErpMap(Equirect grid, int channels, float[] values, float[] weight) {
    public boolean covered(int row, int column) {
        return weight[row * grid.width() + column] > 0;
    }

    /** Number of pixels no patch covers. */
    public int uncoveredCount() {
        int n = 0;
        for (float w : weight) {
            if (!(w > 0)) {
                n++;
            }
        }
        return n;
    }
}
