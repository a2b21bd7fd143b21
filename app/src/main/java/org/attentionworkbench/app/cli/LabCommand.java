package org.attentionworkbench.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.attentionworkbench.app.labs.LabFiles;
import org.attentionworkbench.compute.figure.FigureSet;
import org.attentionworkbench.compute.labs.Lab;
import org.attentionworkbench.compute.labs.LabException;
import org.attentionworkbench.compute.labs.LabOption;
import org.attentionworkbench.compute.labs.LabOptions;
import org.attentionworkbench.compute.labs.LabProgress;
import org.attentionworkbench.compute.labs.catalog.Labs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code workbench lab [ID [--KEY VALUE ...] --out DIR]}: with no id, lists the labs; with one, runs it
 * with its options (each lab declares its own, so they are parsed here against {@link Lab#options()},
 * not by picocli), prints progress to stderr and the run's scalars to stdout, and writes
 * {@link LabFiles} into DIR. {@code workbench lab ID --help} lists that lab's options.
 */
@Command(name = "lab", description = {"Runs a lab: an experiment that checks a paper's claim on our engine and plots it.",
        "With no ID, lists the labs. Each lab has its own --KEY VALUE options: 'workbench lab ID --help'.",
        "Writes figures.json, a CSV and a PNG per figure and lab.json (the options used) into --out."})
public final class LabCommand extends CliCommand {
    /** The labs offered; tests swap in their own (the real list is {@link Labs#all()}). */
    static Supplier<List<Lab>> labs = Labs::all;

    private String id;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the run's files (made when missing).")
    private Path out;

    /** The lab's own options, as typed ({@code --steps 5}, {@code --steps=5}, {@code --flag}). */
    @Unmatched
    private List<String> labArgs = new ArrayList<>();

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The lab to run (none: list them).")
    void id(String id) {
        this.id = id;
        // 'workbench lab ID --help' shows the lab's own options under the command's
        Lab lab = find(id);
        if (lab != null) {
            spec.usageMessage().footer(optionHelp(lab).toArray(String[]::new));
        }
    }

    @Override
    protected int run(CliContext context) throws Exception {
        if (id == null) {
            if (!labArgs.isEmpty()) {
                throw new UsageException("lab options " + String.join(" ", labArgs) + " need a lab ID first");
            }
            list(context);
            return 0;
        }
        Lab lab = find(id);
        if (lab == null) {
            throw new UsageException("no lab '" + id + "' (there are: " + ids() + ")");
        }
        LabOptions options;
        try {
            options = LabOptions.of(lab, parse(lab, labArgs));
        } catch (LabException e) {
            throw new UsageException(e.getMessage());
        }
        if (out == null) {
            throw new UsageException("--out DIR is required: the folder the lab's files go to");
        }
        FigureSet figures;
        try {
            figures = lab.run(options, new StderrProgress(context, lab.id()));
        } catch (LabException e) {
            // an error that names one of the lab's options is the command line's fault
            if (namesAnOption(lab, e.getMessage())) {
                throw new UsageException(e.getMessage());
            }
            throw e;
        }
        List<Path> written = LabFiles.write(lab, options.asMap(), figures, out);
        for (Map.Entry<String, Double> s : figures.scalars().entrySet()) {
            context.out().printf(Locale.ROOT, "%s\t%s%n", s.getKey(), number(s.getValue()));
        }
        context.err().println(lab.id() + ": wrote " + written.size() + " files to " + out);
        return 0;
    }

    /** id, title and summary of each lab. */
    private static void list(CliContext context) {
        List<Lab> all = labs.get();
        if (all.isEmpty()) {
            context.err().println("no labs are registered in this build");
        }
        for (Lab l : all) {
            context.out().printf(Locale.ROOT, "%-12s %s%n", l.id(), l.title());
        }
        if (!all.isEmpty()) {
            context.err().println("Run one with 'workbench lab ID --out DIR'; its options: 'workbench lab ID --help'.");
        }
    }

    /**
     * {@code --key value}, {@code --key=value}, and a flag alone ({@code --key}, meaning true); a word
     * that is not an option, an option the lab lacks, or one given no value is a usage error.
     */
    static Map<String, String> parse(Lab lab, List<String> args) throws UsageException {
        Map<String, LabOption> declared = new LinkedHashMap<>();
        lab.options().forEach(o -> declared.put(o.name(), o));
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("unexpected argument '" + a + "' (lab options are --KEY VALUE)");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            LabOption o = declared.get(name);
            if (o == null) {
                throw new UsageException("lab " + lab.id() + " has no option --" + name + " (it has: " + optionNames(lab) + ")");
            }
            if (value == null) {
                boolean next = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                if (o.kind() == LabOption.Kind.FLAG && (!next || !isBoolean(args.get(i + 1)))) {
                    value = "true";
                } else if (!next) {
                    throw new UsageException("lab " + lab.id() + ": --" + name + " needs a value");
                } else {
                    value = args.get(++i);
                }
            }
            given.put(name, value);
        }
        return given;
    }

    /** The lab's options as help lines: name, kind, default, description. */
    static List<String> optionHelp(Lab lab) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Lab " + lab.id() + ": " + lab.title());
        lines.add("  " + lab.summary());
        lines.add("Options of " + lab.id() + ":");
        if (lab.options().isEmpty()) {
            lines.add("  (none)");
        }
        for (LabOption o : lab.options()) {
            String label = "--" + o.name() + (o.kind() == LabOption.Kind.FLAG ? "" : " " + valueLabel(o));
            String dflt = o.defaultValue().isEmpty() ? "" : " (default: " + o.defaultValue() + ")";
            lines.add(String.format(Locale.ROOT, "  %-24s %s%s", label, o.description(), dflt));
        }
        return lines;
    }

    private static String valueLabel(LabOption o) {
        return switch (o.kind()) {
            case INT -> "N";
            case DOUBLE -> "X";
            case TEXT -> "TEXT";
            case FILE -> "FILE";
            case CHOICE -> String.join("|", o.choices());
            case FLAG -> "";
        };
    }

    private static boolean isBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "false", "yes", "no", "1", "0" -> true;
            default -> false;
        };
    }

    private static boolean namesAnOption(Lab lab, String message) {
        return message != null && lab.options().stream().anyMatch(o -> message.matches("(?s).*--" + o.name() + "\\b.*"));
    }

    private static String optionNames(Lab lab) {
        return lab.options().isEmpty() ? "none" : String.join(", ", lab.options().stream().map(o -> "--" + o.name()).toList());
    }

    private static Lab find(String id) {
        return labs.get().stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
    }

    private static String ids() {
        List<Lab> all = labs.get();
        return all.isEmpty() ? "none in this build" : String.join(", ", all.stream().map(Lab::id).toList());
    }

    private static String number(Double d) {
        return d == null || !Double.isFinite(d) ? "NaN" : String.format(Locale.ROOT, "%.6g", d);
    }

    /** Progress lines on stderr: when the message changes or another tenth is done. */
    private static final class StderrProgress implements LabProgress {
        private final CliContext context;
        private final String lab;
        private String lastMessage = "";
        private int lastTenth = -1;

        StderrProgress(CliContext context, String lab) {
            this.context = context;
            this.lab = lab;
        }

        @Override
        public synchronized void update(String message, double fraction) {
            int tenth = Double.isFinite(fraction) ? (int) Math.floor(10 * Math.max(0, Math.min(1, fraction))) : -1;
            String m = message == null ? "" : message;
            if (!m.equals(lastMessage) || tenth > lastTenth) {
                context.err().println(lab + ": " + m + (tenth < 0 ? "" : String.format(Locale.ROOT, " (%d %%)", tenth * 10)));
                lastMessage = m;
                lastTenth = tenth;
            }
        }

        @Override
        public boolean cancelled() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
