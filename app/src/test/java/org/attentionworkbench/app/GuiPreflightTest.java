package org.attentionworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GuiPreflightTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noDisplayOnLinuxStopsBeforeJavaFxWithOneMessage() {
        AtomicBoolean launched = new AtomicBoolean();
        int code = GuiPreflight.run(Map.of(), "Linux", null, () -> launched.set(true), err);
        assertEquals(GuiPreflight.EXIT_NO_GUI, code);
        assertFalse(launched.get(), "JavaFX must not start without a display");
        assertTrue(err().contains("no display"), err());
        assertTrue(err().contains("DISPLAY and WAYLAND_DISPLAY are unset"), err());
        assertTrue(err().contains("--help"), err());
        assertEquals(2, err().lines().count(), err());
    }

    @Test
    void anyDisplayOrOtherPlatformOrMonocleLetsTheGuiStart() {
        assertTrue(GuiPreflight.displayProblem(Map.of("DISPLAY", ":0"), "Linux", null).isEmpty());
        assertTrue(GuiPreflight.displayProblem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null).isEmpty());
        assertTrue(GuiPreflight.displayProblem(Map.of(), "Mac OS X", null).isEmpty());
        assertTrue(GuiPreflight.displayProblem(Map.of(), "Windows 11", null).isEmpty());
        assertTrue(GuiPreflight.displayProblem(Map.of(), "Linux", "Monocle").isEmpty());
        assertFalse(GuiPreflight.displayProblem(Map.of("DISPLAY", " "), "Linux", null).isEmpty());
    }

    @Test
    void guiThatStartsReturnsZeroAndSaysNothing() {
        AtomicBoolean launched = new AtomicBoolean();
        int code = GuiPreflight.run(Map.of("DISPLAY", ":0"), "Linux", null, () -> launched.set(true), err);
        assertEquals(0, code);
        assertTrue(launched.get());
        assertEquals("", err());
    }

    @Test
    void missingGtkBecomesOneMessageNamingThePackage() {
        // what JavaFX 21 throws from Application.launch when libglassgtk3.so cannot load
        int code = GuiPreflight.run(Map.of("DISPLAY", ":0"), "Linux", null, () -> {
            throw new UnsupportedOperationException("Unable to load glass GTK library.");
        }, err);
        assertEquals(GuiPreflight.EXIT_NO_GUI, code);
        assertTrue(err().contains("needs GTK 3"), err());
        assertTrue(err().contains("sudo apt-get install libgtk-3-0"), err());
        assertFalse(err().contains("at com.sun"), err());
    }

    @Test
    void failuresFoundInTheCauseChainToo() {
        UnsatisfiedLinkError glass = new UnsatisfiedLinkError("libXtst.so.6: cannot open shared object file");
        glass.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.sun.glass.utils.NativeLibLoader", "loadLibrary", null, -1)});
        int code = GuiPreflight.run(Map.of("DISPLAY", ":0"), "Linux", null, () -> {
            throw new RuntimeException("Application launch failed", glass);
        }, err);
        assertEquals(GuiPreflight.EXIT_NO_GUI, code);
        assertTrue(err().contains("libXtst.so.6"), err());

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        code = GuiPreflight.run(Map.of("DISPLAY", ":42"), "Linux", null, () -> {
            throw new UnsupportedOperationException("Unable to open DISPLAY");
        }, new PrintStream(second, true, StandardCharsets.UTF_8));
        assertEquals(GuiPreflight.EXIT_NO_GUI, code);
        assertTrue(second.toString(StandardCharsets.UTF_8).contains("no display"));
    }

    @Test
    void otherStartFailuresAreBugsAndKeepTheirStackTrace() {
        RuntimeException bug = new RuntimeException("Exception in Application start method",
                new NullPointerException("settings"));
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> GuiPreflight.run(Map.of("DISPLAY", ":0"), "Linux", null, () -> {
                    throw bug;
                }, err));
        assertSame(bug, thrown);
        assertEquals("", err());

        // a native library of the app's own (not JavaFX's windowing) failing in start() is not GTK
        UnsatisfiedLinkError ours = new UnsatisfiedLinkError("liblwjgl.so: cannot open shared object file");
        ours.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.lwjgl.system.Library", "loadSystem", null, -1)});
        RuntimeException start = new RuntimeException("Exception in Application start method", ours);
        assertSame(start, assertThrows(RuntimeException.class,
                () -> GuiPreflight.run(Map.of("DISPLAY", ":0"), "Linux", null, () -> {
                    throw start;
                }, err)));
        assertEquals("", err());
    }
}
