package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {

    @Test
    void thePasswordNeverAppearsInTheRenderedConfig() {
        var config = new PostgresConfig(
                "jdbc:postgresql://db:5432/orders?user=app&password=s3cret-in-url", "app", "s3cret", 8);
        assertThat(config.toString())
                .doesNotContain("s3cret")
                .contains("password=***")
                .contains("poolSize=8");
    }

    @Test
    void theDefaultPoolHasRoomForTheCallsAndTheReactorsLanes() {
        // 16 call threads and three reactors' lanes share it; 8 made calls wait for connections under load
        assertThat(PostgresConfig.fromEnv(Map.of()).poolSize()).isEqualTo(16);
    }

    @Test
    void badSettingsAreRefusedWithAClearError() {
        assertThatThrownBy(() -> new PostgresConfig("mysql://x", "", "", 4)).hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> new PostgresConfig(PostgresConfig.DEFAULT_URL, "", "", 0))
                .hasMessageContaining("1 to 64");
    }

    @Test
    void theEnvironmentSuppliesDefaults() {
        var config = PostgresConfig.fromEnv(Map.of("ORDERING_PG_POOL", "6"));
        assertThat(config.url()).isEqualTo(PostgresConfig.DEFAULT_URL);
        assertThat(config.poolSize()).isEqualTo(6);
    }

    @Test
    void aTestDatabaseUrlKeepsItsParameters() {
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?user=postgres");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h:1?user=u", "x"))
                .isEqualTo("jdbc:postgresql://h:1/x?user=u");
    }
}
