package org.attentionworkbench.app.cli;

import java.io.PrintStream;

/**
 * What every subcommand gets: where to print, and the device selector from {@code --device} or
 * {@code WORKBENCH_DEVICE} ({@code auto} when neither is given).
 */
public record CliContext(PrintStream out, PrintStream err, String deviceSelector) {}
