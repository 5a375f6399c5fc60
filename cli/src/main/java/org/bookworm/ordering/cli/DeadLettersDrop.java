package org.bookworm.ordering.cli;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordering dead-letters drop}: gives up a held lane for good (its events are never handled by that
 * subscription), recording who dropped it, why and the events themselves ({@code eventstore.dead_letter_drops}).
 */
@Command(
        name = "drop",
        mixinStandardHelpOptions = true,
        description = "Give up a held lane for good; records who, why, when and the events dropped.")
final class DeadLettersDrop implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HeldLaneOptions.Subscription subscriptionOption = new HeldLaneOptions.Subscription();

    @CommandLine.Mixin
    HeldLaneOptions.Lane laneOption = new HeldLaneOptions.Lane();

    @Option(names = "--reason", required = true, description = "Why it is dropped (recorded).")
    String reason = "";

    @Option(names = "--by", description = "Who drops it (recorded; default: the operating-system user).")
    @Nullable
    String by;

    DeadLettersDrop(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        String subscription = subscriptionOption.name;
        UUID lane = laneOption.id;
        ProjectionsCommand.requireKnown(subscription);
        String who = by != null ? by : System.getProperty("user.name", "unknown");
        int events;
        try (var session = wiring.admin(options, true)) {
            events = session.pg().drop(subscription, lane, who, reason);
        }
        if (events == 0) {
            spec.commandLine().getErr().println("ordering: " + subscription + " holds no lane " + lane);
            spec.commandLine().getErr().flush();
            return ExitCodes.REFUSED;
        }
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Output.json(out, Map.of("subscription", subscription, "lane", lane, "events", events, "by", who));
        } else {
            out.printf(
                    "dropped lane %s of %s (%d events), recorded as dropped by %s%n", lane, subscription, events, who);
        }
        out.flush();
        return ExitCodes.DONE;
    }
}
