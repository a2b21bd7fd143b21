package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.GPano;
import org.attentionworkbench.viewers.panorama.ErpConvention;
import org.attentionworkbench.viewers.panorama.PanoramaImage;
import org.attentionworkbench.viewers.panorama.SphereArea;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, the sample room, GPano's initial view and the resampling into Equirect's convention. */
class Depth360ServiceTest {
    private static final Work.Progress NONE = new Work.Progress() {
        @Override public void update(double done, double total) { }
        @Override public void message(String text) { }
        @Override public boolean isCancelled() { return false; }
    };

    @Test
    void loadsAPngAndSaysWhenItIsNotTwoToOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wide.png");
        PngWriter.write(new RgbImage(300, 100, new int[300 * 100]), f);
        LoadedPanorama p = Depth360Service.load(f, NONE);
        assertEquals(300, p.image().width());
        assertEquals(SphereArea.FULL, p.area());
        assertEquals(1, p.notes().size(), p.notes().toString());
        assertNull(p.knownDepth());
        Path bad = dir.resolve("bad.png");
        Files.write(bad, new byte[] {1, 2, 3});
        PanoramaLoadException e = assertThrows(PanoramaLoadException.class, () -> Depth360Service.load(bad, NONE));
        assertEquals(bad, e.file());
    }

    @Test
    void sampleRoomCarriesItsDepth() {
        LoadedPanorama room = Depth360Service.sampleRoom(128, 64);
        assertEquals(128 * 64, room.knownDepth().length);
        assertEquals(ErpConvention.PIXEL_CENTERS, room.convention());
        assertNotNull(room.source());
    }

    @Test
    void gpanoInitialViewIsClampedToTheLimits() {
        GPano g = new GPano(8000, 4000, 8000, 4000, 0, 0, 90, 120, -10, 170);
        assertEquals(new ViewState(30, -10, 120), Depth360Service.initialView(g));
        GPano none = new GPano(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
        assertEquals(ViewState.DEFAULT, Depth360Service.initialView(none));
    }

    @Test
    void toEquirectKeepsUpUpAndPutsBackgroundOutsideACrop() {
        // top half red, bottom half blue; covering only longitudes −90°..90°
        int w = 64, h = 32;
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = i / w < h / 2 ? 0xff0000 : 0x0000ff;
        }
        SphereArea half = new SphereArea(-Math.PI / 2, Math.PI, Math.PI / 2, Math.PI);
        LoadedPanorama p = new LoadedPanorama("t", null, PanoramaImage.of(w, h, px), half,
                ErpConvention.PIXEL_CENTERS, ViewState.DEFAULT, List.of(), null);
        RgbImage erp = p.toEquirect(65, 33); // Equirect: column 32 = lon 0, column 0 = −180°
        assertEquals(0xff0000, erp.rgb()[5 * 65 + 32]);
        assertEquals(0x0000ff, erp.rgb()[28 * 65 + 32]);
        assertEquals(0x202020, erp.rgb()[5 * 65]);
        assertEquals(0x202020, erp.rgb()[28 * 65 + 64]);
    }
}
