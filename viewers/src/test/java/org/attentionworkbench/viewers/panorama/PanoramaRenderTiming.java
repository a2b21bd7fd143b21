package org.attentionworkbench.viewers.panorama;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times one 1280×720 frame from an 8192×4096 panorama (2048² tiles), the median of 7 after 3 warm-up
 * frames. Run: see docs/ARCHITECTURE.md ("The 360° viewer").
 */
public final class PanoramaRenderTiming {
    public static void main(String[] args) {
        int w = 8192, h = 4096;
        PanoramaImage img = PanoramaImage.fromRows(w, h, PanoramaImage.DEFAULT_TILE, (y, row) -> {
            for (int x = 0; x < w; x++) {
                row[x] = ((x * 31) ^ (y * 17)) & 0xffffff;
            }
        });
        PanoramaRenderer.Source src = PanoramaRenderer.Source.full(img, ErpConvention.PIXEL_CENTERS);
        int fw = 1280, fh = 720;
        int[] out = new int[fw * fh];
        double[] ms = new double[7];
        for (int i = -3; i < ms.length; i++) {
            ViewState v = new ViewState(i * 23.0, 10, 100);
            long t0 = System.nanoTime();
            PanoramaRenderer.render(src, null, OverlayMode.BLEND, 0.5, v, fw, fh, out);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "1280x720 from 8192x4096 (%d tiles): median %.1f ms, min %.1f ms, %d threads%n",
                img.tileCount(), ms[3], ms[0], Runtime.getRuntime().availableProcessors());
    }
}
