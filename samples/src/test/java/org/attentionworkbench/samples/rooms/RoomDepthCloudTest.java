package org.attentionworkbench.samples.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionworkbench.compute.depth.DepthClouds;
import org.attentionworkbench.compute.models.depth.DepthKind;
import org.attentionworkbench.compute.models.depth.DepthMap;
import org.attentionworkbench.compute.pointcloud.PointCloud;
import org.junit.jupiter.api.Test;

/** A perspective render of a bare room with its exact planar depth → a cloud on the room's walls, floor and ceiling. */
class RoomDepthCloudTest {

    @Test
    void everyPointLiesOnTheRoomsSurfaces() {
        double rw = 4, rd = 5, rh = 2.6, cx = 1.5, cy = 2, cz = 1.4;
        SyntheticRoom room = SyntheticRoom.empty(rw, rd, rh, cx, cy, cz);
        double fov = 75, pitch = -20;
        RoomRender r = room.renderPerspective(64, 48, fov, 0, pitch); // looking north, tilted down
        PointCloud c = DepthClouds.toCloud(r.image(), "room.png", new DepthMap(r.depth(), 64, 48, DepthKind.METRIC_METRES),
                DepthClouds.Settings.defaults().withFov(fov));
        assertEquals(64 * 48, c.size());
        double p = Math.toRadians(pitch);
        int floor = 0, north = 0;
        for (int i = 0; i < c.size(); i++) {
            double x = c.origin()[0] + c.xyz()[3 * i], y = c.origin()[1] + c.xyz()[3 * i + 1];
            double z = c.origin()[2] + c.xyz()[3 * i + 2];
            // camera (x right, y down, z forward) → world (east, north, up), pitched about the x axis
            double wx = cx + x;
            double wy = cy + z * Math.cos(p) + y * Math.sin(p);
            double wz = cz + z * Math.sin(p) - y * Math.cos(p);
            double tol = 1e-4 * Math.sqrt(x * x + y * y + z * z) + 1e-5;
            double gap = Math.min(Math.min(Math.abs(wx), Math.abs(wx - rw)),
                    Math.min(Math.min(Math.abs(wy), Math.abs(wy - rd)), Math.min(Math.abs(wz), Math.abs(wz - rh))));
            assertEquals(0, gap, tol, "point " + i + " (" + wx + ", " + wy + ", " + wz + ") is on no surface");
            assertTrue(wx > -tol && wx < rw + tol && wy > -tol && wy < rd + tol && wz > -tol && wz < rh + tol);
            floor += Math.abs(wz) <= tol ? 1 : 0;
            north += Math.abs(wy - rd) <= tol ? 1 : 0;
            int px = c.provenance().pixel()[i];
            assertEquals(r.image().rgb()[px] & 0xFF, c.rgb()[3 * i + 2] & 0xFF);
        }
        assertTrue(floor > 300 && north > 300, "both the floor and the north wall are seen: " + floor + ", " + north);
    }

    @Test
    void aPanoramasPointsLieOnTheRoomAroundTheCamera() {
        double rw = 5, rd = 4, rh = 2.8, cx = 2, cy = 1.5, cz = 1.6;
        SyntheticRoom room = SyntheticRoom.empty(rw, rd, rh, cx, cy, cz);
        RoomRender r = room.renderEndpoints(128, 64); // compute.panorama.Equirect's convention
        PointCloud c = DepthClouds.fromPanorama(r.image(), "room.png", r.depth(), null, true,
                DepthClouds.Settings.defaults());
        assertEquals(127 * 64, c.size(), "one point per pixel, the repeated +180° column left out");
        int[] seen = new int[6];
        for (int i = 0; i < c.size(); i++) {
            double wx = cx + c.origin()[0] + c.xyz()[3 * i], wy = cy + c.origin()[1] + c.xyz()[3 * i + 1];
            double wz = cz + c.origin()[2] + c.xyz()[3 * i + 2];
            double[] gaps = {Math.abs(wx), Math.abs(wx - rw), Math.abs(wy), Math.abs(wy - rd), Math.abs(wz), Math.abs(wz - rh)};
            int best = 0;
            for (int k = 1; k < 6; k++) {
                best = gaps[k] < gaps[best] ? k : best;
            }
            assertEquals(0, gaps[best], 1e-4, "point " + i + " (" + wx + ", " + wy + ", " + wz + ") is on no surface");
            seen[best]++;
        }
        for (int k = 0; k < 6; k++) {
            assertTrue(seen[k] > 50, "every wall, the floor and the ceiling are seen: " + java.util.Arrays.toString(seen));
        }
        // relative depth: the same shape, the median distance at the scale
        PointCloud rel = DepthClouds.fromPanorama(r.image(), null, r.depth(), null, false,
                DepthClouds.Settings.defaults().withRelativeScale(3));
        double[] dist = new double[rel.size()];
        for (int i = 0; i < dist.length; i++) {
            double x = rel.origin()[0] + rel.xyz()[3 * i], y = rel.origin()[1] + rel.xyz()[3 * i + 1];
            double z = rel.origin()[2] + rel.xyz()[3 * i + 2];
            dist[i] = Math.sqrt(x * x + y * y + z * z);
        }
        java.util.Arrays.sort(dist);
        assertEquals(3, dist[dist.length / 2], 1e-4);
    }
}
