package org.attentionworkbench.app;

import java.io.PrintStream;
import org.attentionworkbench.app.cli.Cli;
import org.attentionworkbench.app.cli.WorkbenchCommand;

/**
 * Entry point: no command starts the GUI, otherwise a subcommand runs and its exit code ends the
 * process. Not a JavaFX Application itself, so JavaFX can run from the classpath.
 */
public final class Main {
    /** {@link #run} returns this when the GUI should start. */
    public static final int START_GUI = WorkbenchCommand.START_GUI;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code == START_GUI) {
            WorkbenchApp.launchGui(args);
        } else {
            System.exit(code);
        }
    }

    /** Parses the command line and runs the subcommand it names; {@link #START_GUI} when there is none. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(args, out, err);
    }
}
