package org.bookworm.ordering.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.PostgresAdmin;
import org.bookworm.ordering.adapter.postgres.Violation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordering verify}: checks the system's invariants on its database and exits 5 naming each broken one (and
 * what breaks it: up to 20 rows per invariant), 0 when they all hold.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check the invariants: read models equal the fold of their streams; captured <= authorized and"
                + " refunded <= captured; stock held matches open reservations; no open reservation for a finished"
                + " order; one confirmation e-mail per confirmed order; no subscription too far behind. Exit 5 names"
                + " each broken one.")
final class VerifyCommand implements Callable<Integer> {
    static final List<String> INVARIANTS = List.of(
            Violation.READ_MODEL,
            Violation.PAYMENTS,
            Violation.STOCK,
            Violation.RESERVATIONS,
            Violation.CONFIRMATION_EMAILS,
            Violation.LAG);
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--max-lag",
            defaultValue = "10000",
            description = "Events a subscription may be behind the log (default: ${DEFAULT-VALUE}).")
    long maxLag = 10_000;

    VerifyCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        if (maxLag < 0) {
            throw new IllegalArgumentException("--max-lag is never negative, not " + maxLag);
        }
        var broken = new ArrayList<Violation>();
        try (var session = wiring.admin(options, true)) {
            broken.addAll(session.pg().violations());
            broken.addAll(ReadModelCheck.check(session.pg()));
            broken.addAll(lagging(session.pg()));
        }
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Output.json(out, Map.of("checked", INVARIANTS, "broken", broken));
        } else {
            broken.forEach(violation -> out.println("broken: " + violation));
            out.println(
                    broken.isEmpty()
                            ? "ok: all " + INVARIANTS.size() + " invariants hold"
                            : broken.size() + " violations of "
                                    + broken.stream()
                                            .map(Violation::invariant)
                                            .distinct()
                                            .count() + " invariants");
        }
        out.flush();
        return broken.isEmpty() ? ExitCodes.DONE : ExitCodes.BROKEN_INVARIANT;
    }

    private List<Violation> lagging(PostgresAdmin pg) {
        return pg.subscriptions(ProjectionsCommand.names()).stream()
                .filter(state -> state.lagEvents() > maxLag)
                .map(state -> new Violation(
                        Violation.LAG,
                        state.name() + " is " + state.lagEvents() + " events behind (more than " + maxLag + ")"))
                .toList();
    }
}
