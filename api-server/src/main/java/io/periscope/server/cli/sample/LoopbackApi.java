package io.periscope.server.cli.sample;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** An HTTP API listening on loopback, whose traffic {@link TrafficRecorder} records. */
public interface LoopbackApi extends AutoCloseable {
    /** The loopback port the API listens on. */
    int port();

    @Override
    void close();

    /** Answers {@code exchange} with {@code status} and a JSON body, as every loopback API's handlers do. */
    static void respondJson(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
