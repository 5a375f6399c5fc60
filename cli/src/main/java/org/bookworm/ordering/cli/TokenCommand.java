package org.bookworm.ordering.cli;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.jspecify.annotations.Nullable;
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

    /**
     * {@code ordering token mint}: prints a token signed by the local dev key, which a dev server trusts. Standard
     * output is the token alone, so {@code TOKEN=$(bin/ordering token mint)} works; notes go to standard error.
     */
    @Command(name = "mint", mixinStandardHelpOptions = true, description = "Mint a development token.")
    static final class Mint implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--sub", description = "The subject: the buyer's UUID. Default: a new buyer each time.")
        @Nullable
        String subject;

        @Option(names = "--role", defaultValue = "user", description = "user or admin.")
        String role = "user";

        @Option(names = "--name", description = "The name claim: the buyer's name (CreateBuyer, e-mails).")
        @Nullable
        String name;

        @Option(names = "--email", description = "The email claim: where the buyer's e-mails go.")
        @Nullable
        String email;

        @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime, like 15m or 8h (at most 24h).")
        String ttl = "1h";

        @Option(names = "--data-dir", defaultValue = "${env:ORDERING_DATA_DIR:-data}", description = "Local data.")
        Path dataDir = Path.of("data");

        Mint(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            UUID sub =
                    subject == null ? UUID.randomUUID() : BuyerId.parse(subject).value();
            if (!role.equals("user") && !role.equals("admin")) {
                throw new IllegalArgumentException("--role is user or admin, not '" + role + "'");
            }
            var personName = checked("--name", name, PersonName::new);
            var address = checked("--email", email, EmailAddress::new);
            var lifetime = Wiring.parseDuration(ttl);
            if (lifetime.isNegative() || lifetime.isZero() || lifetime.toHours() > 24) {
                throw new IllegalArgumentException("--ttl is between 1s and 24h");
            }
            String token = wiring.devKeys(dataDir).mint(sub, role, lifetime, personName, address);
            spec.commandLine().getOut().println(token);
            spec.commandLine().getOut().flush();
            if (subject == null) {
                var err = spec.commandLine().getErr();
                err.println("ordering: a token for a new buyer, --sub " + sub
                        + " (pass --sub to act as the same buyer again)");
                err.flush();
            }
            return ExitCodes.DONE;
        }

        /** The value the option's text makes, its refusal naming the option. */
        private static <T> @Nullable T checked(String option, @Nullable String text, Function<String, T> value) {
            if (text == null) {
                return null;
            }
            try {
                return value.apply(text);
            } catch (IllegalArgumentException refused) {
                throw new IllegalArgumentException(option + ": " + refused.getMessage(), refused);
            }
        }
    }
}
