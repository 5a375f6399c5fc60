package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.EmailOutbox.AdminRequest;
import org.bookworm.ordering.core.notification.EmailOutbox.Answer;
import org.bookworm.ordering.core.notification.EmailOutbox.Status;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every {@link EmailOutbox} promises. Subclasses hand out a fresh, empty outbox per test. */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class EmailOutboxContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LEASE = T0.plus(Duration.ofMinutes(2));

    /**
     * Another process's view of the same outbox (ADR 0039): its claims are its own and hold while it lives; {@code
     * end} ends it as its death would.
     */
    public record OtherProcess(EmailOutbox outbox, Runnable end) implements AutoCloseable {
        @Override
        public void close() {
            end.run();
        }
    }

    /**
     * The outbox under test, claiming in the name of the process that made it, and {@code otherProcesses}, which makes
     * another process on the same rows each time it is called (closed by the case that made it).
     */
    public record Fixture(EmailOutbox outbox, Supplier<OtherProcess> otherProcesses) {}

    /** Fresh and empty; creating or truncating is the implementation's job. */
    protected abstract Fixture emptyOutbox();

    private EmailOutbox outbox;
    private Supplier<OtherProcess> otherProcesses;

    @BeforeEach
    final void createOutbox() {
        Fixture fixture = emptyOutbox();
        outbox = fixture.outbox();
        otherProcesses = fixture.otherProcesses();
    }

    private String impl() {
        return outbox.getClass().getSimpleName();
    }

    /** A sample e-mail of {@code kind} about {@code order}, to Ada; other outbox tests queue it too. */
    public static Email email(OrderId order, EmailKind kind) {
        return new Email(
                order,
                kind,
                new EmailAddress("ada@example.com"),
                "Ada",
                kind.subject(),
                "Hello Ada",
                "<p>Hello <b>Ada</b></p>");
    }

    private static AdminRequest request(String key, String hash) {
        return request(key, hash, T0);
    }

    private static AdminRequest request(String key, String hash, Instant at) {
        return new AdminRequest("0192f0c8-0000-7000-8000-00000000ad01", key, hash, at);
    }

    private Email queued(UUID id, Instant at) {
        Email email = email(new OrderId(UUID.randomUUID()), EmailKind.CONFIRMED);
        outbox.enqueue(id, email, at);
        return email;
    }

    private Status statusOf(Email email) {
        return outbox.find(email.order(), email.kind()).orElseThrow().status();
    }

    @Test
    void one_row_per_order_and_kind_stored_whole() {
        OrderId order = new OrderId(UUID.randomUUID());
        UUID id = UUID.randomUUID();

        assertThat(outbox.enqueue(id, email(order, EmailKind.CONFIRMED), T0))
                .as(impl())
                .isTrue();
        assertThat(outbox.enqueue(UUID.randomUUID(), email(order, EmailKind.CONFIRMED), T0))
                .as(impl())
                .isFalse();
        assertThat(outbox.enqueue(UUID.randomUUID(), email(order, EmailKind.SHIPPED), T0))
                .as(impl())
                .isTrue();

        var row = outbox.find(order, EmailKind.CONFIRMED).orElseThrow();
        assertThat(row)
                .as(impl())
                .isEqualTo(new EmailOutbox.Row(
                        id, email(order, EmailKind.CONFIRMED), Status.PENDING, 0, T0, T0, T0, null, null, null));
    }

    @Test
    void an_email_without_an_address_is_recorded_as_unsendable_and_never_claimed() {
        OrderId order = new OrderId(UUID.randomUUID());
        var noAddress = new Email(order, EmailKind.FAILED, null, "Customer", "Subject", "text", "<p>html</p>");

        assertThat(outbox.enqueue(UUID.randomUUID(), noAddress, T0)).as(impl()).isTrue();

        var row = outbox.find(order, EmailKind.FAILED).orElseThrow();
        assertThat(row.status()).as(impl()).isEqualTo(Status.UNSENDABLE);
        assertThat(row.email()).as(impl()).isEqualTo(noAddress);
        assertThat(row.lastError()).as(impl()).isEqualTo("the buyer has no e-mail address");
        assertThat(outbox.claimNext(T0.plus(Duration.ofDays(1)), LEASE.plus(Duration.ofDays(1))))
                .as(impl())
                .isEmpty();
        assertThat(outbox.requeueFailed(request("r-1", "h"), List.of()).count())
                .as(impl())
                .isZero();
    }

    @Test
    void the_row_due_longest_ago_is_claimed_first_and_only_once_until_its_lease_ends() {
        UUID later = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        queued(later, T0.plusSeconds(2));
        queued(earlier, T0.plusSeconds(1));

        assertThat(outbox.claimNext(T0, LEASE)).as(impl()).isEmpty();
        var first = outbox.claimNext(T0.plusSeconds(5), LEASE).orElseThrow();
        assertThat(first.id()).as(impl()).isEqualTo(earlier);
        assertThat(first.claimedUntil()).as(impl()).isEqualTo(LEASE);
        assertThat(outbox.claimNext(T0.plusSeconds(5), LEASE).map(EmailOutbox.Row::id))
                .as(impl())
                .contains(later);
        assertThat(outbox.claimNext(T0.plusSeconds(6), LEASE)).as(impl()).isEmpty();

        // a deliverer that died holding them: both are due again when the lease is over, with no attempt counted
        var again = outbox.claimNext(LEASE, LEASE.plusSeconds(120)).orElseThrow();
        assertThat(again.id()).as(impl()).isEqualTo(earlier);
        assertThat(again.attempts()).as(impl()).isZero();
    }

    @Test
    void racing_deliverers_never_claim_the_same_row() throws Exception {
        for (int i = 0; i < 10; i++) {
            queued(UUID.randomUUID(), T0);
        }
        var executor = Executors.newFixedThreadPool(4);
        try {
            var start = new CyclicBarrier(4);
            var claims = new ArrayList<CompletableFuture<List<UUID>>>();
            for (int deliverer = 0; deliverer < 4; deliverer++) {
                claims.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            var mine = new ArrayList<UUID>();
                            for (Optional<EmailOutbox.Row> row = outbox.claimNext(T0, LEASE);
                                    row.isPresent();
                                    row = outbox.claimNext(T0, LEASE)) {
                                mine.add(row.get().id());
                            }
                            return mine;
                        },
                        executor));
            }
            var all = claims.stream().flatMap(claim -> claim.join().stream()).toList();
            assertThat(all).as(impl()).hasSize(10).doesNotHaveDuplicates();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void a_batch_claim_takes_the_due_rows_longest_due_first_up_to_its_limit() {
        var due = new ArrayList<UUID>();
        for (int i = 1; i <= 5; i++) {
            UUID id = UUID.randomUUID();
            queued(id, T0.plusSeconds(6 - i)); // queued latest due first: the claim orders them
            due.addFirst(id);
        }
        queued(UUID.randomUUID(), T0.plusSeconds(60)); // not due yet

        var first = outbox.claimDue(T0.plusSeconds(10), LEASE, 3);
        assertThat(first).as(impl()).extracting(EmailOutbox.Row::id).containsExactlyElementsOf(due.subList(0, 3));
        assertThat(first).as(impl()).extracting(EmailOutbox.Row::claimedUntil).containsOnly(LEASE);
        assertThat(outbox.claimDue(T0.plusSeconds(10), LEASE, 16))
                .as(impl())
                .extracting(EmailOutbox.Row::id)
                .containsExactlyElementsOf(due.subList(3, 5));
        assertThat(outbox.claimDue(T0.plusSeconds(10), LEASE, 16)).as(impl()).isEmpty();
        assertThatThrownBy(() -> outbox.claimDue(T0.plusSeconds(10), LEASE, 0))
                .as(impl())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void racing_batch_claimers_of_two_processes_never_get_the_same_row() throws Exception {
        for (int i = 0; i < 40; i++) {
            queued(UUID.randomUUID(), T0);
        }
        var executor = Executors.newFixedThreadPool(4);
        try (OtherProcess other = otherProcesses.get()) {
            var start = new CyclicBarrier(4);
            var claims = new ArrayList<CompletableFuture<List<UUID>>>();
            for (int deliverer = 0; deliverer < 4; deliverer++) {
                EmailOutbox claimer = deliverer % 2 == 0 ? outbox : other.outbox();
                claims.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            var mine = new ArrayList<UUID>();
                            for (List<EmailOutbox.Row> rows = claimer.claimDue(T0, LEASE, 3);
                                    !rows.isEmpty();
                                    rows = claimer.claimDue(T0, LEASE, 3)) {
                                rows.forEach(row -> mine.add(row.id()));
                            }
                            return mine;
                        },
                        executor));
            }
            var all = claims.stream().flatMap(claim -> claim.join().stream()).toList();
            assertThat(all).as(impl()).hasSize(40).doesNotHaveDuplicates();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void a_claim_given_back_unattempted_is_due_at_once_and_only_its_owner_gives_it_back() {
        UUID earlier = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        Email sent = queued(earlier, T0);
        queued(later, T0.plusSeconds(1));
        assertThat(outbox.claimDue(T0.plusSeconds(2), LEASE, 2)).as(impl()).hasSize(2);

        outbox.unclaim(List.of(later));

        var again = outbox.claimDue(T0.plusSeconds(3), LEASE.plusSeconds(3), 2);
        assertThat(again).as(impl()).extracting(EmailOutbox.Row::id).containsExactly(later);
        assertThat(again.get(0).attempts()).as(impl()).isZero();
        try (OtherProcess other = otherProcesses.get()) {
            other.outbox().unclaim(List.of(earlier, later)); // not its claims: both stay this process's
            assertThat(other.outbox().claimDue(T0.plusSeconds(4), LEASE, 2))
                    .as(impl())
                    .isEmpty();
        }
        outbox.markSent(earlier, T0.plusSeconds(5));
        outbox.unclaim(List.of(earlier)); // sent: nothing to give back
        assertThat(statusOf(sent)).as(impl()).isEqualTo(Status.SENT);
    }

    @Test
    void a_sent_row_is_never_claimed_again_and_is_purged_after_the_cutoff() {
        UUID id = UUID.randomUUID();
        Email email = queued(id, T0);
        outbox.claimNext(T0, LEASE);

        outbox.markSent(id, T0.plusSeconds(1));

        var row = outbox.find(email.order(), email.kind()).orElseThrow();
        assertThat(row.status()).as(impl()).isEqualTo(Status.SENT);
        assertThat(row.sentAt()).as(impl()).isEqualTo(T0.plusSeconds(1));
        assertThat(row.attempts()).as(impl()).isEqualTo(1);
        assertThat(row.claimedUntil()).as(impl()).isNull();
        assertThat(outbox.claimNext(T0.plus(Duration.ofDays(1)), LEASE.plus(Duration.ofDays(1))))
                .as(impl())
                .isEmpty();
        assertThat(outbox.purgeBefore(T0.plusSeconds(1))).as(impl()).isZero();
        assertThat(outbox.purgeBefore(T0.plusSeconds(2))).as(impl()).isEqualTo(1);
        assertThat(outbox.find(email.order(), email.kind())).as(impl()).isEmpty();
    }

    @Test
    void a_failed_attempt_is_counted_ends_the_claim_and_waits_for_its_retry_time() {
        UUID id = UUID.randomUUID();
        Email email = queued(id, T0);
        outbox.claimNext(T0, LEASE);

        outbox.markFailed(id, "421 try later", T0.plusSeconds(60));

        var row = outbox.find(email.order(), email.kind()).orElseThrow();
        assertThat(row.attempts()).as(impl()).isEqualTo(1);
        assertThat(row.lastError()).as(impl()).isEqualTo("421 try later");
        assertThat(row.claimedUntil()).as(impl()).isNull();
        assertThat(outbox.claimNext(T0.plusSeconds(59), LEASE)).as(impl()).isEmpty();
        assertThat(outbox.claimNext(T0.plusSeconds(60), LEASE)).as(impl()).isPresent();

        outbox.markFailed(id, "550 no such user", null);
        assertThat(statusOf(email)).as(impl()).isEqualTo(Status.DEAD);
        assertThat(outbox.claimNext(T0.plus(Duration.ofDays(1)), LEASE.plus(Duration.ofDays(1))))
                .as(impl())
                .isEmpty();
    }

    @Test
    void requeueing_makes_every_failed_row_due_at_once_keeping_its_attempts() {
        UUID dead = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        Email deadEmail = queued(dead, T0);
        Email waitingEmail = queued(waiting, T0);
        queued(fine, T0.plus(Duration.ofHours(1)));
        outbox.markFailed(dead, "550", null);
        outbox.markFailed(waiting, "421", T0.plus(Duration.ofHours(2)));
        Instant now = T0.plusSeconds(30);

        Answer answer = outbox.requeueFailed(request("r-1", "hash-1", now), List.of());

        assertThat(answer).as(impl()).isEqualTo(new Answer("hash-1", 2));
        for (Email email : List.of(deadEmail, waitingEmail)) {
            var row = outbox.find(email.order(), email.kind()).orElseThrow();
            assertThat(row.status()).as(impl()).isEqualTo(Status.PENDING);
            assertThat(row.attempts()).as(impl()).isEqualTo(1);
            assertThat(row.nextAttemptAt()).as(impl()).isEqualTo(now);
            assertThat(row.retryingSince()).as(impl()).isEqualTo(now);
        }
        assertThat(outbox.claimNext(now, now.plusSeconds(120))).as(impl()).isPresent();
    }

    @Test
    void requeueing_named_rows_leaves_the_others_alone() {
        UUID named = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        queued(named, T0);
        Email otherEmail = queued(other, T0);
        outbox.markFailed(named, "550", null);
        outbox.markFailed(other, "550", null);

        assertThat(outbox.requeueFailed(request("r-1", "h"), List.of(named, UUID.randomUUID()))
                        .count())
                .as(impl())
                .isEqualTo(1);
        assertThat(statusOf(otherEmail)).as(impl()).isEqualTo(Status.DEAD);
    }

    @Test
    void an_admin_request_repeated_answers_the_first_answer_and_changes_nothing() {
        UUID id = UUID.randomUUID();
        Email email = queued(id, T0);
        outbox.markFailed(id, "550", null);
        assertThat(outbox.requeueFailed(request("r-1", "h"), List.of()).count())
                .as(impl())
                .isEqualTo(1);
        outbox.markFailed(id, "550 again", null);

        assertThat(outbox.requeueFailed(request("r-1", "h", T0.plusSeconds(5)), List.of()))
                .as(impl())
                .isEqualTo(new Answer("h", 1));
        assertThat(statusOf(email)).as(impl()).isEqualTo(Status.DEAD);
        assertThat(outbox.requeueFailed(request("r-1", "other"), List.of()).requestHash())
                .as("the stored hash lets the caller see a different request: " + impl())
                .isEqualTo("h");
        assertThat(outbox.requeueFailed(request("r-2", "h"), List.of()).count())
                .as(impl())
                .isEqualTo(1);
    }

    @Test
    void racing_admin_requests_with_one_key_all_get_the_first_answer() throws Exception {
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            queued(id, T0);
            outbox.markFailed(id, "550", null);
        }
        var executor = Executors.newFixedThreadPool(4);
        try {
            var start = new CyclicBarrier(4);
            var answers = new ArrayList<CompletableFuture<Answer>>();
            for (int call = 0; call < 4; call++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return outbox.requeueFailed(request("same", "h"), List.of());
                        },
                        executor));
            }
            assertThat(answers.stream().map(CompletableFuture::join)).as(impl()).containsOnly(new Answer("h", 5));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void purging_deletes_sent_and_unsendable_rows_finished_before_the_cutoff_never_failed_ones() {
        UUID sent = UUID.randomUUID();
        UUID dead = UUID.randomUUID();
        queued(sent, T0);
        Email deadEmail = queued(dead, T0);
        outbox.markSent(sent, T0);
        outbox.markFailed(dead, "550", null);
        var noAddress = new Email(new OrderId(UUID.randomUUID()), EmailKind.FAILED, null, "C", "S", "t", "<p>h</p>");
        outbox.enqueue(UUID.randomUUID(), noAddress, T0);

        assertThat(outbox.purgeBefore(request("p-1", "h", T0.plus(Duration.ofHours(2))), T0.plusSeconds(1)))
                .as(impl())
                .isEqualTo(new Answer("h", 2));
        assertThat(outbox.purgeBefore(request("p-1", "h", T0.plus(Duration.ofHours(2))), T0.plusSeconds(1))
                        .count())
                .as(impl())
                .isEqualTo(2);
        assertThat(statusOf(deadEmail)).as(impl()).isEqualTo(Status.DEAD);
        assertThat(outbox.find(noAddress.order(), noAddress.kind())).as(impl()).isEmpty();
    }

    @Test
    void only_a_pending_row_takes_sent_and_failed_marks() {
        UUID sent = UUID.randomUUID();
        UUID dead = UUID.randomUUID();
        Email sentEmail = queued(sent, T0);
        Email deadEmail = queued(dead, T0);
        outbox.markSent(sent, T0);
        outbox.markFailed(dead, "550", null);

        outbox.markFailed(sent, "late failure", T0.plusSeconds(60));
        outbox.markSent(dead, T0.plusSeconds(1));
        outbox.markSent(UUID.randomUUID(), T0);

        assertThat(statusOf(sentEmail)).as(impl()).isEqualTo(Status.SENT);
        assertThat(statusOf(deadEmail)).as(impl()).isEqualTo(Status.DEAD);
        assertThat(outbox.requeueFailed(request("r-1", "h"), List.of()).count())
                .as(impl())
                .isEqualTo(1);
    }

    @Test
    void a_claim_whose_process_is_gone_is_taken_over_at_once_one_whose_process_lives_is_not() {
        UUID id = UUID.randomUUID();
        queued(id, T0);
        OtherProcess first = otherProcesses.get();
        try (OtherProcess second = otherProcesses.get()) {
            assertThat(first.outbox().claimNext(T0, LEASE)).as(impl()).isPresent();

            assertThat(second.outbox().claimNext(T0.plusSeconds(1), LEASE.plusSeconds(1)))
                    .as(impl() + ": the claim of a live process holds for its whole lease")
                    .isEmpty();
            assertThat(outbox.claimNext(T0.plusSeconds(2), LEASE.plusSeconds(2)))
                    .as(impl() + ": for every other process")
                    .isEmpty();

            first.close();
            var taken = second.outbox().claimNext(T0.plusSeconds(3), LEASE.plusSeconds(3));
            assertThat(taken.map(EmailOutbox.Row::id))
                    .as(impl() + ": the claim of a process that is gone, 3 s into its two-minute lease")
                    .contains(id);
            assertThat(taken.orElseThrow().claimedUntil()).as(impl()).isEqualTo(LEASE.plusSeconds(3));
            assertThat(taken.orElseThrow().attempts())
                    .as(impl() + ": no attempt is counted for the dead one")
                    .isZero();
            assertThat(outbox.claimNext(T0.plusSeconds(4), LEASE.plusSeconds(4)))
                    .as(impl() + ": the new claim's process lives, so it holds")
                    .isEmpty();
        } finally {
            first.close();
        }
    }

    @Test
    void a_process_that_ended_claims_nothing_more_and_its_claim_goes_to_the_outbox_s_own_process() {
        UUID id = UUID.randomUUID();
        queued(id, T0);
        OtherProcess ended = otherProcesses.get();
        ended.outbox().claimNext(T0, LEASE);
        ended.close();

        assertThatThrownBy(() -> ended.outbox().claimNext(T0.plusSeconds(1), LEASE))
                .as(impl())
                .isInstanceOf(IllegalStateException.class);
        assertThat(outbox.claimNext(T0.plusSeconds(1), LEASE).map(EmailOutbox.Row::id))
                .as(impl())
                .contains(id);
    }

    @Test
    void a_sender_whose_claim_was_taken_over_records_no_failure_and_no_second_sent_mark() {
        UUID id = UUID.randomUUID();
        Email email = queued(id, T0);
        OtherProcess lost = otherProcesses.get();
        try (OtherProcess successor = otherProcesses.get()) {
            lost.outbox().claimNext(T0, LEASE);
            lost.close(); // its lock is gone while its send is still under way
            successor.outbox().claimNext(T0.plusSeconds(1), LEASE.plusSeconds(1));

            lost.outbox().markFailed(id, "550 late", null);
            var held = outbox.find(email.order(), email.kind()).orElseThrow();
            assertThat(held.status())
                    .as(impl() + ": the failure of a claim that was taken over is not recorded")
                    .isEqualTo(Status.PENDING);
            assertThat(held.attempts()).as(impl()).isZero();
            assertThat(held.claimedUntil())
                    .as(impl() + ": nor does it end the successor's claim")
                    .isEqualTo(LEASE.plusSeconds(1));

            successor.outbox().markSent(id, T0.plusSeconds(2));
            lost.outbox().markSent(id, T0.plusSeconds(3));

            var row = outbox.find(email.order(), email.kind()).orElseThrow();
            assertThat(row.status()).as(impl()).isEqualTo(Status.SENT);
            assertThat(row.attempts()).as(impl() + ": one sent mark counts").isEqualTo(1);
            assertThat(row.sentAt()).as(impl()).isEqualTo(T0.plusSeconds(2));
            assertThat(row.lastError()).as(impl()).isNull();
            assertThat(row.claimedUntil()).as(impl()).isNull();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
    }
}
