package org.attentionworkbench.compute.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Outlines of a cell mask, so a viewer can draw them over the image at any scale (DINO draws the same
 * outlines with skimage's find_contours on the mask blown up to pixels).
 *
 * <p>Marching squares on the lattice of cell corners: each corner looks at the four cells around it, and
 * the boundary runs along cell edges that separate a kept cell from a dropped one (or from the outside).
 * Because the mask is binary, every vertex lands on a cell corner, so the loops are exact, axis-aligned
 * and have no corner cutting; collinear runs are merged into one segment.
 *
 * <p>Coordinates are in cell units with y down: cell (x, y) is the square [x, x+1] × [y, y+1]. A loop is
 * {x0, y0, x1, y1, …}, closed (the last point joins the first, which is not repeated). Outer boundaries run
 * clockwise on screen, holes anticlockwise. Cells that touch only at a corner are separate regions: at such
 * a saddle the tracer turns right, which keeps following the cell it came along.
 */
public final class Contours {
    // direction codes, clockwise on screen (y down): +x, +y, −x, −y
    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private Contours() {}

    /** mask [h·w] row-major → closed loops. */
    public static List<float[]> trace(boolean[] mask, int w, int h) {
        if (w <= 0 || h <= 0 || mask.length != w * h) {
            throw new IllegalArgumentException("mask of " + mask.length + " cells is not " + w + "x" + h);
        }
        int vw = w + 1;
        int vertices = vw * (h + 1);
        // outgoing boundary edges per lattice vertex and direction: each kept cell contributes its sides that
        // face a dropped cell, oriented clockwise around the cell
        boolean[] out = new boolean[vertices * 4];
        int edges = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!mask[y * w + x]) {
                    continue;
                }
                if (!on(mask, w, h, x, y - 1)) { // top: (x, y) → (x+1, y)
                    out[(y * vw + x) * 4] = true;
                    edges++;
                }
                if (!on(mask, w, h, x + 1, y)) { // right: (x+1, y) → (x+1, y+1)
                    out[(y * vw + x + 1) * 4 + 1] = true;
                    edges++;
                }
                if (!on(mask, w, h, x, y + 1)) { // bottom: (x+1, y+1) → (x, y+1)
                    out[((y + 1) * vw + x + 1) * 4 + 2] = true;
                    edges++;
                }
                if (!on(mask, w, h, x - 1, y)) { // left: (x, y+1) → (x, y)
                    out[((y + 1) * vw + x) * 4 + 3] = true;
                    edges++;
                }
            }
        }
        List<float[]> loops = new ArrayList<>();
        boolean[] used = new boolean[out.length];
        for (int start = 0; start < out.length && edges > 0; start++) {
            if (!out[start] || used[start]) {
                continue;
            }
            // walk one loop: take the edge, step, then go right, straight or left by which edges exist
            // (right first, which only matters at saddles) until the next edge is one already taken
            List<Integer> pts = new ArrayList<>();
            int v = start / 4;
            int dir = start % 4;
            int prevDir = -1;
            while (!used[v * 4 + dir]) {
                used[v * 4 + dir] = true;
                edges--;
                if (dir != prevDir) {
                    pts.add(v);
                }
                prevDir = dir;
                v += DY[dir] * vw + DX[dir];
                int right = (dir + 1) & 3;
                int left = (dir + 3) & 3;
                if (out[v * 4 + right]) {
                    dir = right;
                } else if (!out[v * 4 + dir]) {
                    dir = left; // a closed boundary always goes on: straight was not there, so left is
                }
            }
            // the starting vertex is a corner unless the loop came back into it heading the same way
            if (pts.size() > 1 && prevDir == start % 4) {
                pts.remove(0);
            }
            float[] loop = new float[pts.size() * 2];
            for (int i = 0; i < pts.size(); i++) {
                loop[2 * i] = pts.get(i) % vw;
                loop[2 * i + 1] = pts.get(i) / vw;
            }
            loops.add(loop);
        }
        return loops;
    }

    private static boolean on(boolean[] mask, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x];
    }
}
