package org.bookworm.ordering.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.finance.DeciderScenario.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.finance.PaymentCommand.Authorize;
import org.bookworm.ordering.core.finance.PaymentCommand.Capture;
import org.bookworm.ordering.core.finance.PaymentCommand.Decline;
import org.bookworm.ordering.core.finance.PaymentCommand.Refund;
import org.bookworm.ordering.core.finance.PaymentCommand.VoidAuthorization;
import org.bookworm.ordering.core.finance.PaymentEvent.AuthorizationVoided;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentAuthorized;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentCaptured;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentDeclined;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentRefunded;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class PaymentDeciderTest {
    static final OrderId ORDER = CheckoutSagaTest.ORDER;
    static final Instant T = CheckoutSagaTest.T0;
    static final UUID AUTH = StepKeys.of(ORDER, "authorize", 1);
    static final UUID CAPTURE = StepKeys.of(ORDER, "capture", 1);
    static final UUID VOID = StepKeys.of(ORDER, "void", 1);
    static final UUID REFUND = StepKeys.of(ORDER, "refund", 1);
    static final PaymentAuthorized AUTHORIZED = new PaymentAuthorized(ORDER, AUTH, usd("40.00"), "auth_1", T);

    private final PaymentDecider decider = new PaymentDecider();

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void an_approval_authorizes_and_a_decline_is_recorded() {
        given(decider, List.of())
                .when(new Authorize(ORDER, AUTH, usd("40.00"), "auth_1", T))
                .then(List.of(AUTHORIZED));
        given(decider, List.of())
                .when(new Decline(ORDER, AUTH, "card declined", T))
                .then(List.of(new PaymentDeclined(ORDER, AUTH, "card declined", T)));
    }

    @Test
    void every_movement_is_recorded_once_per_key() {
        given(decider, List.of(AUTHORIZED))
                .when(new Authorize(ORDER, AUTH, usd("40.00"), "auth_1", T))
                .thenNothing();
        var captured = new PaymentCaptured(ORDER, CAPTURE, usd("15.00"), T);
        given(decider, List.of(AUTHORIZED, captured))
                .when(new Capture(ORDER, CAPTURE, usd("15.00"), T))
                .thenNothing();
    }

    @Test
    void a_capture_never_exceeds_what_is_authorized() {
        given(decider, List.of(AUTHORIZED))
                .when(new Capture(ORDER, CAPTURE, usd("40.01"), T))
                .thenRejectedWith(new PaymentRejection.ExceedsAuthorized(ORDER, usd("40.01"), usd("40.00")));
        given(decider, List.of())
                .when(new Capture(ORDER, CAPTURE, usd("1.00"), T))
                .thenRejectedWith(new PaymentRejection.NotAuthorized(ORDER));
    }

    @Test
    void a_void_releases_what_is_left_and_closes_the_payment() {
        var captured = new PaymentCaptured(ORDER, CAPTURE, usd("15.00"), T);
        var state = given(decider, List.of(AUTHORIZED, captured))
                .when(new VoidAuthorization(ORDER, VOID, T))
                .then(List.of(new AuthorizationVoided(ORDER, VOID, usd("25.00"), T)));
        assertThat(((PaymentState.Active) state).closed()).isTrue();
        assertThat(decider.decide(new Capture(ORDER, UUID.randomUUID(), usd("1.00"), T), state))
                .isEqualTo(
                        org.bookworm.ordering.core.eventsourcing.Decision.reject(new PaymentRejection.Closed(ORDER)));
        given(decider, List.of()).when(new VoidAuthorization(ORDER, VOID, T)).thenNothing();
    }

    @Test
    void a_refund_never_exceeds_what_was_captured() {
        var captured = new PaymentCaptured(ORDER, CAPTURE, usd("15.00"), T);
        given(decider, List.of(AUTHORIZED, captured))
                .when(new Refund(ORDER, REFUND, usd("10.00"), T))
                .then(List.of(new PaymentRefunded(ORDER, REFUND, usd("10.00"), T)));
        given(decider, List.of(AUTHORIZED, captured))
                .when(new Refund(ORDER, REFUND, usd("15.01"), T))
                .thenRejectedWith(new PaymentRejection.ExceedsCaptured(ORDER, usd("15.01"), usd("15.00")));
    }

    @Test
    void random_movements_keep_captured_within_authorized_and_refunded_within_captured() {
        long seed = Long.getLong("ordering.prop.seed", new SplittableRandom().nextLong());
        var random = new SplittableRandom(seed);
        for (int run = 0; run < 1_000; run++) {
            PaymentState state = decider.initialState();
            var keys = new ArrayList<UUID>();
            for (int step = 0; step < 12; step++) {
                UUID key = keys.isEmpty() || random.nextInt(4) > 0
                        ? new UUID(run, step + 1)
                        : keys.get(random.nextInt(keys.size()));
                keys.add(key);
                Money amount = Money.of(String.valueOf(random.nextInt(1, 50)), "USD");
                PaymentCommand command = switch (random.nextInt(5)) {
                    case 0 -> new Authorize(ORDER, key, amount, "auth", T);
                    case 1 -> new Capture(ORDER, key, amount, T);
                    case 2 -> new VoidAuthorization(ORDER, key, T);
                    case 3 -> new Refund(ORDER, key, amount, T);
                    default -> new Decline(ORDER, key, "no", T);
                };
                state = decider.fold(state, decider.decide(command, state).events());
                if (state instanceof PaymentState.Active active) {
                    assertThat(active.captured().plus(active.voided()))
                            .as("seed %d", seed)
                            .isLessThanOrEqualTo(active.authorized());
                    assertThat(active.refunded()).as("seed %d", seed).isLessThanOrEqualTo(active.captured());
                }
            }
        }
    }

    @Test
    void step_keys_are_name_based_version_5_uuids_that_depend_only_on_order_step_and_attempt() {
        assertThat(AUTH.version()).isEqualTo(5);
        assertThat(AUTH.variant()).isEqualTo(2);
        assertThat(StepKeys.of(ORDER, "authorize", 1)).isEqualTo(AUTH);
        assertThat(StepKeys.of(ORDER, "authorize", 2)).isNotEqualTo(AUTH);
        assertThat(StepKeys.of(new OrderId(UUID.randomUUID()), "authorize", 1)).isNotEqualTo(AUTH);
        assertThat(CAPTURE).isNotEqualTo(AUTH);
    }

    @Test
    void every_movement_in_every_payment_stage_is_decided_and_keeps_the_invariants() {
        var captured = new PaymentCaptured(ORDER, CAPTURE, usd("15.00"), T);
        var voided = new AuthorizationVoided(ORDER, VOID, usd("25.00"), T);
        var stages = java.util.Map.of(
                "none", List.<PaymentEvent>of(),
                "declined", List.<PaymentEvent>of(new PaymentDeclined(ORDER, AUTH, "no", T)),
                "authorized", List.<PaymentEvent>of(AUTHORIZED),
                "captured", List.<PaymentEvent>of(AUTHORIZED, captured),
                "closed", List.<PaymentEvent>of(AUTHORIZED, captured, voided));
        UUID fresh = UUID.fromString("0192f0c8-5555-7000-8000-000000000001");
        List<PaymentCommand> commands = List.of(
                new Authorize(ORDER, fresh, usd("5.00"), "auth_2", T),
                new Decline(ORDER, fresh, "no", T),
                new Capture(ORDER, fresh, usd("5.00"), T),
                new Capture(ORDER, fresh, usd("99.00"), T),
                new VoidAuthorization(ORDER, fresh, T),
                new Refund(ORDER, fresh, usd("5.00"), T),
                new Refund(ORDER, fresh, usd("99.00"), T),
                new Capture(ORDER, CAPTURE, usd("5.00"), T));
        int decided = 0;
        for (var stage : stages.entrySet()) {
            PaymentState state = decider.fold(stage.getValue());
            for (PaymentCommand command : commands) {
                var decision = decider.decide(command, state);
                PaymentState after = decider.fold(state, decision.events());
                if (after instanceof PaymentState.Active active) {
                    assertThat(active.captured().plus(active.voided()))
                            .as(stage.getKey() + " / " + command)
                            .isLessThanOrEqualTo(active.authorized());
                    assertThat(active.refunded())
                            .as(stage.getKey() + " / " + command)
                            .isLessThanOrEqualTo(active.captured());
                }
                if (state.keys().contains(command.key())) {
                    assertThat(decision.events())
                            .as("a known key records nothing")
                            .isEmpty();
                }
                decided++;
            }
        }
        assertThat(decided).isEqualTo(stages.size() * commands.size());
        assertThat(decider.decide(commands.get(0), decider.fold(stages.get("closed"))))
                .isEqualTo(
                        org.bookworm.ordering.core.eventsourcing.Decision.reject(new PaymentRejection.Closed(ORDER)));
    }
}
