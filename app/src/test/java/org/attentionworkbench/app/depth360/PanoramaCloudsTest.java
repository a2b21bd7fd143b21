package org.attentionworkbench.app.depth360;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.attentionworkbench.samples.rooms.RoomRender;
import org.attentionworkbench.samples.rooms.SyntheticRoom;
import org.attentionworkbench.viewers.panorama.ErpConvention;
import org.attentionworkbench.viewers.panorama.PanoramaImage;
import org.attentionworkbench.viewers.panorama.SphereArea;
import org.attentionworkbench.viewers.panorama.ViewState;
import org.attentionworkbench.viewers.points.render.Camera;
import org.junit.jupiter.api.Test;

/** The panorama's depth as points: the room's geometry comes back, colours follow, the 3D camera starts at the centre. */
class PanoramaCloudsTest {

    private static LoadedPanorama panorama(RoomRender r) {
        return new LoadedPanorama("room", null, PanoramaImage.of(r.width(), r.height(), r.image().rgb()), SphereArea.FULL,
                ErpConvention.PIXEL_CENTERS, ViewState.DEFAULT, List.of(), r.depth());
    }

    @Test
    void pointsOfAnEmptyRoomLieOnItsWallsFloorAndCeiling() {
        double w = 5, d = 4, h = 2.8, cx = 2, cy = 1.5, cz = 1.2;
        SyntheticRoom room = SyntheticRoom.empty(w, d, h, cx, cy, cz);
        LoadedPanorama p = panorama(room.render(256, 128));
        PointCloud cloud = PanoramaClouds.cloud(p, PanoramaClouds.ErpDepth.known(p), PanoramaClouds.MAX_POINTS);
        assertEquals(256 * 128, cloud.size());
        float[] xyz = cloud.xyz();
        double worst = 0;
        int[] perPlane = new int[6];
        float[] normals = cloud.normals();
        double[][] inward = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        int aligned = 0;
        for (int k = 0; k < cloud.size(); k++) {
            double x = xyz[3 * k] + cx, y = xyz[3 * k + 1] + cy, z = xyz[3 * k + 2] + cz;
            double[] dist = {Math.abs(x), Math.abs(x - w), Math.abs(y), Math.abs(y - d), Math.abs(z), Math.abs(z - h)};
            int best = 0;
            for (int i = 1; i < 6; i++) {
                best = dist[i] < dist[best] ? i : best;
            }
            perPlane[best]++;
            // the normal faces into the room, across the plane (a mix of two planes only at an edge)
            double dot = normals[3 * k] * inward[best][0] + normals[3 * k + 1] * inward[best][1]
                    + normals[3 * k + 2] * inward[best][2];
            assertTrue(dot > 0, "point " + k + " normal faces away: " + dot);
            aligned += dot > 0.99 ? 1 : 0;
            worst = Math.max(worst, dist[best]);
            // and inside the box
            assertTrue(x > -1e-3 && x < w + 1e-3 && y > -1e-3 && y < d + 1e-3 && z > -1e-3 && z < h + 1e-3);
        }
        assertTrue(worst < 1e-3, "farthest point from its plane: " + worst + " m");
        assertTrue(aligned > 0.95 * cloud.size(), aligned + " of " + cloud.size() + " normals along their plane's");
        for (int i = 0; i < 6; i++) {
            assertTrue(perPlane[i] > 500, "plane " + i + " has " + perPlane[i] + " points");
        }
    }

    @Test
    void theCutawayHidesTheWallsSeenFromBehind() {
        double w = 5, d = 4, h = 2.8, cx = 2, cy = 1.5, cz = 1.2;
        LoadedPanorama p = panorama(SyntheticRoom.empty(w, d, h, cx, cy, cz).render(128, 64));
        PointCloud cloud = PanoramaClouds.cloud(p, PanoramaClouds.ErpDepth.known(p), PanoramaClouds.MAX_POINTS);
        Cutaway cut = new Cutaway(cloud, PanoramaClouds.argb(cloud));
        assertEquals(cloud.size(), cut.facing(new double[] {0, 0, 0}).length, "from the centre every point faces the eye");
        assertEquals(cloud.size(), cut.facing(new double[] {0.5, -0.4, 0.3}).length, "and from anywhere inside");
        // from far east, level with the camera: the east wall (x = w) is seen from behind, the west wall from the front
        int[] keep = cut.facing(new double[] {50, 0, 0});
        float[] xyz = cloud.xyz();
        int east = 0, west = 0;
        for (int i : keep) {
            double x = xyz[3 * i] + cx;
            east += Math.abs(x - w) < 1e-3 ? 1 : 0;
            west += Math.abs(x) < 1e-3 ? 1 : 0;
        }
        assertTrue(west > 300, "west wall points kept: " + west);
        assertTrue(east < 20, "east wall points kept (its edges only): " + east);
        assertTrue(keep.length < cloud.size() && keep.length > cloud.size() / 3, keep.length + " of " + cloud.size());
    }

    @Test
    void theSampleRoomStaysInsideItsBoxAndItsFloorIsUnderTheCamera() {
        SyntheticRoom room = SyntheticRoom.random(Depth360Service.ROOM_SEED);
        LoadedPanorama p = Depth360Service.sampleRoom(512, 256);
        PointCloud cloud = PanoramaClouds.cloud(p, PanoramaClouds.ErpDepth.known(p), 40_000);
        assertEquals(256 * 128, cloud.size(), "stride 2 keeps 40k or fewer");
        float[] xyz = cloud.xyz();
        int floor = 0;
        for (int k = 0; k < cloud.size(); k++) {
            double x = xyz[3 * k] + room.cameraX(), y = xyz[3 * k + 1] + room.cameraY(), z = xyz[3 * k + 2] + room.cameraZ();
            assertTrue(x > -1e-3 && x < room.width() + 1e-3 && y > -1e-3 && y < room.depth() + 1e-3
                    && z > -1e-3 && z < room.height() + 1e-3, "point " + k + " outside the room");
            if (cloud.provenance().v(k) >= 254) { // looking straight down: the floor (the camera's spot is kept clear)
                assertEquals(0, z, 1e-3);
                floor++;
            }
        }
        assertTrue(floor > 200);
        // colours are the panorama's pixels
        int k = 1000, px = cloud.provenance().pixel()[k];
        int rgb = p.image().argb(px % 512, px / 512) & 0xffffff;
        assertEquals(rgb >> 16, cloud.rgb()[3 * k] & 0xff);
        assertEquals(rgb & 0xff, cloud.rgb()[3 * k + 2] & 0xff);
    }

    @Test
    void theStartCameraStandsAtTheCentreLookingWhereThePanoramaLooks() {
        Camera c = PanoramaClouds.cameraAtCentre(new ViewState(90, 20, 100), 1000, 600, 5);
        double[] eye = c.eye();
        assertEquals(0, Math.sqrt(eye[0] * eye[0] + eye[1] * eye[1] + eye[2] * eye[2]), 1e-9);
        double[] back = c.back(); // looking along −back: yaw 90° is +x (east), pitch 20° up
        assertEquals(Math.cos(Math.toRadians(20)), -back[0], 1e-9);
        assertEquals(0, back[1], 1e-9);
        assertEquals(Math.sin(Math.toRadians(20)), -back[2], 1e-9);
        assertEquals(new ViewState(90, 20, 100).vfov(1000, 600), Math.toDegrees(c.fovY()), 1e-9);
        assertEquals(0, c.right()[2], 1e-9, "level horizon");
    }
}
