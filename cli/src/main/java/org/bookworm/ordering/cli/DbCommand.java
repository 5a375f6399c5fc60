package org.bookworm.ordering.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.Migration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering db}: the schema's migrations, through Flyway's own API. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Migrate the database, list its migrations, check them against the scripts.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class, DbCommand.Validate.class})
final class DbCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required: migrate, info, validate");
    }

    /** {@code ordering db migrate}: applies the pending migrations. */
    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the pending migrations.")
    static final class Migrate implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Mixin
        AdminOptions options = new AdminOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Migrate(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            try (var session = wiring.admin(options, false)) {
                int applied = session.pg().migrate();
                if (options.json()) {
                    Output.json(out, Map.of("applied", applied));
                } else {
                    out.println(applied == 0 ? "the schema is up to date" : "applied " + applied + " migrations");
                }
            }
            out.flush();
            return ExitCodes.DONE;
        }
    }

    /** {@code ordering db info}: every migration, applied or pending. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "List applied and pending migrations.")
    static final class Info implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Mixin
        AdminOptions options = new AdminOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Info(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            List<Migration> migrations;
            try (var session = wiring.admin(options, false)) {
                migrations = session.pg().migrations();
            }
            if (options.json()) {
                Output.json(out, migrations);
                return ExitCodes.DONE;
            }
            out.printf("%-8s %-10s %-22s %s%n", "VERSION", "STATE", "INSTALLED", "DESCRIPTION");
            for (var migration : migrations) {
                out.printf(
                        "%-8s %-10s %-22s %s%n",
                        migration.version(),
                        migration.state(),
                        migration.installedOn() == null
                                ? "-"
                                : migration.installedOn().toString().substring(0, 19),
                        migration.description());
            }
            if (!migrations.isEmpty()) {
                out.println("schemas: " + migrations.get(0).schemas());
            }
            out.flush();
            return ExitCodes.DONE;
        }
    }

    /** {@code ordering db validate}: exit 0 when the history matches the scripts, else 5 naming each mismatch. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Check applied migrations against the scripts.")
    static final class Validate implements Callable<Integer> {
        private final Wiring wiring;

        @CommandLine.Mixin
        AdminOptions options = new AdminOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Validate(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public Integer call() {
            List<String> problems;
            try (var session = wiring.admin(options, false)) {
                problems = session.pg().validate();
            }
            var out = spec.commandLine().getOut();
            if (options.json()) {
                Output.json(out, Map.of("valid", problems.isEmpty(), "problems", problems));
            } else {
                problems.forEach(problem -> out.println("invalid: " + problem));
                out.println(problems.isEmpty() ? "valid" : problems.size() + " problems");
            }
            out.flush();
            return problems.isEmpty() ? ExitCodes.DONE : ExitCodes.BROKEN_INVARIANT;
        }
    }
}
