import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the server made with socket events at a 0 ms threshold (see bin/jfr-round-trips) and
 * prints socket writes per remote port, writes to PostgreSQL (5432) by the first frames of ours on the stack (a
 * pgjdbc statement is one write, so these are round trips by call site), divided by {@code per} when given, and the
 * execution samples by leaf frame and by our frames. Only events between {@code from} and {@code to} (epoch seconds)
 * count, when given.
 */
public class JfrRoundTrips {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JfrRoundTrips recording.jfr [per] [from-epoch-s to-epoch-s]");
            System.exit(2);
        }
        double per = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        Instant from = args.length > 3 ? Instant.ofEpochSecond(Long.parseLong(args[2])) : Instant.MIN;
        Instant to = args.length > 3 ? Instant.ofEpochSecond(Long.parseLong(args[3])) : Instant.MAX;
        Map<String, Integer> writes = new TreeMap<>();
        Map<String, Integer> bySite = new HashMap<>();
        Map<String, Integer> leaves = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        try (var recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.SocketWrite" -> {
                        String port = String.valueOf(event.getInt("port"));
                        writes.merge(port, 1, Integer::sum);
                        if (port.equals("5432")) {
                            bySite.merge(ours(event.getStackTrace(), 3), 1, Integer::sum);
                        }
                    }
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        var frames = event.getStackTrace().getFrames();
                        if (!frames.isEmpty()) {
                            var method = frames.get(0).getMethod();
                            leaves.merge(method.getType().getName() + "." + method.getName(), 1, Integer::sum);
                        }
                        ours.merge(ours(event.getStackTrace(), 2), 1, Integer::sum);
                    }
                    default -> {}
                }
            }
        }
        System.out.printf("socket writes by remote port: %s (per %s: divide by it below)%n", writes, per);
        print("round trips to PostgreSQL by our call site, per " + per, bySite, 45, per);
        System.out.printf("execution samples: %d%n", samples);
        print("execution samples by leaf frame", leaves, 25, 1);
        print("execution samples by our innermost frames", ours, 25, 1);
    }

    /** The innermost {@code depth} frames of org.bookworm code, JDBC helpers and telemetry wrappers left out. */
    private static String ours(RecordedStackTrace stack, int depth) {
        if (stack == null) {
            return "?";
        }
        List<String> names = new ArrayList<>();
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("org.bookworm") && !type.contains("Jdbc") && !type.contains("Telemetry")) {
                names.add(type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName());
                if (names.size() >= depth) {
                    break;
                }
            }
        }
        return names.isEmpty() ? "(none of ours)" : String.join(" < ", names);
    }

    private static void print(String title, Map<String, Integer> counts, int limit, double per) {
        System.out.println("== " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(entry -> System.out.printf("%9.2f  %s%n", entry.getValue() / per, entry.getKey()));
    }
}
