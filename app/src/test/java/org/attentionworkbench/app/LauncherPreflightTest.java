package org.attentionworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the ./workbench script as a user on a machine without a display or without GTK would, with
 * fake ldconfig, id, apt-get and mvn first on PATH: nothing is installed or built, and the script must
 * stop before either with one message and exit status 3.
 */
class LauncherPreflightTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> ALL_LIBS = List.of("libgtk-3.so.0", "libgdk-3.so.0", "libXtst.so.6",
            "libX11.so.6", "libGL.so.1", "libXxf86vm.so.1");

    @TempDir
    Path tmp;
    private Path bin;

    record Result(int code, String out, String err) {}

    @BeforeEach
    void fakeTools() throws IOException {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"), "bash launcher");
        assumeTrue(Files.isRegularFile(ROOT.resolve("workbench")), "run from the app module of the repository");
        bin = Files.createDirectories(tmp.resolve("bin"));
        // a build or a Maven install would mean the preflight did not stop the script first
        script("mvn", "echo 'mvn must not run' >&2; exit 99");
        script("apt-get", "echo \"$*\" >> '" + tmp.resolve("apt.log") + "'; exit 0");
        user(1000);
        libraries(ALL_LIBS);
    }

    @Test
    void noDisplayStopsWithOneMessageAndPointsToTheCli() throws Exception {
        Result r = launch(Map.of());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("no display"), r.err());
        assertTrue(r.err().contains("./workbench --help"), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertNoTraceNorBuild(r);
    }

    @Test
    void missingGtkStopsWithThePackageToInstall() throws Exception {
        libraries(List.of("libX11.so.6", "libGL.so.1", "libXxf86vm.so.1"));
        Result r = launch(Map.of("DISPLAY", ":99"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("needs GTK 3"), r.err());
        assertTrue(r.err().contains("libgtk-3.so.0, libgdk-3.so.0, libXtst.so.6"), r.err());
        assertTrue(r.err().contains("sudo apt-get install libgtk-3-0 libxtst6 "), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertFalse(Files.exists(tmp.resolve("apt.log")), "no install when not root");
        assertNoTraceNorBuild(r);
    }

    @Test
    void asRootItInstallsWithAptAndStopsOnlyIfStillMissing() throws Exception {
        user(0);
        libraries(List.of("libgtk-3.so.0", "libgdk-3.so.0", "libX11.so.6", "libXxf86vm.so.1"));
        Result r = launch(Map.of("DISPLAY", ":99"));
        String apt = Files.readString(tmp.resolve("apt.log"));
        assertTrue(apt.contains("install -y -q libxtst6 libgl1"), apt);
        // the fake apt-get installed nothing, so the script still stops with the message
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("Installing the libraries the GUI needs"), r.err());
        assertTrue(r.err().contains("sudo apt-get install libxtst6 "), r.err());
        assertNoTraceNorBuild(r);
    }

    @Test
    void missingOpenGlAloneDoesNotStopTheGuiNorInstall() throws Exception {
        user(0);
        libraries(List.of("libgtk-3.so.0", "libgdk-3.so.0", "libXtst.so.6", "libX11.so.6"));
        Result r = preflight(Map.of("DISPLAY", ":99"), "_wb_gui_preflight");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertFalse(Files.exists(tmp.resolve("apt.log")), "software drawing needs no install");
    }

    @Test
    void onlyTheGuiStartIsChecked() throws Exception {
        assertEquals(0, preflight(Map.of(), "_wb_starts_gui").code());
        assertEquals(0, preflight(Map.of(), "_wb_starts_gui --device java").code());
        assertEquals(1, preflight(Map.of(), "_wb_starts_gui devices").code());
        assertEquals(1, preflight(Map.of(), "_wb_starts_gui --device java attention --help").code());
        assertEquals(1, preflight(Map.of(), "_wb_starts_gui --help").code());
        // a file to open (the file manager's "Open with") starts the GUI; a word that is no file does not
        Files.writeString(tmp.resolve("photo.png"), "x");
        assertEquals(0, preflight(Map.of(), "_wb_starts_gui photo.png").code());
        assertEquals(0, preflight(Map.of(), "_wb_starts_gui --device java photo.png").code());
        assertEquals(1, preflight(Map.of(), "_wb_starts_gui gone.png").code());
    }

    private static void assertNoTraceNorBuild(Result r) {
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("mvn must not run"), r.err());
    }

    private Result launch(Map<String, String> display) throws Exception {
        return run(display, List.of(ROOT.resolve("workbench").toString()));
    }

    private Result preflight(Map<String, String> display, String call) throws Exception {
        String code = ". '" + ROOT.resolve("scripts/gui-preflight.sh") + "'; " + call;
        return run(display, List.of("bash", "-c", code));
    }

    private Result run(Map<String, String> display, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("LD_LIBRARY_PATH");
        env.putAll(display);
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A fake ldconfig -p that lists only these libraries. */
    private void libraries(List<String> present) throws IOException {
        StringBuilder body = new StringBuilder("echo \"" + present.size() + " libs found in cache\"\n");
        for (String lib : present) {
            body.append("printf '\\t%s (libc6,x86-64) => /lib/x86_64-linux-gnu/%s\\n' ")
                    .append(lib).append(' ').append(lib).append('\n');
        }
        script("ldconfig", body.toString());
    }

    private void user(int uid) throws IOException {
        script("id", "echo " + uid);
    }

    private void script(String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
