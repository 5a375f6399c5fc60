package org.bookworm.ordering.cli;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.SubscriptionStatus;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ordering dead-letters}: what the background subscriptions hold back, and an operator's retry. */
@Command(
        name = "dead-letters",
        mixinStandardHelpOptions = true,
        description = "Show, retry and drop the events the subscriptions hold back.",
        subcommands = {
            DeadLettersCommand.ListHeld.class,
            DeadLettersShow.class,
            DeadLettersCommand.Retry.class,
            DeadLettersDrop.class
        })
final class DeadLettersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required: list, show, retry or drop");
    }

    /** {@code ordering dead-letters list}: every subscription's status, then each held event. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Subscriptions and their held events.")
    static final class ListHeld implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Mixin
        AdminOptions options = new AdminOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        ListHeld(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            try (var admin = wiring.deadLetterAdmin(options)) {
                if (options.json()) {
                    var held = new java.util.LinkedHashMap<String, Object>();
                    for (SubscriptionStatus status : admin.service().statuses()) {
                        held.put(
                                status.name(),
                                java.util.Map.of(
                                        "status",
                                        status,
                                        "lanes",
                                        admin.service().lanes(status.name())));
                    }
                    Output.json(out, held);
                    return ExitCodes.DONE;
                }
                for (SubscriptionStatus status : admin.service().statuses()) {
                    out.printf(
                            "%-16s at %-14s retrying %d, parked %d, held events %d%s%n",
                            status.name(),
                            status.position(),
                            status.retryingLanes(),
                            status.parkedLanes(),
                            status.heldEvents(),
                            status.lastError() == null ? "" : ": " + status.lastError());
                    for (DeadLetters.DeadLetter letter : admin.service().list(status.name())) {
                        out.printf(
                                "  %-8s lane %s %s v%d %s%n",
                                letter.status(),
                                letter.event().stream().id(),
                                letter.event().stream().type().prefix(),
                                letter.event().version(),
                                letter.event().event().getClass().getSimpleName());
                    }
                }
            }
            out.flush();
            return ExitCodes.DONE;
        }
    }

    /** {@code ordering dead-letters retry}: makes one lane, or every parked lane, due again now. */
    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Retry a held lane (all parked if no --lane).")
    static final class Retry implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Mixin
        AdminOptions options = new AdminOptions();

        @CommandLine.Mixin
        HeldLaneOptions.Subscription subscriptionOption = new HeldLaneOptions.Subscription();

        @Option(names = "--lane", description = "The lane (stream id) to retry; default: every parked lane.")
        @Nullable
        UUID lane;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Retry(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            try (var admin = wiring.deadLetterAdmin(options)) {
                return switch (admin.service().retry(subscriptionOption.name, lane)) {
                    case DeadLetterService.Answer.Done done -> {
                        spec.commandLine()
                                .getOut()
                                .printf("retrying %d lanes (%d events)%n", done.lanes(), done.events());
                        spec.commandLine().getOut().flush();
                        yield ExitCodes.DONE;
                    }
                    case DeadLetterService.Answer.UnknownSubscription unknown ->
                        throw new IllegalArgumentException(
                                "no subscription '" + unknown.name() + "'; there are " + unknown.known());
                    case DeadLetterService.Answer.UnknownLane unknown -> refused(unknown);
                };
            }
        }

        private int refused(DeadLetterService.Answer.UnknownLane unknown) {
            spec.commandLine()
                    .getErr()
                    .println("ordering: " + unknown.subscription() + " holds no lane " + unknown.lane());
            spec.commandLine().getErr().flush();
            return ExitCodes.REFUSED;
        }
    }
}
