package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class PgTest {

    @Test
    void a_database_url_keeps_the_admin_urls_host_and_parameters() {
        assertThat(Pg.urlOf(Pg.DEFAULT_URL, "bench_1_raw"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/bench_1_raw?user=postgres");
    }

    @Test
    void a_database_name_that_is_not_a_plain_identifier_is_refused_before_any_sql() {
        assertThatThrownBy(() -> Pg.createDatabase(Pg.DEFAULT_URL, "x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a safe identifier");
    }
}
