package org.bookworm.ordering.archfixture.widget;

import java.util.Random;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.StreamId;

/** Reads randomness, touches a port and a test framework from a domain package: rule violations on purpose. */
final class WidgetDecider {
    int roll() {
        return new Random().nextInt(6);
    }

    UUID id() {
        return UUID.randomUUID();
    }

    StreamId stream() {
        return StreamId.parse("order-0192f0c8-3c4b-7d8e-9f00-000000000001");
    }

    Class<?> framework() {
        return org.junit.jupiter.api.Assertions.class;
    }

    void shout() {
        System.out.println("domain code never prints");
        throw new RuntimeException("nor throws generic exceptions");
    }
}
