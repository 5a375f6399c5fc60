package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md is the help of every command, rendered from the command specs: it cannot drift. After changing a
 * command, regenerate it with {@code bin/mvn21 -pl cli -am test -Dtest=CliReferenceTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dordering.cli.docs.write=true}.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CliReferenceTest {
    private static final Path DOCS = Path.of("..", "docs", "cli.md");

    @Test
    void docs_cli_md_is_the_help_of_every_command() throws Exception {
        String rendered = render(OrderingCli.commandLine(new Wiring()));
        if (Boolean.getBoolean("ordering.cli.docs.write")) {
            Files.writeString(DOCS, rendered);
        }
        assertThat(Files.readString(DOCS))
                .as("docs/cli.md is stale: regenerate it (see CliReferenceTest's Javadoc)")
                .isEqualTo(rendered);
    }

    @Test
    void completion_prints_a_bash_script_that_knows_the_verbs() {
        var run = OrderingCliTest.run(new Wiring(), "completion", "bash");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "projections", "rebuild", "dead-letters", "verify");
        assertThat(OrderingCliTest.run(new Wiring(), "completion", "fish").exitCode())
                .isEqualTo(2);
    }

    @Test
    void the_dead_letters_verbs_take_their_subscription_and_lane_from_one_mixin() {
        var deadLetters = OrderingCli.commandLine(new Wiring()).getSubcommands().get("dead-letters");
        for (String verb : java.util.List.of("show", "retry", "drop")) {
            var spec = deadLetters.getSubcommands().get(verb).getCommandSpec();
            assertThat(spec.mixins().values())
                    .as("dead-letters %s", verb)
                    .anySatisfy(
                            mixin -> assertThat(mixin.userObject()).isInstanceOf(HeldLaneOptions.Subscription.class));
            assertThat(spec.findOption("--subscription").required()).isTrue();
        }
        for (String verb : java.util.List.of("show", "drop")) {
            assertThat(deadLetters
                            .getSubcommands()
                            .get(verb)
                            .getCommandSpec()
                            .mixins()
                            .values())
                    .as("dead-letters %s", verb)
                    .anySatisfy(mixin -> assertThat(mixin.userObject()).isInstanceOf(HeldLaneOptions.Lane.class));
        }
        assertThat(deadLetters
                        .getSubcommands()
                        .get("retry")
                        .getCommandSpec()
                        .findOption("--lane")
                        .required())
                .as("retry without --lane retries every parked lane")
                .isFalse();
    }

    static String render(CommandLine root) {
        var markdown = new StringBuilder("# The `ordering` command\n\n")
                .append("Generated from the command specs by `CliReferenceTest` (which fails when this page is stale).")
                .append(" Exit codes: 0 done, 1 refused, 2 usage, 3 busy or conflict, 4 infrastructure, 5 `verify`")
                .append(" (or `db validate`) found a broken invariant.\n");
        append(markdown, root);
        return markdown.toString();
    }

    private static void append(StringBuilder markdown, CommandLine command) {
        command.setUsageHelpWidth(120);
        markdown.append("\n## ")
                .append(command.getCommandSpec().qualifiedName())
                .append("\n\n```text\n")
                .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
                .append("\n```\n");
        command.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandSpec().usageMessage().hidden())
                .distinct()
                .forEach(sub -> append(markdown, sub));
    }
}
