package org.bookworm.ordering.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ordering orders as-of ID INSTANT}: the order as it was at that instant, through the server's temporal API. */
@Command(
        name = "as-of",
        mixinStandardHelpOptions = true,
        description = "The order as it was at an instant (the temporal API of a running server).")
final class OrdersAsOf implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OrdersCommand.Server server = new OrdersCommand.Server();

    @Parameters(index = "0", description = "The order id.")
    String orderId = "";

    @Parameters(index = "1", description = "An instant like 2026-11-24T18:00:00Z.")
    String at = "";

    OrdersAsOf(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        var instant = OrdersCommand.History.instant(at);
        try (var client = server.connect(wiring)) {
            spec.commandLine().getOut().println(client.orderAsOf(orderId, instant));
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.DONE;
    }
}
