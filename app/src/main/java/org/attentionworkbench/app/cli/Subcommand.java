package org.attentionworkbench.app.cli;

import java.util.List;

/** One {@code workbench NAME ...} command. Add a class and register it in {@link Subcommands}. */
public interface Subcommand {

    /** The word on the command line. */
    String name();

    /** One line for the usage text. */
    String help();

    /**
     * Runs with the arguments after the name (global flags already removed).
     *
     * @return the process exit code: 0 success, 2 bad usage, 1 other failure
     * @throws UsageException for bad arguments (reported with the usage, exit code 2)
     */
    int run(List<String> args, CliContext context) throws Exception;
}
