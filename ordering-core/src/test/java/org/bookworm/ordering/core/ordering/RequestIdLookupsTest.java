package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.testing.Shop.HOME;
import static org.bookworm.ordering.core.testing.Shop.alice;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** A request id is looked up once per command: its claim answers what holds it (issue 13, ADR 0027). */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RequestIdLookupsTest {
    private static final PersonName NAME = new PersonName("Alice Liddell");
    private static final EmailAddress EMAIL = new EmailAddress("alice@example.org");

    private final Shop shop = new Shop();
    private final CountingKeys keys = new CountingKeys(shop.ordering.events);
    private final BuyerService buyers = new BuyerService(new EventSourcedRunner.Stores(
            shop.ordering.events,
            shop.ordering.snapshots,
            keys,
            new UuidV7Generator(shop.clock, new Random(7)),
            shop.clock));

    @Test
    void a_command_with_a_request_id_looks_its_key_up_once() {
        keys.lookups.set(0);

        assertThat(buyers.create(alice, "req-1", NAME, EMAIL, HOME).isDone()).isTrue();

        assertThat(keys.lookups).hasValue(1);
    }

    @Test
    void a_refused_command_with_a_request_id_looks_its_key_up_once() {
        buyers.create(alice, "req-1", NAME, EMAIL, HOME);
        keys.lookups.set(0);

        Outcome<BuyerRejection> again = buyers.create(alice, "req-2", NAME, EMAIL, HOME);

        assertThat(again).isEqualTo(new Outcome.Refused<>(new BuyerRejection.BuyerAlreadyExists(Shop.ALICE)));
        assertThat(keys.lookups)
                .as("claims and finds of the refused request's key")
                .hasValue(1);
    }

    @Test
    void a_retry_is_answered_by_its_claim_alone() {
        Outcome<BuyerRejection> first = buyers.create(alice, "req-1", NAME, EMAIL, HOME);
        keys.lookups.set(0);

        assertThat(buyers.create(alice, "req-1", NAME, EMAIL, HOME)).isEqualTo(first);
        assertThat(keys.lookups).hasValue(1);
    }

    /** The in-memory keys, counting every look-up of a key (a claim answers what holds it, a find reads it). */
    private static final class CountingKeys implements IdempotencyKeys {
        private final IdempotencyKeys keys;
        private final AtomicInteger lookups = new AtomicInteger();

        private CountingKeys(IdempotencyKeys keys) {
            this.keys = keys;
        }

        @Override
        public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
            lookups.incrementAndGet();
            return keys.claim(claim);
        }

        @Override
        public void release(IdempotencyRecord claim) {
            keys.release(claim);
        }

        @Override
        public Optional<IdempotencyRecord> find(String scope, String key) {
            lookups.incrementAndGet();
            return keys.find(scope, key);
        }

        @Override
        public int purgeOlderThan(Instant cutoff) {
            return keys.purgeOlderThan(cutoff);
        }
    }
}
