package org.bookworm.ordering.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ordering completion bash}: picocli's completion script for bash (zsh runs it through bashcompinit). */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print the shell completion script: source <(ordering completion bash).")
final class CompletionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The shell: bash (zsh: autoload bashcompinit first).")
    String shell = "";

    @Override
    public Integer call() {
        if (!"bash".equals(shell) && !"zsh".equals(shell)) {
            throw new IllegalArgumentException("completion is for bash or zsh, not '" + shell + "'");
        }
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("ordering", spec.root().commandLine()));
        out.flush();
        return ExitCodes.DONE;
    }
}
