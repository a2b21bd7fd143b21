package org.attentionworkbench.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attentionworkbench.compute.device.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code workbench [--device SEL] [COMMAND]}: the root of the command tree. With no command it asks
 * for the GUI ({@link #START_GUI}). {@code scope = INHERIT} gives every subcommand {@code --help},
 * {@code --version}, the shown defaults and {@code --device}, before or after the command's name.
 */
@Command(name = "workbench", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, showDefaultValues = true,
        versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = false,
        description = {"Attention Workbench. With no command, starts the desktop application,",
                "showing FILE if one is given (what a file manager passes)."},
        subcommands = {DevicesCommand.class, AttentionCommand.class, TextAttentionCommand.class, AnomalyCommand.class,
                AnomalyProtocolCommand.class,
                AnomalyRefinerCommand.class,
                ColorizeCommand.class, ColorizeEvalCommand.class, PointCloudCommand.class, DepthCommand.class,
                PanoramaEvalCommand.class, SampleRoomCommand.class, ModelsCommand.class, BenchCommand.class,
                ZooCommand.class, LabCommand.class, CompletionCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (bad input file, device error, ...)", "2:usage error"})
public final class WorkbenchCommand implements Callable<Integer> {
    /** {@link Cli#run} returns this when no command was given and the GUI should start. */
    public static final int START_GUI = -1;

    private final PrintStream out;
    private final PrintStream err;

    WorkbenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Sets the selector the engine and the GUI read ({@link Devices#configuredSelector}); unset when not given. */
    @Option(names = "--device", paramLabel = "SEL", scope = ScopeType.INHERIT, description = {
            "Compute device: auto, java, opencl, an index or id from 'workbench devices', or part of a device name.",
            "Default: WORKBENCH_DEVICE, else auto."})
    void device(String selector) {
        System.setProperty(Devices.PROPERTY, selector);
    }

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "A file to open in the desktop application.")
    private List<String> files = new ArrayList<>();

    /** The FILE arguments (checked to exist by {@link Cli} before the GUI starts). */
    List<String> files() {
        return files;
    }

    @Override
    public Integer call() {
        return START_GUI;
    }

    CliContext context() {
        return new CliContext(out, err, Devices.configuredSelector());
    }
}
