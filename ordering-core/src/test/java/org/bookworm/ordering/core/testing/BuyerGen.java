package org.bookworm.ordering.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.ordering.BuyerCommand;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;

/**
 * Generators for buyer profiles: random sequences of create, address update and delete for one buyer, with
 * addresses from a small pool so that "the same address again" happens often.
 */
public final class BuyerGen {
    private BuyerGen() {}

    public static final int MAX_COMMANDS = 30;

    private static final List<Address> ADDRESSES =
            List.of(OrderSamples.ADDRESS, OrderSamples.OTHER_ADDRESS, new Address("Calle Ñandú 7", "Kraków", "📚"));

    /** 1 to {@value #MAX_COMMANDS} commands for one buyer, one minute apart. */
    public static List<BuyerCommand> commands(SplittableRandom random) {
        BuyerSnapshot buyer = OrderGen.buyer(random);
        BuyerId id = buyer.id();
        int count = random.nextInt(1, MAX_COMMANDS + 1);
        var commands = new ArrayList<BuyerCommand>(count);
        for (int step = 0; step < count; step++) {
            Instant at = OrderSamples.T0.plusSeconds(60L * step);
            int roll = random.nextInt(10);
            commands.add(
                    roll < 3
                            ? new BuyerCommand.CreateBuyer(
                                    id, buyer.name(), buyer.email(), OrderGen.oneOf(random, ADDRESSES), at)
                            : roll < 8
                                    ? new BuyerCommand.UpdateBuyerAddress(id, OrderGen.oneOf(random, ADDRESSES), at)
                                    : new BuyerCommand.DeleteBuyer(id, at));
        }
        return List.copyOf(commands);
    }
}
