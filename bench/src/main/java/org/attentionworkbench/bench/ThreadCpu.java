package org.attentionworkbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads, native ones included (ONNX Runtime's and POCL's workers), from
 * Linux's per-thread /proc/self/task/TID/schedstat (ns on CPU); used to let one implementation's
 * threads go quiet before the next is timed. Elsewhere {@link #available()} is false.
 */
final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {}

    static boolean available() {
        return Files.isReadable(TASKS.resolve(Long.toString(tid())).resolve("schedstat"));
    }

    /** ns on CPU of every thread of this process except the calling one (whose own reads would count). */
    static long othersNanos() {
        long self = tid();
        long sum = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Long.parseLong(t.getFileName().toString()) == self) {
                    continue;
                }
                try {
                    String s = Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading " + TASKS, e);
        }
        return sum;
    }

    /**
     * Sleeps at least {@code minMs}, then until the other threads of this JVM used under 1 ms of CPU
     * in the last 10 ms (spinning workers have gone to sleep, background JIT/GC work is done), or
     * until {@code maxMs} in all. Returns the ms slept.
     */
    static long settle(long minMs, long maxMs) throws InterruptedException {
        long t0 = System.nanoTime();
        Thread.sleep(minMs);
        if (!available()) {
            return minMs;
        }
        long deadline = t0 + maxMs * 1_000_000L;
        long prev = othersNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(10);
            long now = othersNanos();
            if (now - prev < 1_000_000L) {
                break;
            }
            prev = now;
        }
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    private static long tid() {
        try {
            // /proc/thread-self/stat starts with "TID (name) ..."
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
