package org.bookworm.ordering.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckoutDemoTest {

    @Test
    void the_demo_prints_a_successful_checkout_and_failed_ones() {
        var bytes = new ByteArrayOutputStream();
        CheckoutDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(output)
                .contains("Alice's basket: 2 x Dune, 1 x Emma, priced at 40.00 USD")
                .contains("checkout | CheckoutConfirmed")
                .contains("order Confirmed; stock left: Dune 3, Emma 0; basket now holds 0 lines")
                .contains("order Completed; payment authorized 40.00 USD, captured 40.00 USD, voided 0.00 USD")
                .contains("e-mail to alice@example.com: BookWorm: Your Order Has Been Received Successfully")
                .contains("e-mail to alice@example.com: BookWorm: Your Order Has Been Completed")
                .contains("checkout | ReservationFailed")
                .contains("order Failed; stock of Dune still 3; nothing charged: true; Alice keeps her basket: 1 line")
                .contains("checkout | PaymentRefused")
                .contains("e-mail to alice@example.com: BookWorm: We Could Not Complete Your Order")
                .contains("refused: basket already checked out by order")
                .contains("after three attempts the order is Failed (checkout did not finish in time)");
    }
}
