package org.attentionworkbench.app.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.attentionworkbench.compute.colorize.ColorizationCancelledException;
import org.junit.jupiter.api.Test;

/** The coalescing worker without a window: bursts collapse to the newest request. */
class LatestLaneTest {

    @Test
    void aBurstRunsTheFirstAndTheNewestOnly() throws Exception {
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1), last = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        try (LatestLane<Integer, Integer> lane = new LatestLane<>("test-lane", (q, superseded) -> {
            ran.add(q);
            if (q == 0) {
                started.countDown();
                assertTrue(release.await(10, TimeUnit.SECONDS));
            }
            return q;
        }, false, Runnable::run, r -> {
            if (r == 9) {
                last.countDown();
            }
        }, e -> {})) {
            lane.submit(0);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 9; i++) {
                lane.submit(i); // arrive while 0 runs
            }
            release.countDown();
            assertTrue(last.await(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(0, 9), ran);
    }

    @Test
    void cancellingLaneStopsTheRunningJobWhenANewerWaits() throws Exception {
        CountDownLatch started = new CountDownLatch(1), done = new CountDownLatch(1);
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        try (LatestLane<Integer, Integer> lane = new LatestLane<>("test-lane", (q, superseded) -> {
            if (q == 0) {
                started.countDown();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!superseded.getAsBoolean()) {
                    if (System.nanoTime() > until) {
                        return -1;
                    }
                    Thread.onSpinWait();
                }
                throw new ColorizationCancelledException("test");
            }
            return q;
        }, true, Runnable::run, r -> {
            delivered.add(r);
            done.countDown();
        }, e -> {})) {
            lane.submit(0);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            lane.submit(1);
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1), delivered, "the superseded job delivers nothing");
    }
}
