package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.contract.ContractFixtures.ORDER;
import static org.bookworm.ordering.core.contract.ContractFixtures.T0;
import static org.bookworm.ordering.core.contract.ContractFixtures.newEvent;
import static org.bookworm.ordering.core.contract.ContractFixtures.newEvents;
import static org.bookworm.ordering.core.contract.ContractFixtures.newId;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.placed;
import static org.bookworm.ordering.core.contract.ContractFixtures.someEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.bookworm.ordering.core.eventsourcing.ClaimOwner;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentEvent;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link EventStore} and of the {@link IdempotencyKeys} claimed inside its appends. An implementation
 * passes it with a one-method subclass whose {@link #emptyStore()} returns a fresh, empty store per test.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class EventStoreContract {

    /**
     * An event store and the idempotency keys it claims in its appends, over the same backend; {@code keys} claim in
     * the name of the process that made the store, and {@code otherProcesses} makes the claim owner of another process
     * on the same backend each time it is called (ADR 0036), closed by the case that made it.
     */
    public record Fixture(EventStore events, IdempotencyKeys keys, Supplier<ClaimOwner> otherProcesses) {}

    /** A fresh, empty store; creating or truncating it is the implementation's job. */
    protected abstract Fixture emptyStore();

    private EventStore store;
    private IdempotencyKeys keys;
    private Supplier<ClaimOwner> otherProcesses;

    @BeforeEach
    final void createStore() {
        Fixture fixture = emptyStore();
        store = fixture.events();
        keys = fixture.keys();
        otherProcesses = fixture.otherProcesses();
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    @Test
    void an_unknown_stream_is_empty_at_version_0() {
        EventStream stream = store.load(orderStream());

        assertThat(stream.version()).as(implementation()).isZero();
        assertThat(stream.events()).as(implementation()).isEmpty();
    }

    @Test
    void appended_events_come_back_in_order_with_versions_ids_metadata_and_recording_time() {
        StreamId stream = orderStream();
        List<NewEvent> written = someEvents(3);

        long version = store.append(stream, 0, written);

        EventStream read = store.load(stream);
        assertThat(version).as(implementation()).isEqualTo(3);
        assertThat(read.stream()).as(implementation()).isEqualTo(stream);
        assertThat(read.version()).as(implementation()).isEqualTo(3);
        assertThat(read.events()).as(implementation()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            RecordedEvent recorded = read.events().get(i);
            assertThat(recorded.stream()).as(implementation()).isEqualTo(stream);
            assertThat(recorded.version()).as(implementation()).isEqualTo(i + 1L);
            assertThat(recorded.eventId())
                    .as(implementation())
                    .isEqualTo(written.get(i).eventId());
            assertThat(recorded.event())
                    .as(implementation())
                    .isEqualTo(written.get(i).event());
            assertThat(recorded.metadata())
                    .as(implementation())
                    .isEqualTo(written.get(i).metadata());
            assertThat(recorded.recordedAt()).as(implementation()).isNotNull();
        }
        // one append is one transaction: its events share their recording time
        assertThat(read.events().stream().map(RecordedEvent::recordedAt).distinct())
                .as(implementation())
                .hasSize(1);
    }

    @Test
    void a_second_append_continues_the_versions_and_keeps_both_metadata() {
        StreamId stream = orderStream();
        NewEvent first = newEvent(placed(ORDER));
        NewEvent second = new NewEvent(
                newId(), ContractFixtures.confirmed(ORDER, T0.plusSeconds(1)), ContractFixtures.sparseMetadata());

        store.append(stream, 0, List.of(first));
        long version = store.append(stream, 1, List.of(second));

        EventStream read = store.load(stream);
        assertThat(version).as(implementation()).isEqualTo(2);
        assertThat(read.events())
                .extracting(RecordedEvent::version)
                .as(implementation())
                .containsExactly(1L, 2L);
        assertThat(read.events())
                .extracting(RecordedEvent::metadata)
                .as(implementation())
                .containsExactly(first.metadata(), second.metadata());
        assertThat(read.events().get(1).recordedAt())
                .as(implementation())
                .isAfterOrEqualTo(read.events().get(0).recordedAt());
    }

    @Test
    void load_reads_the_versions_after_one_and_up_to_another() {
        StreamId stream = orderStream();
        List<NewEvent> written = someEvents(5);
        store.append(stream, 0, written);

        EventStream middle = store.load(stream, 2, 4);
        EventStream tail = store.load(stream, 3, Long.MAX_VALUE);
        EventStream head = store.load(stream, 0, 1);
        EventStream beyond = store.load(stream, 5, Long.MAX_VALUE);

        assertThat(middle.events())
                .extracting(RecordedEvent::version)
                .as(implementation())
                .containsExactly(3L, 4L);
        assertThat(middle.events())
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactly(written.get(2).eventId(), written.get(3).eventId());
        assertThat(middle.version()).as(implementation()).isEqualTo(4);
        assertThat(tail.events())
                .extracting(RecordedEvent::version)
                .as(implementation())
                .containsExactly(4L, 5L);
        assertThat(tail.version()).as(implementation()).isEqualTo(5);
        assertThat(head.events())
                .extracting(RecordedEvent::version)
                .as(implementation())
                .containsExactly(1L);
        assertThat(head.version()).as(implementation()).isEqualTo(1);
        assertThat(beyond.events()).as(implementation()).isEmpty();
    }

    @Test
    void load_as_of_an_instant_reads_the_events_recorded_until_then() throws InterruptedException {
        StreamId stream = orderStream();
        List<NewEvent> written = someEvents(3);
        store.append(stream, 0, written.subList(0, 1));
        // the store stamps its own recording time: wait so that the two appends are told apart by any clock
        Thread.sleep(20);
        store.append(stream, 1, written.subList(1, 3));
        List<RecordedEvent> all = store.load(stream).events();
        Instant first = all.get(0).recordedAt();
        Instant second = all.get(1).recordedAt();
        assertThat(second)
                .as(implementation() + ": recording times of appends 20 ms apart")
                .isAfter(first);

        assertThat(store.loadAsOf(stream, first.minusMillis(1)).events())
                .as(implementation() + ": before the first event")
                .isEmpty();
        assertThat(store.loadAsOf(stream, first.minusMillis(1)).version())
                .as(implementation())
                .isZero();
        EventStream atFirst = store.loadAsOf(stream, first);
        assertThat(atFirst.events())
                .extracting(RecordedEvent::eventId)
                .as(implementation() + ": at the first event's time (inclusive)")
                .containsExactly(written.get(0).eventId());
        assertThat(atFirst.version()).as(implementation()).isEqualTo(1);
        EventStream between = store.loadAsOf(
                stream, first.plus(Duration.between(first, second).dividedBy(2)));
        assertThat(between.events())
                .extracting(RecordedEvent::version)
                .as(implementation() + ": between the appends")
                .containsExactly(1L);
        EventStream later = store.loadAsOf(stream, second.plusSeconds(3600));
        assertThat(later.events())
                .extracting(RecordedEvent::version)
                .as(implementation() + ": after the last append")
                .containsExactly(1L, 2L, 3L);
        assertThat(later.version()).as(implementation()).isEqualTo(3);
        assertThat(store.loadAsOf(orderStream(), second).events())
                .as(implementation() + ": an unknown stream")
                .isEmpty();
    }

    @Test
    void a_stale_expected_version_is_a_conflict_and_writes_nothing() {
        StreamId stream = orderStream();
        store.append(stream, 0, someEvents(2));

        assertThatThrownBy(() -> store.append(stream, 1, someEvents(1)))
                .as(implementation())
                .isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> store.append(stream, 0, someEvents(1)))
                .as(implementation())
                .isInstanceOf(ConcurrencyConflict.class);

        assertThat(store.load(stream).version()).as(implementation()).isEqualTo(2);
    }

    @Test
    void a_conflict_carries_the_events_appended_since_the_expected_version() {
        StreamId stream = orderStream();
        List<NewEvent> written = someEvents(3);
        store.append(stream, 0, written);

        ConcurrencyConflict conflict = catchConflict(() -> store.append(stream, 1, someEvents(1)));

        EventStream since = conflict.appendedSince().orElseThrow();
        assertThat(since.version()).as(implementation()).isEqualTo(3);
        assertThat(since.events())
                .as(implementation())
                .extracting(RecordedEvent::eventId, RecordedEvent::version)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(written.get(1).eventId(), 2L),
                        org.assertj.core.groups.Tuple.tuple(written.get(2).eventId(), 3L));
        assertThat(conflict.expectedVersion()).as(implementation()).isEqualTo(1);
    }

    @Test
    void a_conflict_ahead_of_the_stream_carries_no_events_and_the_stream_s_version() {
        StreamId stream = orderStream();
        store.append(stream, 0, someEvents(1));

        ConcurrencyConflict conflict = catchConflict(() -> store.append(stream, 3, someEvents(1)));

        conflict.appendedSince().ifPresent(since -> {
            assertThat(since.events()).as(implementation()).isEmpty();
            assertThat(since.version()).as(implementation()).isEqualTo(1);
        });
    }

    private static ConcurrencyConflict catchConflict(Runnable append) {
        try {
            append.run();
        } catch (ConcurrencyConflict conflict) {
            return conflict;
        }
        throw new AssertionError("no ConcurrencyConflict");
    }

    @Test
    void an_expected_version_ahead_of_the_stream_is_a_conflict_and_writes_nothing() {
        StreamId stream = orderStream();

        assertThatThrownBy(() -> store.append(stream, 3, someEvents(1)))
                .as(implementation())
                .isInstanceOf(ConcurrencyConflict.class);

        assertThat(store.load(stream).events()).as(implementation()).isEmpty();
    }

    @Test
    void of_two_racing_appends_at_the_same_version_exactly_one_wins() throws Exception {
        for (int round = 0; round < 20; round++) {
            StreamId stream = orderStream();
            store.append(stream, 0, someEvents(1));
            List<NewEvent> left = someEvents(2);
            List<NewEvent> right = someEvents(1);

            List<Object> results = Racing.race(2, racer -> store.append(stream, 1, racer == 0 ? left : right));

            assertThat(results)
                    .as(implementation() + ": one conflict")
                    .filteredOn(ConcurrencyConflict.class::isInstance)
                    .hasSize(1);
            assertThat(results)
                    .as(implementation() + ": one new version")
                    .filteredOn(Long.class::isInstance)
                    .hasSize(1);
            EventStream read = store.load(stream);
            List<UUID> ids =
                    read.events().stream().skip(1).map(RecordedEvent::eventId).toList();
            boolean leftWon = results.get(0) instanceof Long;
            assertThat(ids)
                    .as(implementation() + ": only the winner's events are stored")
                    .containsExactlyElementsOf((leftWon ? left : right)
                            .stream().map(NewEvent::eventId).toList());
            assertThat(results.get(leftWon ? 0 : 1)).as(implementation()).isEqualTo(read.version());
        }
    }

    @Test
    void sixteen_writers_racing_on_one_stream_leave_contiguous_versions_and_every_event_once() throws Exception {
        StreamId stream = orderStream();
        int writers = 16;
        int appendsEach = 10;

        List<Object> results = Racing.race(writers, racer -> {
            var mine = new ArrayList<UUID>();
            for (int done = 0, attempts = 0; done < appendsEach; attempts++) {
                if (attempts > 10_000) {
                    throw new AssertionError("writer " + racer + " never got through");
                }
                long version = store.load(stream).version();
                List<NewEvent> events = someEvents(1 + (racer + done) % 2);
                try {
                    store.append(stream, version, events);
                    events.forEach(event -> mine.add(event.eventId()));
                    done++;
                } catch (ConcurrencyConflict lostTheRace) {
                    // reload and try again, as an application service would
                }
            }
            return mine;
        });

        var written = new HashSet<UUID>();
        results.forEach(result -> written.addAll(uuids(result)));
        List<RecordedEvent> read = store.load(stream).events();
        assertThat(read)
                .extracting(RecordedEvent::version)
                .as(implementation() + ": versions 1..n without gaps or duplicates")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, written.size()).boxed().toList());
        assertThat(read.stream().map(RecordedEvent::eventId).toList())
                .as(implementation() + ": every acknowledged event exactly once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void re_sending_the_same_event_ids_returns_the_first_version_and_writes_nothing_twice() {
        StreamId stream = orderStream();
        List<NewEvent> events = someEvents(2);

        long first = store.append(stream, 0, events);
        long again = store.append(stream, 0, events);

        assertThat(again).as(implementation()).isEqualTo(first).isEqualTo(2);
        assertThat(store.load(stream).events()).as(implementation()).hasSize(2);
    }

    @Test
    void re_sending_the_same_event_ids_after_the_stream_moved_on_still_answers_like_the_first_append() {
        StreamId stream = orderStream();
        List<NewEvent> events = someEvents(2);
        store.append(stream, 0, events);
        store.append(stream, 2, someEvents(1));

        long again = store.append(stream, 0, events);

        assertThat(again).as(implementation()).isEqualTo(2);
        assertThat(store.load(stream).events()).as(implementation()).hasSize(3);
    }

    @Test
    void an_empty_append_writes_nothing_and_returns_the_current_version() {
        StreamId stream = orderStream();

        assertThat(store.append(stream, 0, List.of())).as(implementation()).isZero();
        store.append(stream, 0, someEvents(2));
        assertThat(store.append(stream, 2, List.of())).as(implementation()).isEqualTo(2);

        assertThat(store.load(stream).events()).as(implementation()).hasSize(2);
    }

    @Test
    void streams_of_different_types_with_the_same_id_are_independent() {
        UUID id = newId();
        StreamId order = StreamId.of(OrderService.STREAM, id);
        StreamId checkout = StreamId.of(CheckoutSagaService.STREAM, id);
        List<NewEvent> orderEvents = someEvents(2);
        List<NewEvent> checkoutEvents = someEvents(1);

        store.append(order, 0, orderEvents);
        store.append(checkout, 0, checkoutEvents);

        assertThat(store.load(order).events())
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactlyElementsOf(
                        orderEvents.stream().map(NewEvent::eventId).toList());
        assertThat(store.load(checkout).events())
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactlyElementsOf(
                        checkoutEvents.stream().map(NewEvent::eventId).toList());
        assertThat(store.load(checkout).events().get(0).stream())
                .as(implementation())
                .isEqualTo(checkout);
        assertThat(store.load(StreamId.of(PaymentService.STREAM, id)).version())
                .as(implementation())
                .isZero();
    }

    @Test
    void every_order_event_survives_a_round_trip() {
        roundTrip(OrderEvent.class, ContractFixtures.orderEventSamples(), OrderService.STREAM);
    }

    @Test
    void every_buyer_event_survives_a_round_trip() {
        roundTrip(BuyerEvent.class, ContractFixtures.buyerEventSamples(), BuyerService.STREAM);
    }

    @Test
    void every_checkout_event_survives_a_round_trip() {
        roundTrip(CheckoutEvent.class, ContractFixtures.checkoutEventSamples(), CheckoutSagaService.STREAM);
    }

    @Test
    void every_payment_event_survives_a_round_trip() {
        roundTrip(PaymentEvent.class, ContractFixtures.paymentEventSamples(), PaymentService.STREAM);
    }

    private void roundTrip(Class<?> family, List<? extends DomainEvent> samples, StreamType type) {
        // a new event type fails every store until it has a sample here and the store serialises it
        Set<Class<?>> sampled = new HashSet<>();
        samples.forEach(sample -> sampled.add(sample.getClass()));
        assertThat(sampled)
                .as(implementation() + ": ContractFixtures has a sample of every " + family.getSimpleName())
                .containsAll(Arrays.asList(family.getPermittedSubclasses()));
        StreamId stream = StreamId.of(type, newId());

        store.append(stream, 0, newEvents(samples));

        assertThat(store.load(stream).domainEvents())
                .as(implementation() + ": every " + family.getSimpleName() + " reads back equal")
                .containsExactlyElementsOf(samples);
    }

    @Test
    void an_idempotency_record_is_stored_with_the_append() {
        StreamId stream = orderStream();
        IdempotencyRecord record = record("buyer-1", "req-1", stream, T0);

        store.append(stream, 0, someEvents(1), record);

        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(record);
        assertThat(keys.find("buyer-1", "req-2")).as(implementation()).isEmpty();
        assertThat(keys.find("buyer-2", "req-1")).as(implementation()).isEmpty();
    }

    @Test
    void a_taken_idempotency_key_refuses_the_append_and_writes_nothing() {
        StreamId stream = orderStream();
        IdempotencyRecord first = record("buyer-1", "req-1", stream, T0);
        store.append(stream, 0, someEvents(1), first);
        StreamId other = orderStream();

        assertThatThrownBy(() -> store.append(
                        other,
                        0,
                        someEvents(1),
                        IdempotencyRecord.done("buyer-1", "req-1", "hash-of-req-1", other, 1, T0)))
                .as(implementation())
                .isInstanceOf(IdempotencyKeyTaken.class);

        assertThat(store.load(other).events()).as(implementation()).isEmpty();
        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(first);
    }

    @Test
    void re_sending_an_append_with_its_idempotency_record_answers_like_the_first_append() {
        // the same event ids mean the same append: its own key is no reason to refuse it
        StreamId stream = orderStream();
        List<NewEvent> events = someEvents(1);
        IdempotencyRecord record = record("buyer-1", "req-1", stream, T0);
        store.append(stream, 0, events, record);

        long again = store.append(stream, 0, events, record);

        assertThat(again).as(implementation()).isEqualTo(1);
        assertThat(store.load(stream).events()).as(implementation()).hasSize(1);
        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(record);
    }

    @Test
    void a_conflicting_append_stores_no_idempotency_key() {
        StreamId stream = orderStream();
        store.append(stream, 0, someEvents(1));

        assertThatThrownBy(() -> store.append(stream, 0, someEvents(1), record("buyer-1", "req-1", stream, T0)))
                .as(implementation())
                .isInstanceOf(ConcurrencyConflict.class);

        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).isEmpty();
    }

    @Test
    void the_same_key_under_another_scope_is_independent() {
        StreamId mineStream = orderStream();
        StreamId stream = orderStream();
        IdempotencyRecord mine = record("buyer-1", "req-1", mineStream, T0);
        IdempotencyRecord theirs = record("buyer-2", "req-1", stream, T0);

        store.append(mineStream, 0, someEvents(1), mine);
        store.append(stream, 0, someEvents(1), theirs);

        assertThat(store.load(stream).events()).as(implementation()).hasSize(1);
        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(mine);
        assertThat(keys.find("buyer-2", "req-1")).as(implementation()).contains(theirs);
    }

    @Test
    void purge_removes_only_the_keys_created_before_the_cutoff() {
        StreamId oldStream = orderStream();
        StreamId youngStream = orderStream();
        IdempotencyRecord old = record("buyer-1", "old", oldStream, T0);
        IdempotencyRecord young = record("buyer-1", "young", youngStream, T0.plus(Duration.ofHours(2)));
        store.append(oldStream, 0, someEvents(1), old);
        store.append(youngStream, 0, someEvents(1), young);

        int purged = keys.purgeOlderThan(T0.plus(Duration.ofHours(1)));

        assertThat(purged).as(implementation()).isEqualTo(1);
        assertThat(keys.find("buyer-1", "old")).as(implementation()).isEmpty();
        assertThat(keys.find("buyer-1", "young")).as(implementation()).contains(young);
        assertThat(keys.purgeOlderThan(T0)).as(implementation()).isZero();
    }

    @Test
    void a_free_key_is_claimed_and_a_second_claim_is_answered_with_the_first() {
        IdempotencyRecord first = claim("buyer-1", "req-1", T0);

        assertThat(keys.claim(first)).as(implementation()).isEmpty();
        assertThat(keys.claim(claim("buyer-1", "req-1", T0.plusSeconds(1))))
                .as(implementation() + ": the claim of the request still in flight")
                .contains(first);
        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(first);
        assertThat(keys.claim(claim("buyer-2", "req-1", T0)))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void the_append_turns_its_claim_into_the_stored_outcome() {
        StreamId stream = orderStream();
        keys.claim(claim("buyer-1", "req-1", T0));
        IdempotencyRecord done = record("buyer-1", "req-1", stream, T0.plusSeconds(1));

        store.append(stream, 0, someEvents(1), done);

        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(done);
        assertThat(keys.claim(claim("buyer-1", "req-1", T0.plusSeconds(2))))
                .as(implementation() + ": a later claim is answered with the outcome")
                .contains(done);
    }

    @Test
    void an_outcome_is_stored_once_a_second_outcome_for_the_key_writes_nothing() {
        keys.claim(claim("buyer-1", "req-1", T0));
        StreamId stream = orderStream();
        IdempotencyRecord first = record("buyer-1", "req-1", stream, T0);
        store.append(stream, 0, someEvents(1), first);
        StreamId other = orderStream();

        assertThatThrownBy(() -> store.append(other, 0, someEvents(1), record("buyer-1", "req-1", other, T0)))
                .as(implementation())
                .isInstanceOf(IdempotencyKeyTaken.class);

        assertThat(store.load(other).events()).as(implementation()).isEmpty();
        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(first);
    }

    @Test
    void an_append_for_another_request_than_the_claimed_one_is_refused() {
        keys.claim(claim("buyer-1", "req-1", T0));
        StreamId stream = orderStream();
        var otherRequest = IdempotencyRecord.done("buyer-1", "req-1", "another hash", stream, 1, T0);

        assertThatThrownBy(() -> store.append(stream, 0, someEvents(1), otherRequest))
                .as(implementation())
                .isInstanceOf(IdempotencyKeyTaken.class);

        assertThat(store.load(stream).events()).as(implementation()).isEmpty();
    }

    @Test
    void a_released_claim_frees_the_key_and_a_release_never_removes_an_outcome() {
        IdempotencyRecord claimed = claim("buyer-1", "req-1", T0);
        keys.claim(claimed);

        keys.release(claimed);

        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).isEmpty();
        IdempotencyRecord again = claim("buyer-1", "req-1", T0.plusSeconds(1));
        assertThat(keys.claim(again)).as(implementation()).isEmpty();
        StreamId stream = orderStream();
        IdempotencyRecord done = record("buyer-1", "req-1", stream, T0.plusSeconds(2));
        store.append(stream, 0, someEvents(1), done);
        keys.release(again);
        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(done);
    }

    @Test
    void a_claim_that_ran_out_is_taken_over_and_its_late_release_leaves_the_new_claim() {
        IdempotencyRecord dead = claim("buyer-1", "req-1", T0);
        keys.claim(dead);
        Instant after = T0.plus(Duration.ofMinutes(5)); // the claim above holds for one minute

        IdempotencyRecord successor = claim("buyer-1", "req-1", after);
        assertThat(keys.claim(successor)).as(implementation()).isEmpty();
        keys.release(dead);

        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(successor);
    }

    @Test
    void a_claim_whose_owner_is_gone_can_be_taken_over_at_once_one_whose_owner_is_alive_cannot() {
        ClaimOwner first = otherProcesses.get();
        try (ClaimOwner second = otherProcesses.get()) {
            IdempotencyRecord claimed = claim("buyer-1", "req-1", T0);
            assertThat(first.keys().claim(claimed)).as(implementation()).isEmpty();

            assertThat(second.keys().claim(claim("buyer-1", "req-1", T0.plusSeconds(1))))
                    .as(implementation() + ": the claim of a live process holds for its whole lease")
                    .contains(claimed);
            assertThat(keys.claim(claim("buyer-1", "req-1", T0.plusSeconds(2))))
                    .as(implementation() + ": for every other process")
                    .contains(claimed);

            first.close();
            IdempotencyRecord successor = claim("buyer-1", "req-1", T0.plusSeconds(3));
            assertThat(second.keys().claim(successor))
                    .as(implementation() + ": the claim of a process that is gone, 3 s into its one-minute lease")
                    .isEmpty();
            assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(successor);
            assertThat(keys.claim(claim("buyer-1", "req-1", T0.plusSeconds(4))))
                    .as(implementation() + ": the new claim's process lives, so it holds")
                    .contains(successor);
        } finally {
            first.close();
        }
    }

    @Test
    void a_process_that_ended_claims_nothing_more_and_its_claims_are_taken_over_by_the_store_s_own_process() {
        ClaimOwner ended = otherProcesses.get();
        ended.keys().claim(claim("buyer-1", "req-1", T0));
        ended.close();

        assertThatThrownBy(() -> ended.keys().claim(claim("buyer-1", "req-2", T0)))
                .as(implementation())
                .isInstanceOf(IllegalStateException.class);
        assertThat(keys.find("buyer-1", "req-2")).as(implementation()).isEmpty();
        IdempotencyRecord successor = claim("buyer-1", "req-1", T0.plusSeconds(1));
        assertThat(keys.claim(successor)).as(implementation()).isEmpty();
        assertThat(keys.find("buyer-1", "req-1")).as(implementation()).contains(successor);
    }

    @Test
    void an_outcome_stays_when_the_process_that_stored_it_is_gone() {
        StreamId stream = orderStream();
        IdempotencyRecord done = record("buyer-1", "req-1", stream, T0.plusSeconds(1));
        try (ClaimOwner first = otherProcesses.get()) {
            first.keys().claim(claim("buyer-1", "req-1", T0));
            store.append(stream, 0, someEvents(1), done);
        }

        assertThat(keys.claim(claim("buyer-1", "req-1", T0.plusSeconds(2))))
                .as(implementation() + ": the outcome answers, it is never taken over")
                .contains(done);
    }

    @Test
    void purge_removes_old_claims_too() {
        keys.claim(claim("buyer-1", "old", T0));

        assertThat(keys.purgeOlderThan(T0.plus(Duration.ofHours(1))))
                .as(implementation())
                .isEqualTo(1);
        assertThat(keys.find("buyer-1", "old")).as(implementation()).isEmpty();
    }

    @Test
    void racing_claims_of_one_key_leave_exactly_one_holder() throws Exception {
        List<Object> answers = Racing.race(8, racer -> keys.claim(claim("buyer-1", "req-1", T0.plusMillis(racer))));

        assertThat(answers.stream().filter(answer -> answer instanceof java.util.Optional<?> held && held.isEmpty()))
                .as(implementation() + ": claims that were granted")
                .hasSize(1);
    }

    /** The claim of a request starting at {@code now}, held for one minute. */
    private static IdempotencyRecord claim(String scope, String key, Instant now) {
        return IdempotencyRecord.inFlight(scope, key, "hash-of-" + key, now, now.plus(Duration.ofMinutes(1)));
    }

    /** The outcome of a request whose append leaves {@code stream} at version 1. */
    private static IdempotencyRecord record(String scope, String key, StreamId stream, Instant createdAt) {
        return IdempotencyRecord.done(scope, key, "hash-of-" + key, stream, 1, createdAt);
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> uuids(Object result) {
        return (List<UUID>) result;
    }
}
