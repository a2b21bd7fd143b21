package org.attentionworkbench.app.depth360;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.app.tasks.Work;
import org.attentionworkbench.compute.image.ImageFileException;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.PngWriter;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.panorama.GPano;
import org.attentionworkbench.samples.rooms.RoomRender;
import org.attentionworkbench.samples.rooms.SyntheticRoom;
import org.attentionworkbench.viewers.panorama.ErpConvention;
import org.attentionworkbench.viewers.panorama.PanoramaImage;
import org.attentionworkbench.viewers.panorama.SphereArea;
import org.attentionworkbench.viewers.panorama.ViewLimits;
import org.attentionworkbench.viewers.panorama.ViewState;

/**
 * The 360° page's work, without UI, run on a worker thread: reading a panorama file (pixels, GPano
 * placement and initial view), rendering the sample room, writing an exported view.
 */
public final class Depth360Service {
    /** Seed and size of the sample room offered on the page. */
    public static final long ROOM_SEED = 1; // its first view (yaw 0) shows the window, a cabinet and the floor
    public static final int ROOM_WIDTH = 2048;
    public static final int ROOM_HEIGHT = 1024;

    private Depth360Service() {
    }

    /** Reads an equirectangular image (any decodable format) and its GPano XMP when it is a JPEG. */
    public static LoadedPanorama load(Path file, Work.Progress progress) throws PanoramaLoadException {
        progress.message("Reading " + file.getFileName());
        RgbImage rgb;
        try {
            rgb = ImageFiles.read(file);
        } catch (ImageFileException e) {
            throw new PanoramaLoadException(file, e.getMessage(), e);
        }
        if (progress.isCancelled()) {
            throw new java.util.concurrent.CancellationException();
        }
        GPano.Reading reading = GPano.read(file);
        List<String> notes = new ArrayList<>(reading.notes());
        SphereArea area = SphereArea.FULL;
        ViewState start = ViewState.DEFAULT;
        if (reading.gpano().isPresent()) {
            GPano g = reading.gpano().get();
            if (g.hasCrop()) {
                area = SphereArea.ofCrop(g.fullWidth(), g.fullHeight(), g.croppedLeft(), g.croppedTop(),
                        g.croppedWidth(), g.croppedHeight());
            }
            start = initialView(g);
        } else if (Math.abs(rgb.width() - 2 * rgb.height()) > 2) {
            notes.add(String.format(java.util.Locale.ROOT,
                    "%s is %d×%d, not 2:1, and has no GPano crop: shown stretched over the whole sphere",
                    file.getFileName(), rgb.width(), rgb.height()));
        }
        progress.message("Tiling " + file.getFileName());
        RgbImage src = rgb;
        PanoramaImage image = PanoramaImage.fromRows(rgb.width(), rgb.height(), PanoramaImage.DEFAULT_TILE,
                (y, row) -> System.arraycopy(src.rgb(), y * src.width(), row, 0, src.width()));
        return new LoadedPanorama(file.getFileName().toString(), file, image, area, ErpConvention.PIXEL_CENTERS,
                start, notes, null);
    }

    /** The GPano initial view (yaw from the full panorama's centre), within the default limits. */
    static ViewState initialView(GPano g) {
        double yaw = Double.isNaN(g.initialYaw()) ? 0 : g.initialYaw();
        double pitch = Double.isNaN(g.initialPitch()) ? 0 : g.initialPitch();
        double hfov = Double.isNaN(g.initialHfov()) ? ViewState.DEFAULT.hfov() : g.initialHfov();
        return ViewLimits.DEFAULT.clamp(new ViewState(yaw, pitch, hfov));
    }

    /** The samples module's synthetic room as a panorama, with its exact depth. */
    public static LoadedPanorama sampleRoom(int width, int height) {
        RoomRender room = SyntheticRoom.random(ROOM_SEED).render(width, height);
        RgbImage rgb = room.image();
        PanoramaImage image = PanoramaImage.of(rgb.width(), rgb.height(), rgb.rgb());
        // the room renders at pixel centres, top row up (samples.rooms.SyntheticRoom)
        return new LoadedPanorama("Sample room (synthetic, " + width + "×" + height + ")", null, image,
                SphereArea.FULL, ErpConvention.PIXEL_CENTERS, ViewState.DEFAULT, List.of(), room.depth());
    }

    /** Writes an exported view (ARGB pixels) as a PNG. */
    public static void writePng(int[] argb, int width, int height, Path file) throws IOException {
        int[] rgb = new int[argb.length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = argb[i] & 0xffffff;
        }
        PngWriter.write(new RgbImage(width, height, rgb), file);
    }
}
