package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.Mailer;

/** The mailer, counted: e-mails sent, and failures by kind (unreachable, temporary, permanent), each in a span. */
final class ObservedMailer implements Mailer {
    private final Mailer mailer;
    private final Tracer tracer;
    private final Meters.Family<Counter> sends;
    private final Meters.Family<Counter> failures;

    ObservedMailer(Mailer mailer, Meters meters, Tracer tracer) {
        this.mailer = mailer;
        this.tracer = tracer;
        this.sends = meters.counters("ordering.outbox.sends", "E-mails the mail server accepted");
        this.failures =
                meters.counters("ordering.outbox.failures", "E-mails the mail server did not accept, by kind", "kind");
    }

    @Override
    @SuppressWarnings("try") // the scope is only opened and closed
    public void send(UUID messageId, Email email) {
        Span span =
                tracer.spanBuilder("mailer send").setSpanKind(SpanKind.CLIENT).startSpan();
        try (Scope scope = span.makeCurrent()) {
            mailer.send(messageId, email);
            sends.with().increment();
        } catch (MailFailed failed) {
            span.setStatus(StatusCode.ERROR, failed.kind().name());
            failures.with(failed.kind().name()).increment();
            throw failed;
        } finally {
            span.end();
        }
    }
}
