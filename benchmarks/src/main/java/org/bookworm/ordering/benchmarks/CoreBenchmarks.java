package org.bookworm.ordering.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutCommand;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.CheckoutSaga;
import org.bookworm.ordering.core.finance.CheckoutState;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderCommand;
import org.bookworm.ordering.core.ordering.OrderDecider;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.bookworm.ordering.core.ordering.OrderProjection;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;
import org.bookworm.ordering.core.ordering.OrderView;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure core under JMH: folding an order stream of 10 and 1,000 events, deciding a command, money maths, the
 * read-model fold, one checkout saga from request to confirmation, and the JSON encoding the raw floor and Axon
 * share. Run with {@code java -jar benchmarks/target/benchmarks.jar CoreBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CoreBenchmarks {
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");
    private static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    private static final Metadata METADATA = new Metadata("bench", List.of(), new UUID(7, 7), null, null);

    private final OrderDecider orders = new OrderDecider();
    private final CheckoutSaga checkout = new CheckoutSaga();
    private final UUID stream = UUID.fromString("0192f0c8-0000-7000-8000-0000000000f0");
    private final OrderId order = new OrderId(stream);
    private List<OrderEvent> tenEvents = List.of();
    private List<OrderEvent> thousandEvents = List.of();
    private List<RecordedEvent> tenRecorded = List.of();
    private OrderState placedTenTimes = new OrderState.None();
    private List<OrderLine> lines = List.of();
    private OrderCommand.ModifyOrder modify =
            new OrderCommand.ModifyOrder(order, new Modification.ChangeQuantity(DUNE, Quantity.of(5)), AT);
    private List<CheckoutCommand> checkoutCommands = List.of();
    private byte[] encodedModified = new byte[0];

    @Setup
    public void prepare() {
        tenEvents = OrderStreams.events(stream, 0, 10, AT);
        thousandEvents = OrderStreams.events(stream, 0, 1_000, AT);
        var recorded = new ArrayList<RecordedEvent>();
        for (int i = 0; i < tenEvents.size(); i++) {
            recorded.add(new RecordedEvent(
                    new LogPosition(1, i + 1),
                    StreamId.of(OrderService.STREAM, stream),
                    i + 1,
                    new UUID(1, i + 1),
                    tenEvents.get(i),
                    METADATA,
                    AT));
        }
        tenRecorded = List.copyOf(recorded);
        placedTenTimes = orders.fold(tenEvents);
        lines = OrderStreams.lines(3);
        encodedModified = Json.encode(tenEvents.get(1));
        checkoutCommands = List.of(
                new CheckoutCommand.RequestCheckout(
                        order,
                        new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000a1")),
                        PaymentMethod.APPROVE,
                        CheckoutTimeouts.DEFAULT,
                        AT),
                new CheckoutCommand.StartCheckout(
                        order,
                        List.of(new LineQuantity(DUNE, Quantity.of(3))),
                        OrderStreams.total(lines),
                        CheckoutTimeouts.DEFAULT,
                        AT),
                new CheckoutCommand.RecordReservation(order, List.of(), CheckoutTimeouts.DEFAULT, AT),
                new CheckoutCommand.RecordApproval(order, 1, AT));
    }

    @Benchmark
    public OrderState fold_10_events() {
        return orders.fold(tenEvents);
    }

    @Benchmark
    public OrderState fold_1000_events() {
        return orders.fold(thousandEvents);
    }

    @Benchmark
    public Decision<OrderEvent, OrderRejection> decide_modify_on_a_10_event_order() {
        return orders.decide(modify, placedTenTimes);
    }

    @Benchmark
    public OrderState load_fold_and_decide_10_events() {
        OrderState state = orders.fold(tenEvents);
        return orders.fold(state, orders.decide(modify, state).events());
    }

    @Benchmark
    public Money money_total_of_two_lines_and_parse() {
        return OrderStreams.total(lines).plus(Money.of("12.50", "USD")).times(3);
    }

    @Benchmark
    public @Nullable OrderView projection_fold_10_events() {
        return OrderProjection.fold(tenRecorded);
    }

    @Benchmark
    public CheckoutState checkout_saga_request_to_confirmation() {
        CheckoutState state = checkout.initialState();
        for (CheckoutCommand command : checkoutCommands) {
            for (CheckoutEvent event : checkout.decide(command, state).events()) {
                state = checkout.evolve(state, event);
            }
        }
        return state;
    }

    @Benchmark
    public byte[] json_encode_order_modified() {
        return Json.encode(tenEvents.get(1));
    }

    @Benchmark
    public OrderEvent json_decode_order_modified() {
        return Json.decode("OrderModified", encodedModified);
    }
}
