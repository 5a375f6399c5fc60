package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

@DisplayNameGeneration(ReplaceUnderscores.class)
class ObservabilityFlagsTest {
    @TempDir
    Path dataDir;

    @Test
    void a_bad_observability_flag_stops_serve_with_one_line_naming_it_before_anything_starts() {
        List<List<String>> bad = List.of(
                List.of("--metrics-port", "70000"),
                List.of("--metrics-port", "-1"),
                List.of("--metrics-bind", "no-such-host.invalid"),
                List.of("--otlp-endpoint", "ftp://collector:4318"),
                List.of("--otlp-endpoint", "not a url"),
                List.of("--log-format", "xml"),
                List.of("--in-memory", "--metrics-port", "0"));
        for (List<String> flags : bad) {
            var args = new java.util.ArrayList<>(List.of("serve", "--data-dir", dataDir.toString()));
            args.addAll(flags);
            var run = OrderingCliTest.run(new Wiring(), args.toArray(String[]::new));
            assertThat(run.exitCode()).as(flags.toString()).isEqualTo(2);
            assertThat(run.err().lines()).as(flags.toString()).hasSize(1);
            assertThat(run.err())
                    .as(flags.toString())
                    .contains(flags.get(0).equals("--in-memory") ? "--metrics-port" : flags.get(0));
        }
        assertThat(dataDir.resolve(EmbeddedDatabase.CLUSTER_DIR))
                .as("nothing started")
                .doesNotExist();
    }

    @Test
    void help_documents_metrics_traces_and_the_log_format() {
        var run = OrderingCliTest.run(new Wiring(), "serve", "--help");
        assertThat(run.out()).contains("--metrics-port", "--metrics-bind", "--otlp-endpoint", "OTEL_*", "--log-format");
    }

    @Test
    void json_log_format_writes_one_object_a_line_with_the_trace_ids_of_the_logging_context() throws Exception {
        var captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogFormat.JSON.apply();
            MDC.put("trace_id", "0af7651916cd43dd8448eb211c80319c");
            LoggerFactory.getLogger("json-test").info("hello \"operator\"");
        } finally {
            MDC.clear();
            System.setErr(stderr);
            LogFormat.TEXT.load();
        }
        String line = captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(text -> text.contains("json-test"))
                .findFirst()
                .orElseThrow();
        var json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("hello \"operator\"");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("mdc").path("trace_id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }
}
