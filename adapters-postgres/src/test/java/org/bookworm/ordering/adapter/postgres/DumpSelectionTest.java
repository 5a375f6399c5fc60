package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A dump's range is refused when it is empty whatever the log holds, and only then. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DumpSelectionTest {

    @ParameterizedTest
    @CsvSource({
        "8, 4",
        "8, 8",
        "2026-11-25T00:00:00Z, 2026-11-24T00:00:00Z",
        "2026-11-25T00:00:00Z, 2026-11-25T00:00:00Z"
    })
    void a_range_whose_end_is_not_after_its_start_is_refused_naming_both(String since, String until) {
        assertThatThrownBy(() -> selection(since, until))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--until " + until + " is not after --since " + since);
    }

    @ParameterizedTest
    @CsvSource({
        "4, 5",
        "2026-11-24T00:00:00Z, 2026-11-24T00:00:00.000001Z",
        // a position and an instant are not compared: position 9 may well have been recorded before the instant
        "9, 2026-01-01T00:00:00Z",
        "2999-01-01T00:00:00Z, 1"
    })
    void a_range_that_can_hold_events_is_kept(String since, String until) {
        var selection = selection(since, until);
        assertThat(selection.since()).isEqualTo(DumpSelection.bound(since));
        assertThat(selection.until()).isEqualTo(DumpSelection.bound(until));
    }

    private static DumpSelection selection(String since, String until) {
        return new DumpSelection(null, null, List.of(), DumpSelection.bound(since), DumpSelection.bound(until));
    }
}
