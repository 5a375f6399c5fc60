package org.bookworm.ordering.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bookworm.ordering.adapter.smtp.SmtpMailer;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.notification.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The e-mail settings of {@code ordering serve} (ADR 0020): the sender's display name, how failed e-mails are retried
 * (never more than the cap apart, given up after the window) and how long sent e-mails are kept. Each is checked
 * before the server starts; a bad value is one line on stderr and exit code 2.
 */
final class MailOptions {
    @Option(
            names = "--smtp-from-name",
            defaultValue = "${env:ORDERING_SMTP_FROM_NAME:-" + SmtpMailer.Settings.DEFAULT_FROM_NAME + "}",
            description = "Display name of the e-mails' sender (at most 50 characters; default ${DEFAULT-VALUE}).")
    String fromName = SmtpMailer.Settings.DEFAULT_FROM_NAME;

    @Option(
            names = "--mail-retry-max-delay",
            defaultValue = "${env:ORDERING_MAIL_RETRY_MAX_DELAY:-60s}",
            converter = DurationConverter.class,
            description = "Longest wait between two attempts of a failed e-mail, 1s to 1h (default ${DEFAULT-VALUE}):"
                    + " a mail server that comes back is used again within it.")
    Duration retryMaxDelay = RetryPolicy.DEFAULT.maxDelay();

    @Option(
            names = "--mail-give-up-after",
            defaultValue = "${env:ORDERING_MAIL_GIVE_UP_AFTER:-24h}",
            converter = DurationConverter.class,
            description = "How long a failing e-mail is retried before it is marked failed, up to 30d"
                    + " (default ${DEFAULT-VALUE}); ResendFailedEmails gives it another round.")
    Duration giveUpAfter = RetryPolicy.DEFAULT.giveUpAfter();

    @Option(
            names = "--mail-retention",
            defaultValue = "${env:ORDERING_MAIL_RETENTION:-7d}",
            converter = DurationConverter.class,
            description = "How long sent e-mails are kept before the hourly clean-up deletes them, at least 1h"
                    + " (default ${DEFAULT-VALUE}).")
    Duration retention = NotificationService.Settings.DEFAULT.retention();

    /** The checked settings; @throws IllegalArgumentException naming the flag that is wrong */
    NotificationService.Settings settings() {
        RetryPolicy retry;
        try {
            retry = RetryPolicy.cappedAt(retryMaxDelay, giveUpAfter);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException("--mail-retry-max-delay / --mail-give-up-after: " + wrong.getMessage());
        }
        try {
            return new NotificationService.Settings(retry, retention);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException("--mail-retention: " + wrong.getMessage());
        }
    }

    /** What the banner says about e-mail delivery. */
    String describe() {
        return "retried at most " + text(retryMaxDelay) + " apart for " + text(giveUpAfter) + ", sent ones kept "
                + text(retention);
    }

    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601 ({@code PT30S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            var shortForm = SHORT.matcher(value.strip());
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(value.strip());
            } catch (DateTimeParseException notOne) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration: write it like 30s, 5m, 2h or 7d");
            }
        }
    }
}
