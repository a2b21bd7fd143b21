package org.attentionworkbench.compute.anomaly.metrics;

/**
 * Labels the 8-connected regions of a binary mask, as {@code scipy.ndimage.label(mask, np.ones((3, 3)))}
 * in the MVTec AD evaluation code: two defect pixels touching by an edge or a corner share a region.
 * Labels run 1..count in raster order of each region's first pixel (scipy's order); 0 is background.
 */
public final class ConnectedComponents {
    private final int[] labels;
    private final int[] sizes;

    private ConnectedComponents(int[] labels, int[] sizes) {
        this.labels = labels;
        this.sizes = sizes;
    }

    public static ConnectedComponents label(boolean[] mask, int width, int height) {
        if ((long) width * height != mask.length) {
            throw new IllegalArgumentException("mask of " + mask.length + " pixels is not " + width + "×" + height);
        }
        int[] labels = new int[mask.length];
        int[] stack = new int[16];
        int[] sizes = new int[8];
        int count = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || labels[start] != 0) {
                continue;
            }
            // flood fill from the region's first pixel with an explicit stack (no recursion depth limit)
            int id = ++count;
            int size = 0, top = 0;
            stack[top++] = start;
            labels[start] = id;
            while (top > 0) {
                int i = stack[--top];
                size++;
                int x = i % width, y = i / width;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int j = yy * width + xx;
                        if (xx < 0 || xx >= width || !mask[j] || labels[j] != 0) {
                            continue;
                        }
                        labels[j] = id;
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, top * 2);
                        }
                        stack[top++] = j;
                    }
                }
            }
            if (id >= sizes.length) {
                sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[id] = size;
        }
        return new ConnectedComponents(labels, java.util.Arrays.copyOf(sizes, count + 1));
    }

    /** Per pixel: 0 for background, else its region's label. Owned by this object, not copied. */
    public int[] labels() {
        return labels;
    }

    public int count() {
        return sizes.length - 1;
    }

    /** Pixels in region {@code label} (1..count). */
    public int size(int label) {
        return sizes[label];
    }
}
