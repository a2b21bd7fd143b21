package org.attentionworkbench.app.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workbench completion}: a bash (and zsh with bashcompinit) completion script for every command and option. */
@Command(name = "completion", description = {"Print a bash completion script.",
        "Completes every command and option. Use: source <(./workbench completion)",
        "(zsh: autoload -U bashcompinit && bashcompinit first)"})
final class CompletionCommand extends CliCommand {
    @Option(names = "--name", paramLabel = "PROGRAM", defaultValue = "workbench",
            description = "The program name the script completes (an installed copy: attention-workbench).")
    private String program;

    @Override
    protected int run(CliContext context) {
        context.out().println(AutoComplete.bash(program, spec.root().commandLine()));
        return 0;
    }
}
