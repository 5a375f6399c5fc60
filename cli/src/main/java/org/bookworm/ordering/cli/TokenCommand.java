package org.bookworm.ordering.cli;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.bookworm.ordering.core.common.BuyerId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ordering token}: development tokens. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Development tokens.",
        subcommands = TokenCommand.Mint.class)
final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: mint");
    }

    /** {@code ordering token mint}: prints a token signed by the local dev key, which a dev server trusts. */
    @Command(name = "mint", mixinStandardHelpOptions = true, description = "Mint a development token.")
    static final class Mint implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--sub", required = true, description = "The subject: the buyer's UUID.")
        String subject = "";

        @Option(names = "--role", defaultValue = "user", description = "user or admin.")
        String role = "user";

        @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime, like 15m or 8h (at most 24h).")
        String ttl = "1h";

        @Option(names = "--data-dir", defaultValue = "${env:ORDERING_DATA_DIR:-data}", description = "Local data.")
        Path dataDir = Path.of("data");

        Mint(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            UUID sub = BuyerId.parse(subject).value();
            if (!role.equals("user") && !role.equals("admin")) {
                throw new IllegalArgumentException("--role is user or admin, not '" + role + "'");
            }
            var lifetime = Wiring.parseDuration(ttl);
            if (lifetime.isNegative() || lifetime.isZero() || lifetime.toHours() > 24) {
                throw new IllegalArgumentException("--ttl is between 1s and 24h");
            }
            spec.commandLine().getOut().println(wiring.devKeys(dataDir).mint(sub, role, lifetime));
            spec.commandLine().getOut().flush();
            return ExitCodes.DONE;
        }
    }
}
