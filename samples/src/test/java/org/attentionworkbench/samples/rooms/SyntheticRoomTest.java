package org.attentionworkbench.samples.rooms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.attentionworkbench.compute.image.ImageFiles;
import org.attentionworkbench.compute.image.RgbImage;
import org.attentionworkbench.compute.io.Npy;
import org.attentionworkbench.compute.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticRoomTest {
    // a 6 × 4 × 3 m room, camera 1.5 m from the west wall, 1 m from the south wall, 1.2 m up
    private static final double W = 6, D = 4, H = 3, CX = 1.5, CY = 1, CZ = 1.2;

    @TempDir
    Path tmp;

    /** Independent of the renderer: distance to the box's walls along the pixel's ray, by trigonometry. */
    private static double analytic(double lambda, double phi) {
        double c = Math.cos(phi);
        double[] r = {c * Math.sin(lambda), c * Math.cos(lambda), Math.sin(phi)};
        double[] lo = {-CX, -CY, -CZ}, hi = {W - CX, D - CY, H - CZ};
        double best = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            if (r[a] > 1e-15) {
                best = Math.min(best, hi[a] / r[a]);
            } else if (r[a] < -1e-15) {
                best = Math.min(best, lo[a] / r[a]);
            }
        }
        return best;
    }

    @Test
    void emptyRoomDepthIsExact() {
        SyntheticRoom room = SyntheticRoom.empty(W, D, H, CX, CY, CZ);
        int w = 360, h = 181; // odd height: the middle row is exactly the horizon
        RoomRender r = room.render(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double lambda = (x + 0.5) * 2 * Math.PI / w - Math.PI, phi = Math.PI / 2 - (y + 0.5) * Math.PI / h;
                double want = analytic(lambda, phi);
                assertEquals(want, r.depthAt(x, y), 1e-5 * want, "pixel " + x + "," + y);
            }
        }
        // the horizon row: east of the camera (λ = +90°, column 3/4 across) the wall is 4.5 m away
        int east = 3 * w / 4; // centre at λ = 90.5°
        double lambdaEast = (east + 0.5) * 2 * Math.PI / w - Math.PI;
        assertEquals((W - CX) / Math.sin(lambdaEast), r.depthAt(east, h / 2), 1e-5 * 4.5);
        assertEquals(W - CX, r.depthAt(east, h / 2), 0.01); // 1/sin(90.5°) ≈ 1.00004
        // north (λ = 0, the image centre column edge): the north wall is 3 m away
        assertEquals(D - CY, r.depthAt(w / 2, h / 2), 1e-3);
        // the bottom row looks almost straight down: depth → camera height / sin(|φ|)
        double phiBottom = Math.PI / 2 - (h - 0.5) * Math.PI / h;
        assertEquals(CZ / -Math.sin(phiBottom), r.depthAt(0, h - 1), 1e-5 * CZ);
    }

    @Test
    void straightDownAndUpInPerspectiveAreTheCameraHeightAndHeadroom() {
        SyntheticRoom room = SyntheticRoom.empty(W, D, H, CX, CY, CZ);
        RoomRender down = room.renderPerspective(65, 33, 60, 0, -90);
        assertEquals(CZ, down.depthAt(32, 16), 1e-6); // odd size: the centre pixel is the optical axis
        RoomRender up = room.renderPerspective(65, 33, 60, 0, 90);
        assertEquals(H - CZ, up.depthAt(32, 16), 1e-6);
        // looking east the whole image sees the east wall at planar depth W − CX (a plane facing the camera)
        RoomRender east = room.renderPerspective(41, 21, 20, 90, 0); // ±0.8 m wide: only the wall
        for (float v : east.depth()) {
            assertEquals(W - CX, v, 1e-5 * (W - CX));
        }
    }

    @Test
    void aBoxBetweenCameraAndWallShortensDepthOnlyWhereItIs() {
        SyntheticRoom empty = SyntheticRoom.empty(W, D, H, CX, CY, CZ);
        // a box 1 m east of the camera, around the horizon
        SyntheticRoom boxed = empty.withBox(2.5, 0.5, 0.8, 3.0, 1.5, 1.6);
        RoomRender a = empty.render(256, 129), b = boxed.render(256, 129);
        int shorter = 0;
        for (int i = 0; i < a.depth().length; i++) {
            assertTrue(b.depth()[i] <= a.depth()[i] + 1e-6, "a box can only bring surfaces nearer, pixel " + i);
            if (b.depth()[i] < a.depth()[i] - 1e-3) {
                shorter++;
                assertTrue(b.depth()[i] >= 1.0 - 1e-5, "nothing of the box is nearer than its face at x = 2.5");
            }
        }
        assertTrue(shorter > 100, "box covers " + shorter + " pixels");
        // the eastward horizon pixel hits the box face at x = 2.5, 1 m away (to within the column's angle)
        int east = 3 * 256 / 4;
        double lambda = (east + 0.5) * 2 * Math.PI / 256 - Math.PI;
        assertEquals(1.0 / Math.sin(lambda), b.depthAt(east, 64), 1e-5);
        assertTrue(a.depthAt(east, 64) > 4.4);
        assertThrows(IllegalArgumentException.class, () -> empty.withBox(1, 0.5, 1, 2, 1.5, 2)); // camera inside
    }

    @Test
    void sameSeedSameRoomOtherSeedOtherRoom() {
        RoomRender a = SyntheticRoom.random(7).render(128, 64), b = SyntheticRoom.random(7).render(128, 64);
        RoomRender c = SyntheticRoom.random(8).render(128, 64);
        assertArrayEquals(a.image().rgb(), b.image().rgb());
        assertArrayEquals(a.depth(), b.depth());
        assertFalse(Arrays.equals(a.depth(), c.depth()));
        assertFalse(Arrays.equals(a.image().rgb(), c.image().rgb()));
    }

    @Test
    void randomRoomsAreFurnishedTexturedAndEveryDepthIsFinitePositive() {
        for (long seed = 0; seed < 20; seed++) {
            SyntheticRoom room = SyntheticRoom.random(seed, 0.1 + 0.11 * seed);
            assertTrue(room.solidCount() >= 3, "seed " + seed + ": " + room.solidCount() + " solids");
            RoomRender r = room.render(128, 64);
            double maxDiagonal = Math.sqrt(7 * 7 + 6 * 6 + 3.2 * 3.2);
            int nearer = 0;
            SyntheticRoom bare = SyntheticRoom.empty(room.width(), room.depth(), room.height(),
                    room.cameraX(), room.cameraY(), room.cameraZ());
            RoomRender e = bare.render(128, 64);
            for (int i = 0; i < r.depth().length; i++) {
                float v = r.depth()[i];
                assertTrue(Float.isFinite(v) && v > 0 && v <= maxDiagonal, "seed " + seed + " pixel " + i + ": " + v);
                assertTrue(v <= e.depth()[i] + 1e-5, "furniture never lies beyond the walls");
                if (v < e.depth()[i] - 1e-3) {
                    nearer++;
                }
            }
            assertTrue(nearer > 0, "seed " + seed + ": no furniture visible");
            long colours = Arrays.stream(r.image().rgb()).distinct().count();
            assertTrue(colours > 30, "seed " + seed + ": only " + colours + " colours");
        }
        assertThrows(IllegalArgumentException.class, () -> SyntheticRoom.random(1, 2.5));
    }

    @Test
    void perspectiveDepthIsRadialDepthTimesCosineToTheAxis() {
        SyntheticRoom room = SyntheticRoom.random(3);
        int w = 64, h = 48;
        double fov = 70, yaw = 30, pitch = -20;
        RoomRender p = room.renderPerspective(w, h, fov, yaw, pitch);
        double[] axis = SyntheticRoom.direction(Math.toRadians(yaw), Math.toRadians(pitch));
        // rebuild each pixel's ray independently: rotate the camera-frame ray (u, v, 1) by pitch then yaw
        double f = (w / 2.0) / Math.tan(Math.toRadians(fov) / 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x + 0.5 - w / 2.0) / f, v = (h / 2.0 - y - 0.5) / f;
                double cp = Math.cos(Math.toRadians(pitch)), sp = Math.sin(Math.toRadians(pitch));
                double fy = cp - v * sp, fz = sp + v * cp; // after pitch: forward (0, fy, fz) in the yaw-0 frame
                double cy = Math.cos(Math.toRadians(yaw)), sy = Math.sin(Math.toRadians(yaw));
                double rx = u * cy + fy * sy, ry = -u * sy + fy * cy, rz = fz;
                double len = Math.sqrt(rx * rx + ry * ry + rz * rz);
                rx /= len;
                ry /= len;
                rz /= len;
                double cos = rx * axis[0] + ry * axis[1] + rz * axis[2];
                double radial = room.distance(rx, ry, rz);
                assertEquals(radial * cos, p.depthAt(x, y), 1e-5 * radial, "pixel " + x + "," + y);
            }
        }
        // and the ERP render gives the same radial distance for a pixel whose ray is the perspective axis
        RoomRender erp = room.render(360, 180);
        int col = 200, row = 110;
        double lambda = SyntheticRoom.longitude(col, 360), phi = SyntheticRoom.elevation(row, 180);
        RoomRender centre = room.renderPerspective(33, 33, 40, Math.toDegrees(lambda), Math.toDegrees(phi));
        assertEquals(erp.depthAt(col, row), centre.depthAt(16, 16), 1e-5 * erp.depthAt(col, row));
    }

    @Test
    void savesPngAndFloat32Npy() throws Exception {
        RoomRender r = SyntheticRoom.random(5).render(64, 32);
        Path png = tmp.resolve("room.png"), npy = tmp.resolve("room.npy");
        r.save(png, npy);
        RgbImage back = ImageFiles.read(png);
        assertArrayEquals(r.image().rgb(), back.rgb());
        NpyArray arr = Npy.read(npy);
        assertArrayEquals(new int[] {32, 64}, arr.shape());
        assertArrayEquals(r.depth(), arr.toFloats());
    }

    @Test
    void refusesBadSizes() {
        SyntheticRoom room = SyntheticRoom.random(1);
        assertThrows(IllegalArgumentException.class, () -> room.render(0, 10));
        assertThrows(IllegalArgumentException.class, () -> room.render(100_000, 100_000));
        assertThrows(IllegalArgumentException.class, () -> room.renderPerspective(10, 10, 180, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticRoom.empty(3, 3, 3, 4, 1, 1));
    }
}
