package org.attentionworkbench.compute.anomaly.pipeline;

import org.attentionworkbench.compute.anomaly.FeatureExtractor;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * A stand-in backbone for pipeline tests (no weights needed): each patch of a {@code grid}×{@code grid}
 * grid is the colour at its centre (plus a constant), L2-normalised. A patch of a new colour matches no
 * prompt patch and scores high.
 */
final class ColourPatches implements FeatureExtractor {
    private final Device device;
    private final int grid;
    private final int size;
    int extracted;

    ColourPatches(Device device, int grid, int size) {
        this.device = device;
        this.grid = grid;
        this.size = size;
    }

    @Override
    public PatchFeatures extract(RgbImage image) {
        extracted++;
        float[] f = new float[grid * grid * 4];
        for (int gy = 0; gy < grid; gy++) {
            for (int gx = 0; gx < grid; gx++) {
                int x = (int) ((gx + 0.5) * image.width() / grid);
                int y = (int) ((gy + 0.5) * image.height() / grid);
                int at = (gy * grid + gx) * 4;
                f[at] = image.red(x, y) / 255f;
                f[at + 1] = image.green(x, y) / 255f;
                f[at + 2] = image.blue(x, y) / 255f;
                f[at + 3] = 0.2f;
                double n = Math.sqrt(f[at] * f[at] + f[at + 1] * f[at + 1] + f[at + 2] * f[at + 2] + f[at + 3] * f[at + 3]);
                for (int k = 0; k < 4; k++) {
                    f[at + k] /= (float) n;
                }
            }
        }
        return new PatchFeatures(grid, grid, 4, f);
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public String describe() {
        return "colour patches " + grid + "×" + grid;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public void close() {}
}
