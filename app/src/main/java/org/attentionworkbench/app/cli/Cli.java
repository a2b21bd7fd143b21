package org.attentionworkbench.app.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses the command line with picocli and runs the command it names. Errors are one line that starts
 * with the command ({@code workbench attention: ...}), never a stack trace: usage errors exit 2 (an
 * unknown command or option with "Did you mean" when a name is close), failures at run time exit 1.
 */
public final class Cli {
    private Cli() {}

    /** Runs {@code args}; {@link WorkbenchCommand#START_GUI} when there is no command. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(commandLine(out, err), args);
    }

    static int run(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // not an Exception, so picocli lets it through; still one line, not a trace
            cl.getErr().println(commandName(cl.getParseResult()) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /**
     * The files a GUI start was given ({@code workbench [--device SEL] FILE...}), as the JavaFX
     * application receives its raw arguments; none when the arguments name a command.
     */
    public static List<Path> filesToOpen(List<String> args) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            ParseResult parsed = commandLine(quiet, quiet).parseArgs(args.toArray(String[]::new));
            if (parsed.subcommand() != null) {
                return List.of();
            }
            return ((WorkbenchCommand) parsed.commandSpec().commandLine().getCommand()).files().stream()
                    .map(Cli::asFile).filter(Objects::nonNull).toList();
        } catch (ParameterException e) {
            return List.of();
        }
    }

    /** {@code name} as a path to an existing regular file or a folder (a Potree point cloud), else null. */
    private static Path asFile(String name) {
        try {
            Path p = Path.of(name);
            return Files.isRegularFile(p) || Files.isDirectory(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The whole command tree, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new WorkbenchCommand(out, err))
                .setOut(writer(out))
                .setErr(writer(err))
                .setOverwrittenOptionsAllowed(true) // an option given twice: the last one counts, as before
                .setExpandAtFiles(false) // "@name" is a value (a file name, a text), never an argument file
                .setParameterExceptionHandler(Cli::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd))
                .setExecutionStrategy(Cli::execute);
        collectErrors(cl);
        return cl;
    }

    /** Help and errors in the stream's own charset, like everything else the commands print. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }

    /**
     * The parser collects its errors instead of stopping at the first, because it checks required
     * options before unknown ones: {@code attention --modle m} should hear about {@code --modle}.
     */
    private static void collectErrors(CommandLine cl) {
        cl.getCommandSpec().parser().collectErrors(true);
        cl.getSubcommands().values().forEach(Cli::collectErrors);
    }

    /** Reports the most telling parse error (an unknown name first), else runs the last command given. */
    private static int execute(ParseResult parsed) {
        // with no command, words are files for the GUI; one that is no file was most likely a command
        if (parsed.subcommand() == null) {
            CommandLine root = parsed.commandSpec().commandLine();
            for (String f : ((WorkbenchCommand) root.getCommand()).files()) {
                if (asFile(f) == null) {
                    throw new UnmatchedArgumentException(root, List.of(f));
                }
            }
        }
        List<Exception> errors = new ArrayList<>();
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            errors.addAll(p.errors());
        }
        if (!errors.isEmpty()) {
            Exception first = errors.stream().filter(e -> e instanceof UnmatchedArgumentException).findFirst()
                    .orElse(errors.get(0));
            throw first instanceof ParameterException pe ? pe
                    : new ParameterException(last(parsed).commandLine(), first.getMessage(), first);
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        List<String> suggestions = List.of();
        boolean unknownCommand = false;
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                message = "Unknown option '" + arg + "'.";
                suggestions = similar(arg.split("=", 2)[0], cmd.getCommandSpec().optionsMap().keySet());
            } else if (!cmd.getSubcommands().isEmpty()) {
                unknownCommand = true;
                message = "Unknown command '" + arg + "'.";
                suggestions = similar(arg, cmd.getSubcommands().keySet());
            } else {
                message = "Unexpected argument" + (u.getUnmatched().size() > 1 ? "s " : " ")
                        + String.join(" ", u.getUnmatched().stream().map(a -> "'" + a + "'").toList()) + ".";
            }
        }
        err.println(name + ": " + message);
        if (!suggestions.isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
        }
        boolean listCommands = unknownCommand && suggestions.isEmpty()
                || !cmd.getSubcommands().isEmpty() && message.startsWith("Missing required subcommand");
        if (listCommands) {
            cmd.usage(err);
        } else {
            err.println("Try '" + name + " --help' for more information.");
        }
        return CommandLine.ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        if (e instanceof UsageException) {
            err.println(name + ": " + e.getMessage());
            err.println("Try '" + name + " --help' for more information.");
            return CommandLine.ExitCode.USAGE;
        }
        err.println(name + ": " + describe(e));
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** A failure in words: the file and the reason for file-system errors, else the message. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * The names a typo most likely meant: within a few edits (a third of the word, transpositions
     * counting one) or starting with what was typed; closest first.
     */
    static List<String> similar(String typed, Collection<String> names) {
        String t = typed.replaceFirst("^-+", "");
        return names.stream().filter(n -> n.startsWith("--") == typed.startsWith("--")).filter(n -> {
            String c = n.replaceFirst("^-+", "");
            return t.length() >= 2 && (distance(t, c) <= Math.max(1, t.length() / 3)
                    || (t.length() >= 3 && c.startsWith(t)));
        }).distinct().sorted(Comparator.comparingInt(n -> distance(t, n.replaceFirst("^-+", "")))).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static CommandSpec last(ParseResult parsed) {
        CommandSpec spec = parsed.commandSpec();
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            spec = p.commandSpec();
        }
        return spec;
    }

    private static String commandName(ParseResult parsed) {
        return parsed == null ? "workbench" : last(parsed).qualifiedName();
    }
}
