package org.attentionworkbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code workbench NAME ...} command: picocli fills its {@code @Option} fields, then {@link #run}
 * runs with where to print and the device selector. Add a class and list it in
 * {@link WorkbenchCommand}'s subcommands.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return run(((WorkbenchCommand) spec.root().userObject()).context());
    }

    /**
     * @return the process exit code: 0 success, 2 bad usage, 1 other failure
     * @throws UsageException for arguments the parser could not judge (exit code 2)
     */
    protected abstract int run(CliContext context) throws Exception;
}
