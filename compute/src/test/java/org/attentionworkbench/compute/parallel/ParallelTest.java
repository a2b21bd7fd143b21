package org.attentionworkbench.compute.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** forRange covers every index once, rethrows a chunk's failure and serves concurrent callers. */
class ParallelTest {
    private static void coversOnce(int n, int grain) {
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(0, n, grain, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i + " of " + n);
        }
    }

    @Test
    void everyIndexOnceManyTimesOver() {
        for (int rep = 0; rep < 2000; rep++) {
            coversOnce(1 + rep % 97, 1);
        }
        coversOnce(100_000, 1000);
    }

    @Test
    void failureInAnyChunkReachesTheCallerAndThePoolStaysUsable() {
        for (int rep = 0; rep < 100; rep++) {
            int bad = rep % 10;
            assertThrows(IllegalStateException.class, () -> Parallel.forRange(0, 10, 1, (lo, hi) -> {
                if (lo <= bad && bad < hi) {
                    throw new IllegalStateException("chunk with " + bad);
                }
            }));
            coversOnce(10, 1);
        }
    }

    @Test
    void concurrentCallers() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] fs = new Future<?>[8];
            for (int i = 0; i < fs.length; i++) {
                fs[i] = callers.submit(() -> {
                    for (int rep = 0; rep < 300; rep++) {
                        coversOnce(257, 1);
                    }
                });
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            callers.shutdown();
        }
    }
}
