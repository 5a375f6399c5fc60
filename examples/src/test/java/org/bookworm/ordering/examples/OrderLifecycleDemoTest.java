package org.bookworm.ordering.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OrderLifecycleDemoTest {

    @Test
    void the_demo_drives_orders_through_their_life_and_prints_each_step() {
        var bytes = new ByteArrayOutputStream();
        OrderLifecycleDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(output)
                .contains(
                        "Alice places an order: 2 x Dune at 12.50, 1 x Neuromancer at 9.99 -> Placed, total 34.99 USD")
                .contains("a retry with the same request id answers the same order: true")
                .contains("-> Confirmed, total 34.99 USD")
                .contains("Alice raises Dune to 3 before anything ships -> Confirmed, total 47.49 USD, shipped 0/4")
                .contains("The warehouse ships 2 x Dune -> PartiallyShipped, total 47.49 USD, shipped 2/4")
                .contains("The warehouse ships the rest -> Shipped, total 47.49 USD, shipped 4/4")
                .contains("Alice confirms delivery -> Completed")
                .contains("refused: Alice tries to cancel the completed order -> cannot cancel a Completed order")
                .contains("Alice cancels it before it ships -> Cancelled")
                .contains("Checkout fails: payment declined -> Failed")
                .contains("refused: Alice tries to delete it -> only an admin may delete an order")
                .contains("An admin soft-deletes the failed order -> hidden (deleted)")
                .contains("Bob looks for Alice's first order: not found")
                .contains("v6 ")
                .containsPattern("The first order as of .*: Confirmed, 34.99 USD, Dune x 2");
        assertThat(output.lines().filter(line -> line.matches("\\s+\\S+\\s+(Completed|Cancelled)\\s.*")))
                .as("the list shows both live orders and hides the deleted one")
                .hasSize(2);
    }
}
