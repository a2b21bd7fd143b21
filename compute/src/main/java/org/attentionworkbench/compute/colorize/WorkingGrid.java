package org.attentionworkbench.compute.colorize;

import java.util.List;
import org.attentionworkbench.compute.parallel.Parallel;

/**
 * The working-resolution grid a method propagates colour on, and the way back: a fast guided
 * filter (He &amp; Sun 2015) whose linear coefficients are fitted at working resolution with the
 * working L as guide, then bilinearly upsampled and applied to the full-resolution L, so colour
 * edges follow the full-resolution luminance edges.
 *
 * <p>Legend: W×H full resolution, w×h working resolution (w/W = h/H up to rounding), L in [0, 100].
 */
final class WorkingGrid {
    final int fullW, fullH, w, h;
    /** L at full resolution (the caller's array) and at working resolution (area average). */
    final float[] fullL, l;

    WorkingGrid(LabImage grey, int workingSize) {
        fullW = grey.width();
        fullH = grey.height();
        fullL = grey.l();
        int longSide = Math.max(fullW, fullH);
        double k = workingSize <= 0 || workingSize >= longSide ? 1.0 : (double) workingSize / longSide;
        w = Math.max(1, (int) Math.round(fullW * k));
        h = Math.max(1, (int) Math.round(fullH * k));
        l = isFull() ? fullL : Resample.downArea(fullL, fullW, fullH, w, h);
    }

    boolean isFull() {
        return w == fullW && h == fullH;
    }

    int size() {
        return w * h;
    }

    /** The working pixel under a hint's centre. */
    int cellOf(Hint hint) {
        int cx = (int) Math.floor(hint.centreX() * w / fullW), cy = (int) Math.floor(hint.centreY() * h / fullH);
        return Math.max(0, Math.min(h - 1, cy)) * w + Math.max(0, Math.min(w - 1, cx));
    }

    /** Working pixels a hint's square covers (at least the one under its centre). */
    int[] cellsOf(Hint hint) {
        int x0 = (int) Math.floor((double) hint.x0() * w / fullW), y0 = (int) Math.floor((double) hint.y0() * h / fullH);
        int x1 = (int) Math.ceil((double) (hint.x0() + hint.size()) * w / fullW);
        int y1 = (int) Math.ceil((double) (hint.y0() + hint.size()) * h / fullH);
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(w, x1);
        y1 = Math.min(h, y1);
        if (x1 <= x0 || y1 <= y0) {
            return new int[] {cellOf(hint)};
        }
        int[] cells = new int[(x1 - x0) * (y1 - y0)];
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                cells[n++] = y * w + x;
            }
        }
        return cells;
    }

    /** Hints that fall inside the image. */
    static List<Hint> inside(List<Hint> hints, int width, int height) {
        return hints.stream().filter(hh -> hh.x() >= 0 && hh.y() >= 0 && hh.x() < width && hh.y() < height).toList();
    }

    /**
     * Working-resolution a, b → full resolution. At full working resolution the planes are returned
     * as they are; otherwise fast guided upsampling with radius r (working pixels) and eps in (L/100)².
     */
    float[][] upsample(float[] a, float[] b, int r, double eps) {
        if (isFull()) {
            return new float[][] {a, b};
        }
        int n = size();
        // guide statistics at working resolution: mean and variance of I = L/100 over each window
        float[] guide = new float[n], guide2 = new float[n];
        for (int i = 0; i < n; i++) {
            guide[i] = l[i] / 100f;
            guide2[i] = guide[i] * guide[i];
        }
        float[] meanI = BoxFilter.mean(guide, w, h, r);
        float[] varI = BoxFilter.mean(guide2, w, h, r);
        for (int i = 0; i < n; i++) {
            varI[i] = Math.max(0f, varI[i] - meanI[i] * meanI[i]);
        }
        float[][] coeff = new float[4][];
        float[][] planes = {a, b};
        for (int c = 0; c < 2; c++) {
            // per window: q = A·I + B minimises Σ (A·I + B - p)² + eps·A²
            float[] p = planes[c];
            float[] ip = new float[n];
            for (int i = 0; i < n; i++) {
                ip[i] = guide[i] * p[i];
            }
            float[] meanP = BoxFilter.mean(p, w, h, r);
            float[] meanIp = BoxFilter.mean(ip, w, h, r);
            float[] aa = new float[n], bb = new float[n];
            for (int i = 0; i < n; i++) {
                float cov = meanIp[i] - meanI[i] * meanP[i];
                aa[i] = (float) (cov / (varI[i] + eps));
                bb[i] = meanP[i] - aa[i] * meanI[i];
            }
            // average the coefficients of every window covering a pixel
            coeff[2 * c] = BoxFilter.mean(aa, w, h, r);
            coeff[2 * c + 1] = BoxFilter.mean(bb, w, h, r);
        }
        return applyUpsampled(coeff);
    }

    /** Bilinear upsampling of the four coefficient planes fused with q = A·I_full + B. */
    private float[][] applyUpsampled(float[][] coeff) {
        Resample.Taps tx = Resample.Taps.of(w, fullW), ty = Resample.Taps.of(h, fullH);
        float[] outA = new float[fullW * fullH], outB = new float[fullW * fullH];
        Parallel.forRange(0, fullH, 16, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int r0 = ty.i0()[y] * w, r1 = ty.i1()[y] * w;
                float v = ty.t()[y];
                for (int x = 0; x < fullW; x++) {
                    int c0 = tx.i0()[x], c1 = tx.i1()[x];
                    float u = tx.t()[x];
                    float guideFull = fullL[y * fullW + x] / 100f;
                    outA[y * fullW + x] = lerp2(coeff[0], r0, r1, c0, c1, u, v) * guideFull
                            + lerp2(coeff[1], r0, r1, c0, c1, u, v);
                    outB[y * fullW + x] = lerp2(coeff[2], r0, r1, c0, c1, u, v) * guideFull
                            + lerp2(coeff[3], r0, r1, c0, c1, u, v);
                }
            }
        });
        return new float[][] {outA, outB};
    }

    private static float lerp2(float[] p, int r0, int r1, int c0, int c1, float u, float v) {
        float top = p[r0 + c0] + u * (p[r0 + c1] - p[r0 + c0]);
        float bot = p[r1 + c0] + u * (p[r1 + c1] - p[r1 + c0]);
        return top + v * (bot - top);
    }

    /** Plain bilinear upsampling (what the guided filter is compared against). */
    float[][] upsampleBilinear(float[] a, float[] b) {
        if (isFull()) {
            return new float[][] {a, b};
        }
        return new float[][] {Resample.bilinear(a, w, h, fullW, fullH), Resample.bilinear(b, w, h, fullW, fullH)};
    }
}
