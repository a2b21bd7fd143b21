package org.attentionworkbench.viewers.panorama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PanoramaMathTest {

    @Test
    void centreRayIsTheViewDirection() {
        Projection p = new Projection(new ViewState(30, 10, 90), 640, 480);
        double[] ll = p.toLonLat(320, 240);
        assertEquals(Math.toRadians(30), ll[0], 1e-12);
        assertEquals(Math.toRadians(10), ll[1], 1e-12);
    }

    @Test
    void frameEdgeIsHalfTheFieldOfViewAway() {
        // at pitch 0 the right edge of the frame is yaw + hfov/2 on the horizon
        Projection p = new Projection(new ViewState(0, 0, 100), 800, 600);
        double[] ll = p.toLonLat(800, 300);
        assertEquals(Math.toRadians(50), ll[0], 1e-12);
        assertEquals(0, ll[1], 1e-12);
        // and up is up: the top of the frame looks above the horizon
        assertTrue(p.toLonLat(400, 0)[1] > 0);
    }

    @Test
    void rayToLonLatAndBackRoundTrips() {
        Random rnd = new Random(3);
        for (int i = 0; i < 500; i++) {
            ViewState v = new ViewState(rnd.nextDouble() * 360 - 180, rnd.nextDouble() * 180 - 90,
                    30 + rnd.nextDouble() * 120);
            Projection p = new Projection(v, 1280, 720);
            double x = rnd.nextDouble() * 1280, y = rnd.nextDouble() * 720;
            double[] ll = p.toLonLat(x, y);
            double[] back = p.toFrame(ll[0], ll[1]);
            assertEquals(x, back[0], 1e-6);
            assertEquals(y, back[1], 1e-6);
        }
        // behind the camera there is no frame position
        assertNull(new Projection(ViewState.DEFAULT, 100, 100).toFrame(Math.PI, 0));
    }

    @Test
    void fastAtan2MatchesMathAtan2() {
        Random rnd = new Random(9);
        for (int i = 0; i < 200_000; i++) {
            double y = rnd.nextGaussian(), x = rnd.nextGaussian();
            assertEquals(Math.atan2(y, x), FastAtan.atan2(y, x), 1e-7, "atan2(" + y + ", " + x + ")");
        }
        assertEquals(Math.PI / 2, FastAtan.atan2(1, 0), 1e-7);
        assertEquals(Math.PI, FastAtan.atan2(0, -1), 1e-7);
        assertEquals(-Math.PI / 2, FastAtan.atan2(-3, 0), 1e-7);
        assertEquals(0, FastAtan.atan2(0, 0));
    }

    @Test
    void limitsClampFovAndPitchAndWrapYaw() {
        ViewLimits l = ViewLimits.DEFAULT;
        assertEquals(50, l.clamp(new ViewState(0, 0, 10)).hfov());
        assertEquals(120, l.clamp(new ViewState(0, 0, 170)).hfov());
        assertEquals(90, l.clamp(new ViewState(0, 120, 100)).pitch());
        assertEquals(-170, l.clamp(new ViewState(190, 0, 100)).yaw(), 1e-12);
        assertEquals(180, l.clamp(new ViewState(-180, 0, 100)).yaw(), 1e-12);
        ViewLimits custom = new ViewLimits(20, 90, -30, 30);
        assertEquals(20, custom.clamp(new ViewState(0, 0, 5)).hfov());
        assertEquals(-30, custom.clamp(new ViewState(0, -80, 60)).pitch());
        assertThrows(IllegalArgumentException.class, () -> new ViewLimits(100, 50, -90, 90));
        assertThrows(IllegalArgumentException.class, () -> new ViewState(0, 0, 180));
    }

    @Test
    void inertiaDecaysByFrictionPerFrame() {
        Inertia in = new Inertia(0.15);
        in.start(60, -30);
        in.step(0); // the first animation pulse has no elapsed time: it must not end the glide
        assertTrue(in.isMoving());
        double[] d = in.step(1 / 60.0);
        assertEquals(60 * 0.85, in.yawSpeed(), 1e-9);
        assertEquals(-30 * 0.85, in.pitchSpeed(), 1e-9);
        assertTrue(d[0] > 0.85 && d[0] < 1.0, "moved " + d[0]); // between end and start speed × 1/60 s
        // total glide converges to v0 / k, and it stops
        Inertia glide = new Inertia(0.15);
        glide.start(100, 0);
        double total = 0;
        for (int i = 0; i < 600 && glide.isMoving(); i++) {
            total += glide.step(1 / 60.0)[0];
        }
        assertFalse(glide.isMoving());
        double k = -60 * Math.log(0.85);
        assertEquals(100 / k, total, 0.5 / k + 1e-6);
        // more friction stops sooner
        Inertia sticky = new Inertia(0.5);
        sticky.start(100, 0);
        sticky.step(0.1);
        assertTrue(sticky.yawSpeed() < 100 * Math.pow(0.85, 6));
    }

    @Test
    void autoRotatePausesOnInteractionAndResumesAfterTheDelay() {
        AtomicLong now = new AtomicLong(0);
        AutoRotate r = new AutoRotate(now::get, 10, 2);
        assertEquals(0, r.tick()); // off
        r.setEnabled(true);
        assertEquals(0, r.tick()); // first tick starts the clock
        now.addAndGet(500_000_000L);
        assertEquals(5, r.tick(), 1e-9); // 10°/s × 0.5 s
        r.interacted();
        now.addAndGet(1_000_000_000L);
        assertEquals(0, r.tick());
        assertFalse(r.isTurning());
        now.addAndGet(1_000_000_000L); // 2 s after the interaction
        assertTrue(r.isTurning());
        assertEquals(0, r.tick()); // resumes without a jump
        now.addAndGet(250_000_000L);
        assertEquals(2.5, r.tick(), 1e-9);
        r.setEnabled(false);
        now.addAndGet(1_000_000_000L);
        assertEquals(0, r.tick());
    }

    @Test
    void greatCircleEndsAtItsPointsAndStaysOnTheArc() {
        double[] pts = PanoramaShape.greatCircle(0, 0, Math.PI / 2, 0, 8);
        assertEquals(18, pts.length);
        assertEquals(Math.PI / 4, pts[8], 1e-12);
        for (int i = 1; i < pts.length; i += 2) {
            assertEquals(0, pts[i], 1e-12); // the equator
        }
        double[] meridian = PanoramaShape.greatCircle(1, -0.5, 1, 0.5, 4);
        assertEquals(0, meridian[5], 1e-12);
        assertEquals(1, meridian[4], 1e-12);
    }

    @Test
    void cropAreaFromGPanoPixels() {
        SphereArea a = SphereArea.ofCrop(8000, 4000, 1000, 900, 6000, 2000);
        assertEquals(-Math.PI + 2 * Math.PI / 8, a.lonLeft(), 1e-12);
        assertEquals(2 * Math.PI * 0.75, a.lonExtent(), 1e-12);
        assertEquals(Math.PI / 2 - Math.PI * 0.225, a.latTop(), 1e-12);
        assertEquals(Math.PI / 2, a.latExtent(), 1e-12);
        assertFalse(a.isFullCircle());
        assertTrue(SphereArea.FULL.isFullCircle());
    }
}
