package org.bookworm.ordering.cli;

import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.HorizonReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering horizon}: whether the log's readers are held back, and by which transaction. */
@Command(
        name = "horizon",
        mixinStandardHelpOptions = true,
        description = "The log's read horizon: whether it holds events back, by which transaction (pid, age, query"
                + " start) and since when.")
final class HorizonCommand implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    HorizonCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        HorizonReport report;
        try (var session = wiring.admin(options, true)) {
            report = session.pg().horizon();
        }
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Output.json(out, report);
            return ExitCodes.DONE;
        }
        out.printf("horizon:   transaction %d%n", report.horizon());
        out.printf(
                "held back: %s%n",
                report.holdsBack() ? report.heldBack() + " committed events wait behind it" : "no (readers see all)");
        var holder = report.holder();
        if (holder == null) {
            out.println("holder:    none (no open transaction has written)");
        } else {
            out.printf(
                    "holder:    transaction %d, pid %d (%s), %s, open %s since %s, query started %s%n",
                    holder.transaction(),
                    holder.pid(),
                    holder.application().isEmpty() ? "no application name" : holder.application(),
                    holder.state(),
                    Output.human(holder.age()),
                    holder.since(),
                    holder.queryStart() == null ? "-" : holder.queryStart());
        }
        out.flush();
        return ExitCodes.DONE;
    }
}
