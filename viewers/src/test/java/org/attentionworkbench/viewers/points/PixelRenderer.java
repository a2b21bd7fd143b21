package org.attentionworkbench.viewers.points;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.attentionworkbench.viewers.points.render.Camera;
import org.attentionworkbench.viewers.points.render.Frame;
import org.attentionworkbench.viewers.points.render.PointBatch;
import org.attentionworkbench.viewers.points.render.PointRenderer;
import org.attentionworkbench.viewers.points.render.RenderSettings;

/**
 * A test renderer: each point is one pixel (the pixel whose square holds its projection), nearest
 * wins. It can be slowed down, counts its frames, remembers the last settings and thread, and
 * reuses its arrays as a real renderer may.
 */
class PixelRenderer implements PointRenderer {
    final AtomicInteger renders = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
    volatile RenderSettings lastSettings;
    volatile Thread lastThread;
    volatile long sleepMillis;
    private int[] argb = new int[0];
    private int[] ids = new int[0];
    private float[] depth = new float[0];

    @Override
    public String name() {
        return "pixel";
    }

    @Override
    public String description() {
        return "test pixels";
    }

    @Override
    public Frame render(List<PointBatch> batches, Camera camera, RenderSettings s) {
        if (closed.get()) {
            throw new IllegalStateException("render after close");
        }
        lastThread = Thread.currentThread();
        lastSettings = s;
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int w = s.width();
        int h = s.height();
        if (argb.length != w * h) {
            argb = new int[w * h];
            ids = new int[w * h];
            depth = new float[w * h];
        }
        Arrays.fill(argb, s.background());
        Arrays.fill(ids, -1);
        Arrays.fill(depth, Float.POSITIVE_INFINITY);
        double[] p = new double[3];
        for (PointBatch b : batches) {
            for (int k = 0; k < b.count(); k++) {
                int i = b.offset() + k;
                if (!camera.project(b.xyz()[3 * i], b.xyz()[3 * i + 1], b.xyz()[3 * i + 2], w, h, p)) {
                    continue;
                }
                int x = (int) Math.floor(p[0]);
                int y = (int) Math.floor(p[1]);
                if (x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                int at = y * w + x;
                if (p[2] < depth[at]) {
                    depth[at] = (float) p[2];
                    argb[at] = b.argb()[i];
                    ids[at] = b.idBase() + k;
                }
            }
        }
        renders.incrementAndGet();
        return new Frame(w, h, argb, ids, depth);
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
