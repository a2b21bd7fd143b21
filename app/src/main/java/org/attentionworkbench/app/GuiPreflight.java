package org.attentionworkbench.app;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the GUI, or ends the process with one message and {@link #EXIT_NO_GUI} when this machine
 * cannot show it: no display, or no GTK 3 for JavaFX. The ./workbench script checks the same before
 * the JVM starts (scripts/gui-preflight.sh); this covers the installed program, which starts the JVM
 * directly. Any other start failure is a bug and keeps its stack trace.
 */
public final class GuiPreflight {
    /** Exit status when the GUI cannot start on this machine (the same in scripts/gui-preflight.sh). */
    public static final int EXIT_NO_GUI = 3;

    private GuiPreflight() {}

    /** Runs {@code launcher} (which starts JavaFX), or exits with {@link #EXIT_NO_GUI} and one message. */
    public static void launch(Runnable launcher) {
        int code = run(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"),
                launcher, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** {@link #launch} without the exit: 0 when the GUI ran, else {@link #EXIT_NO_GUI} after the message. */
    static int run(Map<String, String> env, String osName, String glassPlatform, Runnable launcher,
            PrintStream err) {
        Optional<String> problem = displayProblem(env, osName, glassPlatform);
        if (problem.isEmpty()) {
            try {
                launcher.run();
                return 0;
            } catch (RuntimeException | Error e) {
                problem = platformProblem(e);
                if (problem.isEmpty()) {
                    throw e;
                }
            }
        }
        err.println(problem.get());
        return EXIT_NO_GUI;
    }

    /**
     * On Linux without DISPLAY and WAYLAND_DISPLAY, unless a glass platform is chosen (Monocle, the
     * headless one the tests use, needs no display).
     */
    static Optional<String> displayProblem(Map<String, String> env, String osName, String glassPlatform) {
        boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux || glassPlatform != null || !blank(env.get("DISPLAY")) || !blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of(noDisplay("DISPLAY and WAYLAND_DISPLAY are unset"));
    }

    /** The message for a JavaFX start failure caused by the platform, or empty for any other failure. */
    static Optional<String> platformProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("Unable to open DISPLAY")) {
                String display = System.getenv("DISPLAY");
                return Optional.of(noDisplay(display == null || display.isBlank()
                        ? "JavaFX needs X11 or XWayland, and DISPLAY is unset"
                        : "JavaFX could not open DISPLAY " + display));
            }
            if (m.contains("glass GTK library") || (t instanceof UnsatisfiedLinkError && fromGlass(t))) {
                return Optional.of("Attention Workbench: the GUI needs GTK 3, which JavaFX could not load ("
                        + m + ").\nInstall it with: sudo apt-get install libgtk-3-0 libxtst6 libgl1"
                        + "   (batch jobs run without it: " + command() + " --help)");
            }
        }
        return Optional.empty();
    }

    /** A native library JavaFX's windowing layer (glass) failed to load, not one of the app's own. */
    private static boolean fromGlass(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("com.sun.glass.")) {
                return true;
            }
        }
        return false;
    }

    private static String noDisplay(String why) {
        return "Attention Workbench: no display to open the window on (" + why + ").\n"
                + "Every batch job runs without one: " + command() + " --help lists the commands.";
    }

    /** How the user started us: ./workbench sets this, the installed program's options too. */
    private static String command() {
        return System.getProperty("workbench.command", "attention-workbench");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
