package org.bookworm.ordering.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.bookworm.ordering.adapter.grpc.DependencyHealth;

/**
 * Health's question to the SMTP server: does it greet a new connection with 220 within a second? It sends no mail
 * and says QUIT at once, so a probe every second costs the server one short connection.
 */
record SmtpProbe(String host, int port) implements DependencyHealth.Probe {
    private static final int TIMEOUT_MILLIS = 1_000;

    /** From {@code host:port}, as {@code --smtp} takes it. */
    static SmtpProbe of(String smtp) {
        int colon = smtp.lastIndexOf(':');
        try {
            return new SmtpProbe(smtp.substring(0, colon), Integer.parseInt(smtp.substring(colon + 1)));
        } catch (IndexOutOfBoundsException | NumberFormatException malformed) {
            throw new IllegalArgumentException("--smtp '" + smtp + "' is not host:port");
        }
    }

    @Override
    public void check() throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            var greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (greeting == null || !greeting.startsWith("220")) {
                throw new IOException("the SMTP server greeted with " + greeting);
            }
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
