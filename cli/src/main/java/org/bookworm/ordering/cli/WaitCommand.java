package org.bookworm.ordering.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.grpc.HealthProbe;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordering wait}: returns once a server answers SERVING on the gRPC health service, so a script (the README's
 * block) can start {@code serve} in the background and go on only when calls will work. Bounded by {@code --timeout};
 * with {@code --pid} it stops at once when that server process has exited.
 */
@Command(
        name = "wait",
        mixinStandardHelpOptions = true,
        description = "Wait until a server answers SERVING (gRPC health), then print where.")
final class WaitCommand implements Callable<Integer> {
    private static final Duration PACE = Duration.ofMillis(250);
    private static final Duration CHECK_DEADLINE = Duration.ofSeconds(1);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", defaultValue = "${env:ORDERING_SERVER:-127.0.0.1:50051}", description = "host:port")
    String server = "127.0.0.1:50051";

    @Option(names = "--timeout", defaultValue = "120s", description = "Give up after this long, like 30s or 2m.")
    String timeout = "120s";

    @Option(names = "--pid", description = "The server's process id ($! after `bin/ordering serve &`).")
    @Nullable
    Long pid;

    @Override
    public Integer call() throws InterruptedException {
        int colon = server.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--server is host:port, not '" + server + "'");
        }
        String host = server.substring(0, colon);
        int port = port(server.substring(colon + 1));
        Duration limit = Wiring.parseDuration(timeout);
        if (limit.compareTo(Duration.ofSeconds(1)) < 0 || limit.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--timeout is between 1s and 1h");
        }
        try (var probe = new HealthProbe(host, port)) {
            return waitFor(probe, limit);
        }
    }

    private int waitFor(HealthProbe probe, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (pid != null
                    && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return failed("the server (pid " + pid + ") has exited: its output says why");
            }
            var answer = probe.check(CHECK_DEADLINE);
            if (answer.serving()) {
                spec.commandLine().getOut().println("SERVING on " + server);
                spec.commandLine().getOut().flush();
                return ExitCodes.DONE;
            }
            if (System.nanoTime() - deadline >= 0) {
                return failed("no server answered SERVING on " + server + " within " + timeout + " (last: "
                        + answer.detail() + "): is `bin/ordering serve` running, and on that port? Its output says"
                        + " why not");
            }
            Thread.sleep(PACE);
        }
    }

    private int failed(String why) {
        spec.commandLine().getErr().println("ordering: " + why);
        spec.commandLine().getErr().flush();
        return ExitCodes.INFRASTRUCTURE;
    }

    private int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the whole option in the message
        }
        throw new IllegalArgumentException("--server is host:port, not '" + server + "'");
    }
}
