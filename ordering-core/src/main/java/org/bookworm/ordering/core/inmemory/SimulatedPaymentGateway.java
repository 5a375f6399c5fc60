package org.bookworm.ordering.core.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.finance.PaymentGateway;
import org.bookworm.ordering.core.finance.PaymentMethod;

/**
 * A payment provider for tests, demos and {@code --in-memory}. Test tokens: {@code tok_decline} is declined ("card
 * declined"), {@code tok_timeout} never answers in time ({@code TimedOut}, every attempt), any other token (such as
 * {@code tok_approve}) is approved. Captures, voids and refunds of a known authorization are approved. Each key is
 * performed once: a repeated key gets the first answer and moves no money. {@link #movements()} lists what was done.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    /** One money movement the provider performed. */
    public record Movement(String kind, UUID key, String reference, Money amount) {}

    private final Map<UUID, Answer> answers = new HashMap<>();
    private final List<Movement> movements = new ArrayList<>();

    @Override
    public synchronized Answer authorize(UUID key, PaymentMethod method, Money amount) {
        return answers.computeIfAbsent(key, k -> switch (method.token()) {
            case "tok_decline" -> new Answer.Declined("card declined");
            case "tok_timeout" -> new Answer.TimedOut();
            default -> record("authorize", key, "auth_" + key, amount);
        });
    }

    @Override
    public synchronized Answer capture(UUID key, String authorization, Money amount) {
        return answers.computeIfAbsent(key, k -> record("capture", key, authorization, amount));
    }

    @Override
    public synchronized Answer voidAuthorization(UUID key, String authorization, Money amount) {
        return answers.computeIfAbsent(key, k -> record("void", key, authorization, amount));
    }

    @Override
    public synchronized Answer refund(UUID key, String authorization, Money amount) {
        return answers.computeIfAbsent(key, k -> record("refund", key, authorization, amount));
    }

    public synchronized List<Movement> movements() {
        return List.copyOf(movements);
    }

    private Answer record(String kind, UUID key, String reference, Money amount) {
        movements.add(new Movement(kind, key, reference, amount));
        return new Answer.Approved(reference);
    }
}
