import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Splits a server recording's CPU samples and allocation by telemetry cause (issue 17's overhead; see
 * bin/jfr-telemetry). A sample goes to the first frame, from the leaf up, that is not the JDK's own (so a HashMap read
 * done for a meter lookup counts as the meter's), or to its thread when the thread is one of the exporters'; the
 * frame's package names the cause. Prints execution samples, allocation (JFR's sampled weight, MB) and the top frames
 * of each telemetry cause, then the garbage collections.
 */
public class JfrTelemetry {
    /** Cause by package or class prefix of the first non-JDK frame, first match wins. */
    private static final List<String[]> BY_FRAME = List.of(
            new String[] {"org.bookworm.ordering.cli.telemetry.LogContext", "log MDC"},
            new String[] {"org.slf4j.MDC", "log MDC"},
            new String[] {"ch.qos.logback.classic.util.LogbackMDCAdapter", "log MDC"},
            new String[] {"org.bookworm.ordering.cli.telemetry.Traceparents", "spans: traceparent in/out"},
            new String[] {"org.bookworm.ordering.cli.telemetry.StoreGauges", "store gauges (sampler)"},
            new String[] {"org.bookworm.ordering.cli.telemetry.", "our decorators"},
            new String[] {"io.opentelemetry.api.trace.propagation", "spans: traceparent in/out"},
            new String[] {"io.opentelemetry.exporter", "OTLP span export"},
            new String[] {"io.opentelemetry.sdk.trace.export", "OTLP span export"},
            new String[] {"io.opentelemetry.instrumentation.grpc", "spans: gRPC instrumentation"},
            new String[] {"io.opentelemetry.", "spans: SDK and context"},
            new String[] {"io.micrometer.registry.otlp", "OTLP metrics push"},
            new String[] {"io.micrometer.core.instrument.binder", "JVM binders"},
            new String[] {"io.prometheus.", "Prometheus registry"},
            new String[] {"io.micrometer.prometheusmetrics", "Prometheus registry"},
            new String[] {"io.micrometer.", "meters: Micrometer recording"},
            new String[] {"org.HdrHistogram", "meters: Micrometer recording"},
            new String[] {"com.zaxxer.hikari.metrics", "HikariCP binder"},
            new String[] {"io.lettuce.core.metrics", "Lettuce binder"});

    /** Cause by thread name prefix: threads that exist only for telemetry. */
    private static final List<String[]> BY_THREAD = List.of(
            new String[] {"ordering-metrics-sampler", "store gauges (sampler)"},
            new String[] {"BatchSpanProcessor", "OTLP span export"},
            new String[] {"HttpClient", "OTLP span export"},
            new String[] {"otlp-metrics-publisher", "OTLP metrics push"},
            new String[] {"prometheus-http", "Prometheus scrape"});

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JfrTelemetry recording.jfr [top]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Map<String, Integer> samples = new TreeMap<>();
        Map<String, Double> allocated = new TreeMap<>();
        Map<String, Map<String, Integer>> frames = new TreeMap<>();
        Map<String, Integer> threads = new TreeMap<>();
        int total = 0;
        double totalBytes = 0;
        int collections = 0;
        Duration paused = Duration.ZERO;
        try (var recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        total++;
                        String[] cause = cause(event.getThread("sampledThread"), event.getStackTrace());
                        samples.merge(cause[0], 1, Integer::sum);
                        frames.computeIfAbsent(cause[0], k -> new TreeMap<>()).merge(cause[1], 1, Integer::sum);
                        RecordedThread thread = event.getThread("sampledThread");
                        threads.merge(thread == null ? "?" : group(thread.getJavaName()), 1, Integer::sum);
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        double bytes = event.getLong("weight");
                        totalBytes += bytes;
                        String[] cause = cause(event.getThread("eventThread"), event.getStackTrace());
                        allocated.merge(cause[0], bytes, Double::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        collections++;
                        paused = paused.plus(event.getDuration("sumOfPauses"));
                    }
                    default -> {}
                }
            }
        }
        System.out.printf("execution samples %d, allocation sampled %.0f MB%n%n", total, totalBytes / 1e6);
        System.out.println("| Cause | CPU samples | % of samples | Allocated MB | % of allocation |");
        System.out.println("|---|---|---|---|---|");
        var causes = new LinkedHashMap<String, Integer>();
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> causes.put(e.getKey(), e.getValue()));
        allocated.keySet().forEach(k -> causes.putIfAbsent(k, 0));
        for (var cause : causes.entrySet()) {
            double bytes = allocated.getOrDefault(cause.getKey(), 0.0);
            System.out.printf("| %s | %d | %.1f | %.0f | %.1f |%n", cause.getKey(), cause.getValue(),
                    100.0 * cause.getValue() / Math.max(1, total), bytes / 1e6, 100 * bytes / Math.max(1, totalBytes));
        }
        System.out.printf("%ngarbage collections %d, pauses %d ms in all%n", collections, paused.toMillis());
        System.out.println("\nsamples by thread group:");
        threads.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        for (var cause : frames.entrySet()) {
            if (cause.getKey().equals("not telemetry")) {
                continue;
            }
            System.out.println("\n" + cause.getKey() + ":");
            cause.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(top)
                    .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        }
    }

    /** The cause and the frame that decided it. */
    private static String[] cause(RecordedThread thread, RecordedStackTrace stack) {
        String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        String frame = stack == null ? "?" : firstOurs(stack);
        for (String[] rule : BY_THREAD) {
            if (name.startsWith(rule[0])) {
                return new String[] {rule[1], frame};
            }
        }
        for (String[] rule : BY_FRAME) {
            if (frame.startsWith(rule[0])) {
                String cause = rule[1];
                if (cause.startsWith("meters") || cause.equals("Prometheus registry")) {
                    cause = cause + " for " + meterCaller(stack);
                }
                return new String[] {cause, frame};
            }
        }
        return new String[] {"not telemetry", frame};
    }

    /** Who recorded into the meter: the first frame below the metrics libraries. */
    private static String meterCaller(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.lettuce.")) {
                return "Lettuce";
            }
            if (type.startsWith("com.zaxxer.hikari.")) {
                return "HikariCP";
            }
            if (type.startsWith("org.bookworm.")) {
                return type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$.*", "");
            }
        }
        return "?";
    }

    private static String firstOurs(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("com.sun."))) {
                return type + "." + frame.getMethod().getName();
            }
        }
        var frames = stack.getFrames();
        return frames.isEmpty() ? "?" : frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
    }

    private static String group(String thread) {
        return thread == null ? "?" : thread.replaceAll("[-#]?\\d+", "-N");
    }
}
