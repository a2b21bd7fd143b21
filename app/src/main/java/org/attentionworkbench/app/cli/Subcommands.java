package org.attentionworkbench.app.cli;

import java.util.List;
import java.util.Optional;

/** The registry of subcommands, in usage order. */
public final class Subcommands {
    private static final List<Subcommand> ALL = List.of(new DevicesCommand(), new AttentionCommand(), new TextAttentionCommand(),
            new BenchCommand(), new AnomalyCommand(), new ColorizeCommand(), new ColorizeEvalCommand());

    private Subcommands() {}

    public static List<Subcommand> all() {
        return ALL;
    }

    public static Optional<Subcommand> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder()
                .append("Usage: workbench [--device SEL] [COMMAND [ARGS...]]\n\n")
                .append("With no command, starts the desktop application.\n\nCommands:\n");
        for (Subcommand c : ALL) {
            sb.append(String.format("  %-14s %s%n", c.name(), c.help()));
        }
        return sb.append("\nGlobal options:\n")
                .append("  --device SEL   compute device: auto (default), java, opencl, an index or id from\n")
                .append("                 'workbench devices', or part of a device name; also WORKBENCH_DEVICE\n")
                .append("  --help, -h     this text\n")
                .toString();
    }
}
