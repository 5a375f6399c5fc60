package org.bookworm.ordering.cli;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering dead-letters show}: one held lane, its state and error, and its events in full (JSON Lines). */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "One held lane: its status, attempts, error, and each held event as a JSON line.")
final class DeadLettersShow implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HeldLaneOptions.Subscription subscriptionOption = new HeldLaneOptions.Subscription();

    @CommandLine.Mixin
    HeldLaneOptions.Lane laneOption = new HeldLaneOptions.Lane();

    DeadLettersShow(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        String subscription = subscriptionOption.name;
        UUID lane = laneOption.id;
        ProjectionsCommand.requireKnown(subscription);
        var out = spec.commandLine().getOut();
        try (var admin = wiring.deadLetterAdmin(options)) {
            var held = admin.service().lanes(subscription).stream()
                    .filter(candidate -> candidate.id().equals(lane))
                    .findFirst();
            if (held.isEmpty()) {
                spec.commandLine().getErr().println("ordering: " + subscription + " holds no lane " + lane);
                spec.commandLine().getErr().flush();
                return ExitCodes.REFUSED;
            }
            DeadLetters.Hold hold = held.get().hold();
            out.printf(
                    "# lane %s of %s: %s after %d attempts, next attempt %s, %d events: %s%n",
                    lane,
                    subscription,
                    hold.status(),
                    hold.attempts(),
                    hold.nextAttempt(),
                    held.get().events(),
                    hold.error());
            var pg = admin.session().pg();
            pg.deadLetters().events(subscription, lane).forEach(event -> out.println(pg.json(event)));
        }
        out.flush();
        return ExitCodes.DONE;
    }
}
