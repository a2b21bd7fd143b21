package org.attentionworkbench.viewers.points.render;

import java.util.Arrays;
import java.util.List;

/** PLACEHOLDER (pc-app, replaced by pc-java-render's at the merge): single-threaded square splats, no EDL. */
public final class JavaPointRenderer implements PointRenderer {
    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "Java (placeholder)";
    }

    @Override
    public Frame render(List<PointBatch> batches, Camera camera, RenderSettings s) {
        int w = s.width();
        int h = s.height();
        int[] argb = new int[w * h];
        int[] ids = new int[w * h];
        float[] depth = new float[w * h];
        Arrays.fill(argb, s.background());
        Arrays.fill(ids, -1);
        Arrays.fill(depth, Float.POSITIVE_INFINITY);
        double[] p = new double[3];
        float size = s.pointSize();
        for (PointBatch b : batches) {
            for (int k = 0; k < b.count(); k++) {
                int i = b.offset() + k;
                if (!camera.project(b.xyz()[3 * i], b.xyz()[3 * i + 1], b.xyz()[3 * i + 2], w, h, p)) {
                    continue;
                }
                int x0 = (int) Math.ceil(p[0] - size / 2 - 0.5);
                int y0 = (int) Math.ceil(p[1] - size / 2 - 0.5);
                int x1 = (int) Math.floor(p[0] + size / 2 - 0.5);
                int y1 = (int) Math.floor(p[1] + size / 2 - 0.5);
                for (int y = Math.max(0, y0); y <= Math.min(h - 1, y1); y++) {
                    for (int x = Math.max(0, x0); x <= Math.min(w - 1, x1); x++) {
                        int q = y * w + x;
                        if (p[2] < depth[q]) {
                            depth[q] = (float) p[2];
                            ids[q] = b.idBase() + k;
                            argb[q] = b.argb()[i];
                        }
                    }
                }
            }
        }
        return new Frame(w, h, argb, ids, depth);
    }

    @Override
    public void close() {
    }
}
