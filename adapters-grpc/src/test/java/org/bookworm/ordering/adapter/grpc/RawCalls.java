package org.bookworm.ordering.adapter.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Calls that send bytes no stub would: malformed protobuf bodies, as a hostile or broken client does. */
final class RawCalls {
    private RawCalls() {}

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
    };

    /** Sends {@code body} as the request of {@code method} with a bearer token and answers the raw reply. */
    static byte[] unary(Channel channel, MethodDescriptor<?, ?> method, String token, byte[] body) {
        var raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(method.getFullMethodName())
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        var authorized = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(
                authorized, raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body);
    }

    /** {@code depth} unknown groups (field 15) inside each other: protobuf refuses past 100 levels. */
    static byte[] nestedGroups(int depth) {
        byte[] body = new byte[depth * 2];
        for (int level = 0; level < depth; level++) {
            body[level] = (byte) ((15 << 3) | 3); // start group
            body[depth + level] = (byte) ((15 << 3) | 4); // end group
        }
        return body;
    }

    /** Every log record at WARNING or above, anywhere, while {@code action} runs. */
    static List<LogRecord> warningsDuring(Runnable action) {
        var records = new ArrayList<LogRecord>();
        var handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            action.run();
        } finally {
            root.removeHandler(handler);
        }
        synchronized (handler) {
            return List.copyOf(records);
        }
    }
}
