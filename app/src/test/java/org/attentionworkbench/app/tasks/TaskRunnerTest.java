package org.attentionworkbench.app.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class TaskRunnerTest {
    private final TaskRunner runner = new TaskRunner();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void resultArrivesOnTheFxThreadOffWhichTheWorkRan() throws Exception {
        AtomicReference<String> worker = new AtomicReference<>();
        AtomicBoolean onFx = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> runner.submit("sum", p -> {
            worker.set(Thread.currentThread().getName());
            p.update(1, 2);
            return 21 * 2;
        }, v -> {
            onFx.set(Platform.isFxApplicationThread() && v == 42);
            done.countDown();
        }, e -> {}));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(worker.get().startsWith("workbench-task-"), worker.get());
        assertTrue(onFx.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(runner.currentProperty().get());
    }

    @Test
    void cancelStopsTheWorkAndSkipsTheCallbacks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean called = new AtomicBoolean();
        AtomicReference<Task<?>> task = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> task.set(runner.submit("spin", p -> {
            started.countDown();
            while (!p.isCancelled()) {
                Thread.onSpinWait();
            }
            return 1;
        }, v -> called.set(true), e -> called.set(true)))).get();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertSame(task.get(), runner.currentProperty().get());
        WaitForAsyncUtils.asyncFx(runner::cancelCurrent).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runner.currentProperty().get() == null);
        assertTrue(task.get().isCancelled());
        assertFalse(called.get());
    }

    @Test
    void failureReachesTheHandler() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> runner.submit("boom", p -> {
            throw new IllegalStateException("boom");
        }, v -> {}, e -> {
            error.set(e);
            done.countDown();
        }));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals("boom", error.get().getMessage());
    }
}
