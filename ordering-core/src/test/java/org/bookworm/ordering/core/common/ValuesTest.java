package org.bookworm.ordering.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quantities, free text, e-mail addresses and identifiers: bad input gets a clear error, good input is kept as is. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ValuesTest {

    @Nested
    class Quantities {
        @ParameterizedTest
        @ValueSource(ints = {0, -1, 100, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void outside_one_to_ninety_nine_is_refused(int value) {
            assertThatThrownBy(() -> Quantity.of(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a quantity is between 1 and 99, not " + value);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 98, 99})
        void one_to_ninety_nine_is_a_quantity(int value) {
            assertThat(Quantity.of(value).value()).isEqualTo(value);
        }
    }

    @Nested
    class Free_text {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Ada\u0000Lovelace",
                    "Ada\rLovelace",
                    "Ada\nLovelace",
                    "Ada\r\nBcc: evil@example.org",
                    "Ada\tLovelace",
                    "Ada \u202Eecalevol",
                    "Ada\u200BLovelace",
                    "Ada\uFEFF",
                    "Ada\u2066x"
                })
        void control_and_invisible_characters_are_refused(String text) {
            assertThatThrownBy(() -> new PersonName(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("name contains the invisible or control character U+");
        }

        @Test
        void the_refused_character_is_named() {
            assertThatThrownBy(() -> new PersonName("a\u202Eb")).hasMessageEndingWith("U+202E");
            assertThatThrownBy(() -> new PersonName("a\u200Bb")).hasMessageEndingWith("U+200B");
            assertThatThrownBy(() -> new PersonName("a\u0000b")).hasMessageEndingWith("U+0000");
        }

        @Test
        void a_lone_surrogate_is_refused() {
            assertThatThrownBy(() -> new PersonName("a\uD83Db")).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "   ", "\u2003"})
        void blank_text_is_required(String text) {
            assertThatThrownBy(() -> new PersonName(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name is required");
        }

        @Test
        void emoji_accents_and_other_scripts_are_kept_byte_for_byte() {
            for (String text : new String[] {
                "Zoë Ó Briain", "José 📚", "李白", "Ngũgĩ wa Thiong'o", "e\u0301 (combining, not normalised)", " spaced "
            }) {
                var name = new PersonName(text);
                assertThat(name.value()).isEqualTo(text);
                assertThat(name.value().getBytes(StandardCharsets.UTF_8))
                        .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(new Address("📚 Lane 4", "Kraków", "Małopolska").oneLine())
                    .isEqualTo("📚 Lane 4, Kraków, Małopolska");
        }

        @Test
        void the_length_cap_counts_characters_not_utf16_units() {
            assertThat(new PersonName("a".repeat(200)).value()).hasSize(200);
            assertThatThrownBy(() -> new PersonName("a".repeat(201)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name is longer than 200 characters");
            // 200 emoji are 400 UTF-16 units and still 200 characters
            assertThat(new PersonName("📚".repeat(200)).value()).hasSize(400);
            assertThatThrownBy(() -> new PersonName("📚".repeat(201))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new BookTitle("t".repeat(301)))
                    .hasMessage("book title is longer than 300 characters");
            assertThatThrownBy(() -> new Address("s".repeat(201), "c", "p"))
                    .hasMessage("street is longer than 200 characters");
        }

        @Test
        void an_anonymous_buyer_is_greeted_as_customer() {
            assertThat(PersonName.ANONYMOUS.greeting()).isEqualTo("Customer");
            assertThat(new PersonName("Ada").greeting()).isEqualTo("Ada");
        }
    }

    @Nested
    class Email_addresses {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "ada@example.org\r\nBcc: everyone@example.org",
                    "ada@example.org\nBcc: everyone@example.org",
                    "ada@example.org\r",
                    "ada@example.org\u0000",
                    "ada example@example.org",
                    "ada",
                    "ada@",
                    "@example.org",
                    "ada@@example.org",
                    "ada@exa@mple.org",
                    "ada@localhost",
                    "ada@example.",
                    "ada@.org"
                })
        void malformed_or_header_injecting_addresses_are_refused(String text) {
            assertThatThrownBy(() -> new EmailAddress(text)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_good_address_is_kept_as_given() {
            assertThat(new EmailAddress("Ada.Lovelace+books@mail.example.org").value())
                    .isEqualTo("Ada.Lovelace+books@mail.example.org");
            assertThat(new EmailAddress("zoë@exämple.org").value()).isEqualTo("zoë@exämple.org");
        }

        @Test
        void an_address_longer_than_254_characters_is_refused() {
            String local = "a".repeat(64);
            String longDomain = "b".repeat(200) + ".org";
            assertThatThrownBy(() -> new EmailAddress(local + "@" + longDomain))
                    .hasMessage("e-mail address is longer than 254 characters");
            assertThatThrownBy(() -> new EmailAddress("a".repeat(65) + "@example.org"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Identifiers {
        @Test
        void the_nil_uuid_is_refused() {
            assertThatThrownBy(() -> BookId.parse("00000000-0000-0000-0000-000000000000"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("book id cannot be the nil UUID");
            assertThatThrownBy(() -> new BuyerId(new UUID(0, 0))).hasMessage("buyer id cannot be the nil UUID");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"", "not-a-uuid", "42", "0192f0c8-3c4b-7d8e-9f00-11223344556", "{0192f0c8-3c4b-7d8e-9f00}"})
        void text_that_is_not_a_uuid_is_refused(String text) {
            assertThatThrownBy(() -> BuyerId.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("buyer id must be a UUID like");
        }

        @Test
        void a_36_character_non_uuid_is_refused_and_quoted() {
            assertThatThrownBy(() -> BookId.parse("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("book id 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz' is not a UUID");
        }

        @Test
        void a_ten_kilobyte_string_is_refused_without_echoing_it() {
            String huge = "0192f0c8-".repeat(1_200);
            assertThat(huge.length()).isGreaterThan(10_000);
            assertThatThrownBy(() -> BookId.parse(huge))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(error -> assertThat(error.getMessage()).hasSizeLessThan(100));
        }

        @Test
        void null_is_refused() {
            assertThatThrownBy(() -> BookId.parse(null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new BookId(null)).hasMessage("book id is required");
        }

        @Test
        void a_canonical_uuid_round_trips() {
            String text = "0192f0c8-3c4b-7d8e-9f00-112233445566";
            assertThat(BookId.parse(text)).hasToString(text);
            assertThat(BuyerId.parse(text).value()).isEqualTo(UUID.fromString(text));
        }

        @Test
        void uuids_compare_as_unsigned_bytes_like_postgresql() {
            UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
            UUID high = UUID.fromString("ffffffff-0000-0000-0000-000000000001");
            assertThat(Ids.compare(low, high)).isNegative();
            assertThat(low.compareTo(high)).isPositive(); // java.util.UUID compares signed: the trap Ids avoids
        }
    }
}
