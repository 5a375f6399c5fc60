package org.bookworm.ordering.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class RedisConfigTest {

    @Test
    void without_the_environment_variable_redis_is_on_loopback_with_fail_fast_defaults() {
        RedisConfig config = RedisConfig.fromEnvironment(Map.of(RedisConfig.ENV_URI, "  "));

        assertThat(config.uri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.commandTimeout()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(config.basketTtl()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void the_environment_variable_names_the_server() {
        assertThat(RedisConfig.fromEnvironment(Map.of(RedisConfig.ENV_URI, "redis://cache.internal:6380/2"))
                        .uri())
                .isEqualTo("redis://cache.internal:6380/2");
    }

    @Test
    void a_password_in_the_uri_never_appears_in_the_rendered_config_or_its_errors() {
        RedisConfig config = RedisConfig.fromEnvironment(Map.of(RedisConfig.ENV_URI, "redis://app:s3cret@host:6379"));

        assertThat(config.toString()).doesNotContain("s3cret").contains("redis://***@host:6379");
        assertThatThrownBy(() -> config.withUri("http://app:s3cret@host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void bad_settings_are_refused_with_a_clear_message() {
        RedisConfig config = RedisConfig.fromEnvironment(Map.of());

        assertThatThrownBy(() -> config.withKeyPrefix(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key prefix");
        assertThatThrownBy(() -> config.withBasketTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basket TTL must be positive");
    }

    @Test
    void lettuce_is_configured_to_fail_fast_and_reconnect() {
        var options = RedisConnection.options(Duration.ofMillis(500));

        assertThat(options.isAutoReconnect()).isTrue();
        assertThat(options.getDisconnectedBehavior())
                .isEqualTo(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        assertThat(options.getRequestQueueSize()).isEqualTo(10_000);
        assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
    }
}
