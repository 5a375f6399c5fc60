package org.bookworm.ordering.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.grpc.OrderingClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ordering orders}: reads orders from a running server, as JSON. */
@Command(
        name = "orders",
        mixinStandardHelpOptions = true,
        description = "Read orders from a running server.",
        subcommands = {OrdersCommand.Show.class, OrdersCommand.History.class, OrdersAsOf.class})
final class OrdersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required: show, history or as-of");
    }

    /** Where the server is and which token to send: from a file or an env var, never the command line. */
    static final class Server {
        @Option(names = "--server", defaultValue = "${env:ORDERING_SERVER:-127.0.0.1:50051}", description = "host:port")
        String server = "127.0.0.1:50051";

        @Option(names = "--token-file", defaultValue = "${env:ORDERING_TOKEN_FILE}", description = "File with a token.")
        @Nullable
        Path tokenFile;

        OrderingClient connect(Wiring wiring) {
            int colon = server.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("--server is host:port, not '" + server + "'");
            }
            int port;
            try {
                port = Integer.parseInt(server.substring(colon + 1));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("--server is host:port, not '" + server + "'");
            }
            return wiring.client(server.substring(0, colon), port, token());
        }

        private String token() {
            if (tokenFile != null) {
                try {
                    return Files.readString(tokenFile).strip();
                } catch (IOException unreadable) {
                    throw new UncheckedIOException("cannot read the token file " + tokenFile, unreadable);
                }
            }
            String fromEnv = System.getenv("ORDERING_TOKEN");
            if (fromEnv == null || fromEnv.isBlank()) {
                throw new IllegalArgumentException("no token: set ORDERING_TOKEN or pass --token-file");
            }
            return fromEnv.strip();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an order.")
    static final class Show implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Server server = new Server();

        @Parameters(index = "0", description = "The order id.")
        String orderId = "";

        Show(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            try (var client = server.connect(wiring)) {
                spec.commandLine().getOut().println(client.order(orderId));
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.DONE;
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "The events of an order, or with --at the order as it was then; with --interleaved, from the"
                    + " database: the order's, checkout's and payment's events in log order.")
    static final class History implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Server server = new Server();

        @Parameters(index = "0", description = "The order id.")
        String orderId = "";

        @Option(names = "--at", description = "An instant like 2026-11-24T18:00:00Z.")
        @Nullable
        String at;

        @Option(
                names = "--interleaved",
                description = "Read the database (--postgres-url or --data-dir), not the server: the order, checkout"
                        + " and payment streams in log order.")
        boolean interleaved;

        @CommandLine.Mixin
        AdminOptions database = new AdminOptions();

        History(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            if (interleaved) {
                return OrderTimeline.print(
                        wiring, database, orderId, spec.commandLine().getOut());
            }
            Instant instant = at == null ? null : instant(at);
            try (var client = server.connect(wiring)) {
                var answer = instant == null ? client.history(orderId) : client.orderAsOf(orderId, instant);
                spec.commandLine().getOut().println(answer);
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.DONE;
        }

        static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException malformed) {
                throw new IllegalArgumentException("--at is an instant like 2026-11-24T18:00:00Z, not '" + text + "'");
            }
        }
    }
}
