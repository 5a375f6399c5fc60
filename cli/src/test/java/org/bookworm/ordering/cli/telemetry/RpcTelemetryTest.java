package org.bookworm.ordering.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The server span of a call (issue 17): made, with its attributes, only in a trace its sampler keeps; in a dropped
 * trace the call still has a trace id, for its appends and its log lines, and is still measured into Micrometer.
 * A real gRPC call through the interceptors {@link Telemetry} gives the server, in process, into an SDK whose spans,
 * OpenTelemetry metrics and sampler questions the test reads.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RpcTelemetryTest {
    private static final String SERVICE = "bookworm.test.v1.EchoService";
    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }
    };
    private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(SERVICE + "/Echo")
            .setRequestMarshaller(TEXT)
            .setResponseMarshaller(TEXT)
            .build();

    /** What the service saw while it handled a call: the current span and the log context's ids. */
    private record Seen(SpanContext span, String traceId, String spanId) {}

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader otelMetrics = InMemoryMetricReader.create();
    private final List<Attributes> askedWith = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private OpenTelemetrySdk sdk;
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
        if (sdk != null) {
            sdk.close();
        }
    }

    @Test
    void a_call_in_a_dropped_trace_makes_no_span_nor_its_attributes_yet_has_a_trace_id_and_is_measured() {
        serve(Sampler.alwaysOff());

        for (int call = 0; call < 3; call++) {
            assertThat(echo("hello", null)).isEqualTo("hello");
        }

        assertThat(spans.getFinishedSpanItems()).isEmpty();
        assertThat(askedWith)
                .as("the sampler decides each call at its root, before any attribute of the call is worked out")
                .hasSize(3)
                .allSatisfy(attributes -> assertThat(attributes.isEmpty()).isTrue());
        assertThat(otelMetrics.collectAllMetrics())
                .as("nothing is recorded into OpenTelemetry's meters: rpc.server.call.duration is Micrometer's")
                .isEmpty();
        assertThat(seen).hasSize(3).allSatisfy(handled -> {
            assertThat(handled.span().isValid())
                    .as("the call still has a trace id, for its appends")
                    .isTrue();
            assertThat(handled.span().isSampled()).isFalse();
            assertThat(handled.traceId())
                    .as("and its log lines")
                    .isEqualTo(handled.span().getTraceId());
            assertThat(handled.spanId()).isEqualTo(handled.span().getSpanId());
        });
        assertThat(seen.stream().map(handled -> handled.span().getTraceId()).distinct())
                .as("each call is a trace of its own")
                .hasSize(3);
        assertThat(meters.get("rpc.server.call.duration")
                        .tag("rpc.system", "grpc")
                        .tag("rpc.service", SERVICE)
                        .tag("rpc.method", "Echo")
                        .tag("rpc.grpc.status_code", "OK")
                        .timer()
                        .count())
                .isEqualTo(3);
        assertThat(MDC.get(LogContext.TRACE_ID)).isNull();
    }

    @Test
    void a_call_whose_caller_dropped_its_trace_joins_that_trace_and_makes_no_span() {
        serve(Sampler.parentBased(Sampler.alwaysOn()));
        String trace = "0af7651916cd43dd8448eb211c80319c";

        echo("hello", "00-" + trace + "-b7ad6b7169203331-00");

        assertThat(spans.getFinishedSpanItems()).isEmpty();
        assertThat(seen).singleElement().satisfies(handled -> {
            assertThat(handled.span().getTraceId()).isEqualTo(trace);
            assertThat(handled.span().isSampled()).isFalse();
            assertThat(handled.traceId()).isEqualTo(trace);
        });
    }

    @Test
    void a_kept_call_is_a_server_span_named_after_its_method_with_the_rpc_attributes_and_the_caller_s_parent() {
        serve(Sampler.parentBased(Sampler.alwaysOn()));
        String trace = "0af7651916cd43dd8448eb211c80319c";

        echo("hello", "00-" + trace + "-b7ad6b7169203331-01");
        assertThatThrownBy(() -> echo("fail", null))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL));

        // a server span may end just after the caller has its answer
        await().untilAsserted(() -> assertThat(spans.getFinishedSpanItems()).hasSize(2));
        SpanData kept = spans.getFinishedSpanItems().get(0);
        assertThat(kept.getName()).isEqualTo(SERVICE + "/Echo");
        assertThat(kept.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(kept.getTraceId()).isEqualTo(trace);
        assertThat(kept.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(kept.getParentSpanContext().isRemote()).isTrue();
        assertThat(kept.getAttributes().get(AttributeKey.stringKey("rpc.system")))
                .isEqualTo("grpc");
        assertThat(kept.getAttributes().get(AttributeKey.stringKey("rpc.service")))
                .isEqualTo(SERVICE);
        assertThat(kept.getAttributes().get(AttributeKey.stringKey("rpc.method")))
                .isEqualTo("Echo");
        assertThat(kept.getAttributes().get(AttributeKey.longKey("rpc.grpc.status_code")))
                .isEqualTo(0L);
        assertThat(kept.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(seen.get(0).span()).isEqualTo(kept.getSpanContext());
        assertThat(seen.get(0).traceId()).isEqualTo(trace);
        assertThat(seen.get(0).spanId()).isEqualTo(kept.getSpanId());

        SpanData failed = spans.getFinishedSpanItems().get(1);
        assertThat(failed.getParentSpanContext().isValid())
                .as("a call with no caller's trace is a root")
                .isFalse();
        assertThat(failed.getAttributes().get(AttributeKey.longKey("rpc.grpc.status_code")))
                .isEqualTo((long) Status.Code.INTERNAL.value());
        assertThat(failed.getStatus().getStatusCode())
                .as("a server error marks the span, as the RPC semantic conventions say")
                .isEqualTo(StatusCode.ERROR);
    }

    private void serve(Sampler sampler) {
        Sampler asking = new Sampler() {
            @Override
            public SamplingResult shouldSample(
                    Context parentContext,
                    String traceId,
                    String name,
                    SpanKind spanKind,
                    Attributes attributes,
                    List<LinkData> parentLinks) {
                askedWith.add(attributes);
                return sampler.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
            }

            @Override
            public String getDescription() {
                return "asking " + sampler.getDescription();
            }
        };
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setSampler(asking)
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(otelMetrics)
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        var echo = ServerServiceDefinition.builder(SERVICE)
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
                    seen.add(new Seen(
                            Span.current().getSpanContext(),
                            MDC.get(LogContext.TRACE_ID),
                            MDC.get(LogContext.SPAN_ID)));
                    if (request.equals("fail")) {
                        responses.onError(
                                Status.INTERNAL.withDescription("failed").asRuntimeException());
                        return;
                    }
                    responses.onNext(request);
                    responses.onCompleted();
                }))
                .build();
        String name = "rpc-telemetry-" + UUID.randomUUID();
        try {
            server = InProcessServerBuilder.forName(name)
                    .addService(ServerInterceptors.interceptForward(
                            echo, Telemetry.of(meters, sdk).interceptors()))
                    .build()
                    .start();
        } catch (IOException notStarted) {
            throw new IllegalStateException(notStarted);
        }
        channel = InProcessChannelBuilder.forName(name).build();
    }

    private String echo(String request, String traceparent) {
        var headers = new Metadata();
        if (traceparent != null) {
            headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), traceparent);
        }
        var call = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(call, ECHO, CallOptions.DEFAULT, request);
    }
}
