package org.attentionworkbench.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attentionworkbench.app.cli.CliContext;
import org.attentionworkbench.app.cli.Subcommand;
import org.attentionworkbench.app.cli.Subcommands;
import org.attentionworkbench.app.cli.UsageException;
import org.attentionworkbench.compute.device.Devices;

/**
 * Entry point: no command starts the GUI, otherwise a subcommand runs and its exit code ends the
 * process. Not a JavaFX Application itself, so JavaFX can run from the classpath.
 */
public final class Main {
    /** {@link #run} returns this when the GUI should start. */
    public static final int START_GUI = -1;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code == START_GUI) {
            WorkbenchApp.launchGui(args);
        } else {
            System.exit(code);
        }
    }

    /** Parses global flags and runs a subcommand; {@link #START_GUI} when there is none. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    out.print(Subcommands.usage());
                    return 0;
                } else if (a.equals("--device")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--device needs a value");
                    }
                    System.setProperty(Devices.PROPERTY, args[++i]);
                } else if (a.startsWith("--device=")) {
                    System.setProperty(Devices.PROPERTY, a.substring("--device=".length()));
                } else {
                    rest.add(a);
                }
            }
            if (rest.isEmpty()) {
                return START_GUI;
            }
            String name = rest.get(0);
            Optional<Subcommand> cmd = Subcommands.find(name);
            if (cmd.isEmpty()) {
                err.println("Unknown command '" + name + "'.");
                err.print(Subcommands.usage());
                return 2;
            }
            return cmd.get().run(rest.subList(1, rest.size()),
                    new CliContext(out, err, Devices.configuredSelector()));
        } catch (UsageException e) {
            err.println("workbench: " + e.getMessage());
            err.print(Subcommands.usage());
            return 2;
        } catch (Exception e) {
            err.println("workbench: " + e);
            return 1;
        }
    }
}
