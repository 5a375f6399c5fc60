/**
 * The public gRPC API: one service class per proto service that only translates ({@code Wire} in, {@code Replies}
 * out, {@code Errors} for failures), the security interceptors and policy table, and {@link
 * org.bookworm.ordering.adapter.grpc.GrpcServer}, the server's lifecycle. Proto types never leave this package.
 */
@NullMarked
package org.bookworm.ordering.adapter.grpc;

import org.jspecify.annotations.NullMarked;
