package org.attentionworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionworkbench.samples.rooms.RoomRender;
import org.attentionworkbench.samples.rooms.SyntheticRoom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench sample-room --out DIR [--seed S] [--width W]}: a synthetic furnished room as an ERP
 * panorama ({@code room.png}) with its exact radial depth ({@code room.npy}), ready for panorama-eval.
 */
@Command(name = "sample-room", description = {"Writes a synthetic room panorama and its exact depth.",
        "DIR/room.png (equirectangular, the panorama pipeline's grid: columns 0 and W-1 at -180/+180 deg)",
        "and DIR/room.npy (float32 [H, W], radial metres), for panorama-eval without data."})
public final class SampleRoomCommand extends CliCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    private Path dir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Which room (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1024",
            description = "Panorama width; height = width / 2 (default ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--camera-height", paramLabel = "M", defaultValue = "1.5",
            description = "Camera height above the floor in metres (default ${DEFAULT-VALUE}).")
    private double cameraHeight;

    @Override
    protected int run(CliContext context) throws Exception {
        if (width < 4 || width > 8192) {
            throw new UsageException("--width must be 4…8192");
        }
        SyntheticRoom room;
        try {
            room = SyntheticRoom.random(seed, cameraHeight);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--camera-height: " + e.getMessage());
        }
        Files.createDirectories(dir);
        RoomRender render = room.renderEndpoints(width, width / 2);
        Path png = dir.resolve("room.png");
        Path npy = dir.resolve("room.npy");
        render.save(png, npy);
        context.out().printf(java.util.Locale.ROOT, "%s%n%s%n", png, npy);
        context.err().printf(java.util.Locale.ROOT, "room %.2f × %.2f × %.2f m, camera at %.2f m%n", room.width(),
                room.depth(), room.height(), room.cameraZ());
        return 0;
    }
}
