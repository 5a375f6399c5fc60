package org.bookworm.ordering.adapter.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A one-connection SMTP server on a free loopback port that answers a script: its greeting, then 250 to EHLO/HELO and
 * MAIL, then the given reply to RCPT (and to DATA, if it gets that far), then 221 to QUIT. For replies GreenMail will
 * not give (a recipient refused for now or for good, a refused session). Closed within the test.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread serving;

    ScriptedSmtpServer(String greeting, String rcptReply) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        serving = Thread.ofVirtual().start(() -> serve(greeting, rcptReply));
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(String greeting, String rcptReply) {
        try (Socket client = socket.accept();
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream()) {
            reply(out, greeting);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 ok");
                    case "RCPT", "DATA" -> reply(out, rcptReply);
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "500 unknown command");
                }
            }
        } catch (IOException closed) {
            // the client hung up, or the test closed the server: nothing more to answer
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            serving.join(Duration.ofSeconds(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
