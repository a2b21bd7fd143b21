package org.attentionworkbench.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.attentionworkbench.app.workspace.Workspace;
import org.testfx.util.WaitForAsyncUtils;

/** What the TestFX page tests share: a workspace shown alone in the test's stage, and waiting for its work. */
public final class PageFixture {
    private PageFixture() {
    }

    /** Shows the page's view as the stage's whole scene, width × height. */
    public static void show(Stage stage, Workspace page, double width, double height) {
        stage.setScene(new Scene((Parent) page.view(), width, height));
        stage.show();
    }

    /** Waits up to the given seconds for the condition, then for the FX events it queued. */
    public static void waitUntil(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
