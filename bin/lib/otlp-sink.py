#!/usr/bin/env python3
"""A do-nothing OTLP/HTTP receiver for benchmarks: answers 200 with an empty body (an empty Export*ServiceResponse)
to every POST and counts the requests and bytes it was sent. Usage: otlp-sink.py PORT (binds 127.0.0.1 only)."""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    posts = 0
    received = 0

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        Sink.posts += 1
        Sink.received += length
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # the bench script's readiness probe and a way to read the counts
        body = f"{Sink.posts} posts, {Sink.received} bytes\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
